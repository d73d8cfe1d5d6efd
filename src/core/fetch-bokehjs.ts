/**
 * Fetching the bundled BokehJS without running it. A page that knows nothing of a server fetches it with the
 * socket (most servers run its release); running its core takes the main thread for a few hundred milliseconds,
 * which a session whose server runs another release needs for that server's own BokehJS. So the first script
 * fetches it with `<link rel="modulepreload">` (fetched and parsed, not run), and the session code runs it once it
 * is there, or once the document has said it needs it, whichever comes first (src/session/choose-bokehjs.ts).
 */

/**
 * The chunks an import of the bundled BokehJS fetches that the first script does not fetch anyway, relative to this
 * file and separated by spaces, written in by the build (build/vite/preload-dynamic-deps.mjs). Under `vite` (the
 * demo's dev server) the marker stays, and nothing is fetched ahead. The chunk with this file reaches the bundled
 * BokehJS by `import()` (through the session code), so its name's hash covers those chunks' names.
 */
const CHUNKS = "chunks-of:src/bokeh/adapter.ts"

let fetching: Promise<unknown> | undefined

/** Settles once the bundled BokehJS is fetched (or its fetch failed: the import that follows reports it). */
export function fetchBundledBokehJs(): Promise<unknown> {
  return (fetching ??= Promise.all(CHUNKS.endsWith(".js") ? CHUNKS.split(" ").map(preloadModule) : []))
}

/** A `<link rel="modulepreload">` for `chunk`, left in place once loaded, as Vite's own preloads are. */
const preloadModule = (chunk: string): Promise<unknown> =>
  new Promise((settled) =>
    document.head.append(
      Object.assign(document.createElement("link"), {
        rel: "modulepreload",
        href: new URL(chunk, import.meta.url).href,
        onload: settled,
        onerror: settled,
      }),
    ),
  )
