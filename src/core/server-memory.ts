/**
 * What the page learnt about each Bokeh server it talked to, kept for the next visit (localStorage, like
 * bundles.ts): the server's release, so that the next connect chooses its BokehJS before the document arrives (the
 * bundled one is then not fetched for a server of another release), and for a server rendered with its own
 * BokehJS, that BokehJS's bundle URLs and which of them each app needed, so that they are fetched while the
 * session opens. Nothing here loads anything.
 */

export interface ServerMemory {
  /** The release the server reported with its last document. */
  version: string
  /** Its BokehJS bundles' URLs (core, widgets, ...), as its autoload.js names them. */
  bokehjs?: Record<string, string>
  /** By app URL: the optional bundles its last document needed ("widgets", "tables", "gl", "mathjax"). */
  used?: Record<string, string[]>
}

/** The server's root: the app URL's parent (`http://host:5006/prefix/app` -> `http://host:5006/prefix/`). */
export function serverRootOf(appUrl: string): string {
  return new URL(".", `${appUrl.replace(/\/$/, "")}`).href
}

const storageKey = (appUrl: string): string => `bokeh-session:server:${serverRootOf(appUrl)}`

/** What the page remembers of the server of `appUrl`, or null. */
export function readServerMemory(appUrl: string): ServerMemory | null {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(storageKey(appUrl)) ?? "null")
    return stored !== null && typeof stored === "object" && typeof (stored as ServerMemory).version === "string"
      ? (stored as ServerMemory)
      : null
  } catch {
    return null
  }
}

/**
 * Records that the server of `appUrl` runs `version`, with `update` merged into what is remembered of it (all of
 * which is dropped when the server now runs another release).
 */
export function rememberServer(
  appUrl: string,
  version: string,
  update: Partial<Omit<ServerMemory, "version">> = {},
): void {
  const known = readServerMemory(appUrl)
  const memory: ServerMemory = {...(known?.version === version ? known : {}), ...update, version}
  try {
    localStorage.setItem(storageKey(appUrl), JSON.stringify(memory))
  } catch {
    // Storage may be disabled, full, or absent (sandboxed frames): the memory is only an optimization.
  }
}
