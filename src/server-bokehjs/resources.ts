/**
 * Where a Bokeh server's own BokehJS bundles are: as its autoload.js for the session names them (with the `?v=`
 * hashes that let the browser cache them for good, behind `--prefix`, or on Bokeh's CDN if the server is set up so:
 * src/driver/embed-resources.ts), remembered for the next visit (src/core/server-memory.ts); by Bokeh's convention
 * (`<server root>/static/js/bokeh.min.js`) when autoload.js cannot be read.
 */
import {readServerMemory, rememberServer} from "../core/server-memory.js"
import {embedResourcesOf, type BokehJsBundle} from "../driver/embed-resources.js"

export type BundleUrls = Partial<Record<BokehJsBundle, string>>

const FILES: Record<BokehJsBundle, string> = {
  core: "bokeh.min.js",
  gl: "bokeh-gl.min.js",
  widgets: "bokeh-widgets.min.js",
  tables: "bokeh-tables.min.js",
  mathjax: "bokeh-mathjax.min.js",
  api: "bokeh-api.min.js",
}

/** Bokeh's own path for a bundle: `static/js/<file>` under the server's root (the app URL's parent). */
export function conventionalUrl(appUrl: string, bundle: BokehJsBundle): string {
  return new URL(`static/js/${FILES[bundle]}`, appUrl).href
}

/** Per app URL and page. */
const known = new Map<string, BundleUrls>()

/** The remembered URLs of the server of `appUrl`, if it runs `version` (or any release, for null). */
export function rememberedUrls(appUrl: string, version: string | null): BundleUrls | null {
  const memory = readServerMemory(appUrl)
  return memory?.bokehjs != null && (version == null || memory.version === version) ? memory.bokehjs : null
}

/**
 * The bundle URLs of the server of `appUrl`: remembered, else from autoload.js for the session `sessionId` (asked
 * once `answered` says the session exists: asked earlier, autoload.js would create it, without its arguments).
 */
export async function bundleUrls(
  appUrl: string,
  version: string | null,
  sessionId: string,
  answered: Promise<boolean>,
): Promise<BundleUrls> {
  const cached = known.get(appUrl) ?? rememberedUrls(appUrl, version)
  if (cached != null) {
    known.set(appUrl, cached)
    return cached
  }
  const resources = (await answered) ? await embedResourcesOf(appUrl, sessionId) : null
  const urls: BundleUrls = resources?.bokehjs.core != null ? resources.bokehjs : {core: conventionalUrl(appUrl, "core")}
  known.set(appUrl, urls)
  return urls
}

/** Remembers, for the next visit, the URLs and that the server runs `version` (its BokehJS's release). */
export function rememberUrls(appUrl: string, version: string, urls: BundleUrls): void {
  rememberServer(appUrl, version, {bokehjs: urls as Record<string, string>})
}

/** The bundles the last document of `appUrl` needed, remembered so that the next visit fetches them early. */
export function rememberedUse(appUrl: string): BokehJsBundle[] {
  return (readServerMemory(appUrl)?.used?.[appUrl] ?? []) as BokehJsBundle[]
}

export function rememberUse(appUrl: string, version: string, used: readonly BokehJsBundle[]): void {
  const memory = readServerMemory(appUrl)
  const previous = memory?.used?.[appUrl] ?? []
  if (previous.length !== used.length || used.some((name) => !previous.includes(name))) {
    rememberServer(appUrl, version, {used: {...memory?.used, [appUrl]: [...used]}})
  }
}
