/**
 * Loads a Bokeh server's own BokehJS into the page beside any other (the bundled one, the page's own, other
 * servers' releases), as BokehJS's UMD bundles are made to share a page (bokeh#9846): each registers itself as
 * `Bokeh[version]`. The core bundle runs with a stand-in `window.Bokeh` (src/driver/scripts.ts), so it registers
 * there and never becomes the page's `window.Bokeh`; plugin bundles (widgets, tables, gl, mathjax, extensions) and
 * inline model code run with that BokehJS as theirs. One copy per release and page: a release the page already has
 * as `Bokeh[version]` (the page's own embed of a server of that release) is used as it is.
 */
import {BokehSessionError} from "../core/errors.js"
import {loadScript, pageBokeh, runInlineScript} from "../driver/scripts.js"
import {once} from "../driver/extensions.js"
import {isBokeh, type ServerBokeh} from "./api.js"

/** By core bundle URL, and by release once known. */
const byUrl = new Map<string, Promise<ServerBokeh>>()
const byVersion = new Map<string, Promise<ServerBokeh>>()

/**
 * The BokehJS of the core bundle at `url`, which should be `version` (as the server's document states it; null when
 * not known yet). Rejects with `load-failed`.
 */
export function loadServerBokehJs(url: string, version: string | null): Promise<ServerBokeh> {
  const known = (version == null ? null : byVersion.get(version)) ?? byUrl.get(url)
  if (known != null) {
    return known
  }
  const page = pageBokeh() as Record<string, unknown> | undefined
  const own = version == null ? undefined : page?.[version]
  const loading = isBokeh(own, version) ? Promise.resolve(own) : loadCore(url)
  byUrl.set(url, loading)
  if (version != null) {
    byVersion.set(version, loading)
  }
  loading.then(
    (bokeh) => {
      if (!byVersion.has(bokeh.version)) {
        byVersion.set(bokeh.version, loading)
      }
    },
    () => {
      // Tried again by the next connect.
      byUrl.delete(url)
      if (version != null && byVersion.get(version) === loading) {
        byVersion.delete(version)
      }
    },
  )
  return loading
}

async function loadCore(url: string): Promise<ServerBokeh> {
  // The core bundle takes `window.Bokeh` unless one marked `__bokeh__` is there, and registers itself in it.
  const slot: Record<string, unknown> = {__bokeh__: true}
  try {
    await loadScript(url, slot)
  } catch (error) {
    throw new BokehSessionError(
      "load-failed",
      `Could not load the Bokeh server's BokehJS from ${url}, which renders its documents (the server runs ` +
        `another release than the bundled BokehJS): check that the server (or a proxy in front of it) serves its ` +
        `static files at that address; restart() tries again.`,
      {cause: error},
    )
  }
  const registered = Object.values(slot).find((value) => isBokeh(value, null))
  if (registered == null) {
    throw new BokehSessionError(
      "load-failed",
      `${url} loaded but registered no BokehJS (Bokeh[version]): it is not a BokehJS 3 bundle, or it threw (see the ` +
        `browser console).`,
    )
  }
  return registered
}

/** `bokeh` as its own plugins and inline model code see it: `Bokeh[version]` and `Bokeh.register_plugin` alike. */
export function pluginView(bokeh: ServerBokeh): object {
  return new Proxy(bokeh, {
    get: (target, key, receiver) => (key === target.version ? target : (Reflect.get(target, key, receiver) as unknown)),
  })
}

const plugins = new WeakMap<ServerBokeh, Map<string, Promise<void>>>()
const ranPlugins = new WeakMap<ServerBokeh, Set<string>>()
const ranInline = new WeakMap<ServerBokeh, Set<string>>()

/** Loads the plugin bundle at `url` into `bokeh`, once per page (a failed load is tried again). */
export function loadPlugin(bokeh: ServerBokeh, url: string): Promise<void> {
  let loaded = plugins.get(bokeh)
  if (loaded == null) {
    loaded = new Map()
    plugins.set(bokeh, loaded)
  }
  return once(loaded, url, async () => {
    await loadScript(url, pluginView(bokeh))
    let ran = ranPlugins.get(bokeh)
    if (ran == null) {
      ran = new Set()
      ranPlugins.set(bokeh, ran)
    }
    ran.add(url)
  })
}

/** Whether the plugin bundle at `url` ran in `bokeh` already (a document needing it then waits for nothing). */
export function ranPlugin(bokeh: ServerBokeh, url: string): boolean {
  return ranPlugins.get(bokeh)?.has(url) === true
}

/** Runs inline model code against `bokeh`, once per page. */
export function runInline(bokeh: ServerBokeh, code: string): void {
  let ran = ranInline.get(bokeh)
  if (ran == null) {
    ran = new Set()
    ranInline.set(bokeh, ran)
  }
  if (!ran.has(code)) {
    ran.add(code)
    runInlineScript(code, pluginView(bokeh))
  }
}
