/**
 * Loads the code of custom models from the app's own Bokeh server, as Bokeh's own embed (autoload.js) does: the
 * bundles of packaged extensions (`<server>/static/extensions/<package>/<file>.js`, what `bokeh build` writes and
 * the server serves; Panel is one) and the compiled inline TypeScript models the app published. Loaded with
 * `import()` only when a document or patch names a type nothing else resolves.
 *
 * The code is BokehJS's plugin format: `factory(root["Bokeh"], version)` then `Bokeh.register_plugin(...)`. It
 * registers with this build's BokehJS through the `Bokeh` global (bokeh-global.ts), which `window.Bokeh` is while
 * the code runs, even when the page has a `Bokeh` of its own.
 */
import * as tslib from "tslib"
import {version as bokehJsVersion} from "@bokeh/bokehjs/build/js/lib/version.js"
import {bokeh, provideModules} from "./bokeh-global.js"
import {packageOf, type PublishedModels} from "./published.js"
import {trustedScript, trustedScriptURL} from "./trusted-sinks.js"

// `bokeh build` leaves tslib out of every bundle (BokehJS's own bundle provides it); here it costs bytes only on
// pages that load an extension. More BokehJS modules would not: a module's namespace keeps all its exports in the
// core chunk (core/dom, core/kinds and four more cost ~2.8 KB gzip there), so they are added to the global's map
// when an extension needs them (the Bokeh.require error names the missing module).
provideModules([["tslib", tslib]])

/** How one connection loads custom model code. */
export interface ExtensionContext {
  /** The app URL (`http://host:5006/app`): code is loaded from its origin only. */
  readonly appUrl: string
  /** What the app published (python/bokeh_session_models.py), if anything. */
  readonly published: PublishedModels | null
  /** A version mismatch between an extension and this build's BokehJS. */
  warn(message: string): void
}

/** What a load tried, for the `unknown-model` message when types are still missing after it. */
export interface ExtensionAttempt {
  /** The bundle URLs tried that did not load (404, refused, network). */
  readonly failed: string[]
  /** The bundle URLs that loaded (a bundle that throws, e.g. on a module this build lacks, still loads). */
  readonly loaded: string[]
  /** Whether the app published inline model code that ran. */
  readonly ranInline: boolean
}

// Per page, like BokehJS's model registry that this code fills: a bundle registers its models once for every
// document of the page, so it is fetched once (a failed one is tried again by the next document or patch).
const loadedBundles = new Map<string, Promise<void>>()
const ranInlineCode = new Set<string>()
/** The BokehJS version each bundle's prelude asked the global for (`factory(root["Bokeh"], "3.8.1")`). */
const askedVersions = new Map<string, string>()

/** Loads the code for the types `missing()` names (those BokehJS cannot resolve yet) from the app's server. */
export async function loadExtensions(
  missing: () => readonly string[],
  context: ExtensionContext,
): Promise<ExtensionAttempt> {
  const published = context.published
  let ranInline = false
  for (const code of published?.inline ?? []) {
    ranInline = true
    if (!ranInlineCode.has(code)) {
      ranInlineCode.add(code)
      runInline(code)
    }
  }
  // Inline code first: its types need no bundle (and may have dotted names, like a package's).
  const packages = new Set(
    missing()
      .map(packageOf)
      .filter((name): name is string => name != null),
  )
  const failed: string[] = []
  const loaded: string[] = []
  await Promise.all(
    [...packages].map(async (name) => {
      const entry = published?.extensions.get(name)
      // Published: the exact file autoload.js names. Else Bokeh's convention for `bokeh build` output: the
      // server serves `<package>.min.js` (its default, minified resources) or `<package>.js`.
      const paths =
        entry != null
          ? [entry.path]
          : [`static/extensions/${name}/${name}.min.js`, `static/extensions/${name}/${name}.js`]
      for (const path of paths) {
        const url = sameOriginUrl(path, context.appUrl)
        if (url == null) {
          failed.push(`${path} (not on the app's server, refused)`)
          continue
        }
        try {
          await loadBundle(url)
        } catch {
          failed.push(url)
          continue
        }
        loaded.push(url)
        const asked = askedVersions.get(url)
        const builtWith = asked ?? (entry?.bokehVersion || null)
        if (builtWith != null && builtWith !== bokehJsVersion) {
          context.warn(extensionVersionMismatch(name, url, builtWith, bokehJsVersion))
        }
        return
      }
    }),
  )
  return {failed, loaded, ranInline}
}

/** A version mismatch: the extension still loads, but it was compiled against another BokehJS's models. */
export function extensionVersionMismatch(name: string, url: string, builtWith: string, bokehJs: string): string {
  return (
    `The extension ${name} (${url}) was built for BokehJS ${builtWith} but this page bundles BokehJS ${bokehJs}: ` +
    `it may fail to render. Rebuild it with bokeh==${bokehJs} (bokeh build), or pin the server's Bokeh to ` +
    `${builtWith} and use the bokeh-session build for it.`
  )
}

/** `path` resolved against the app URL, or null when it leaves the app's origin. */
function sameOriginUrl(path: string, appUrl: string): string | null {
  const app = new URL(appUrl)
  // Relative to the app's parent: `http://host/prefix/app` + `static/...` -> `http://host/prefix/static/...`, where
  // a server started with --prefix serves its static files.
  const url = new URL(path, app)
  return url.origin === app.origin ? url.href : null
}

function loadBundle(url: string): Promise<void> {
  let loading = loadedBundles.get(url)
  if (loading == null) {
    loading = withOwnBokeh(
      () =>
        new Promise<void>((resolve, reject) => {
          const script = document.createElement("script")
          // A TrustedScriptURL under require-trusted-types-for 'script' (the DOM's types say string only).
          script.src = trustedScriptURL(url) as string
          script.async = true
          script.onload = () => {
            script.remove()
            resolve()
          }
          script.onerror = () => {
            script.remove()
            reject(new Error(`Could not load ${url}`))
          }
          document.head.append(script)
        }),
    )
    loadedBundles.set(url, loading)
    loading.catch(() => loadedBundles.delete(url))
  }
  return loading
}

/**
 * Runs published inline model code (what autoload.js inlines) as a classic script, synchronously: the page's
 * Content-Security-Policy must allow inline scripts (as it must for Bokeh's own embed). An exception inside it is
 * reported by the browser; the types it should have registered then stay unknown (`unknown-model`).
 */
function runInline(code: string): void {
  void withOwnBokeh(() => {
    const script = document.createElement("script")
    script.textContent = trustedScript(code) as string
    document.head.append(script)
    script.remove()
    return Promise.resolve()
  })
}

/** Loads in flight: `window.Bokeh` is this build's global (behind a recorder) until the last one settles. */
let ownBokehLoads = 0
let pageBokeh: PropertyDescriptor | undefined

/**
 * Plugin code binds to `window.Bokeh` when it runs. A page may have its own (Bokeh's bokeh.min.js, another
 * bokeh-session build): while this build's code loads, `window.Bokeh` is this build's, and then the page's again.
 * The recorder answers a bundle that asks for its own BokehJS version (`Bokeh["3.8.1"]`) with this build, and
 * remembers the version for the warning.
 */
async function withOwnBokeh(load: () => Promise<void>): Promise<void> {
  const scope = globalThis as {Bokeh?: unknown}
  if (ownBokehLoads++ === 0) {
    pageBokeh = Object.getOwnPropertyDescriptor(globalThis, "Bokeh")
    scope.Bokeh = recorder
  }
  try {
    await load()
  } finally {
    // Restored only if nothing replaced it meanwhile (the page may load its own BokehJS at any time).
    if (--ownBokehLoads === 0 && scope.Bokeh === recorder) {
      if (pageBokeh == null) {
        delete scope.Bokeh
      } else {
        Object.defineProperty(globalThis, "Bokeh", pageBokeh)
      }
      pageBokeh = undefined
    }
  }
}

const VERSION_KEY = /^\d+\.\d+\.\d+/

const recorder = new Proxy(bokeh, {
  get(target, key, receiver) {
    if (typeof key === "string" && VERSION_KEY.test(key) && key !== bokehJsVersion) {
      const script = document.currentScript
      if (script instanceof HTMLScriptElement && script.src !== "") {
        askedVersions.set(script.src, key)
      }
      return target
    }
    return Reflect.get(target, key, receiver) as unknown
  },
})
