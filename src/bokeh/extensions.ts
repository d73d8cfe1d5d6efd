/**
 * Custom model code (packaged extensions, inline models) for the bundled BokehJS: what src/driver/extensions.ts
 * loads, run against this build's BokehJS. The code is BokehJS's plugin format, `factory(root["Bokeh"], version)`
 * then `Bokeh.register_plugin(...)`: while it runs it sees this build's `Bokeh` (bokeh-global.ts) as
 * `window.Bokeh`, even when the page has a `Bokeh` of its own (src/driver/scripts.ts). Loaded with `import()` only
 * when a document or patch names a type nothing else resolves.
 */
import * as tslib from "tslib"
import {version as bokehJsVersion} from "@bokeh/bokehjs/build/js/lib/version.js"
import {bokeh, provideModules} from "./bokeh-global.js"
import {embedResourcesOf} from "../driver/embed-resources.js"
import {loadExtensions, once, type ExtensionAttempt} from "../driver/extensions.js"
import type {PublishedModels} from "../driver/published.js"
import {loadScript, runInlineScript} from "../driver/scripts.js"
import {trustedScript, trustedScriptURL} from "./trusted-sinks.js"

// `bokeh build` leaves tslib out of every bundle (BokehJS's own bundle provides it); here it costs bytes only on
// pages that load an extension. More BokehJS modules would not: a module's namespace keeps all its exports in the
// core chunk (core/dom, core/kinds and four more cost ~2.8 KB gzip there), so they are added to the global's map
// when an extension needs them (the Bokeh.require error names the missing module).
provideModules([["tslib", tslib]])

// Per page, like BokehJS's model registry that this code fills: a bundle registers its models once for every
// document of the page, so it is fetched once (a failed one is tried again by the next document or patch).
const loadedBundles = new Map<string, Promise<void>>()
const ranInlineCode = new Set<string>()
/** The BokehJS version each bundle's prelude asked the global for (`factory(root["Bokeh"], "3.8.1")`). */
const askedVersions = new Map<string, string>()

/** How one connection of the bundled BokehJS loads custom model code. */
export interface BundledExtensionContext {
  readonly appUrl: string
  readonly sessionId: string
  readonly published: PublishedModels | null
  warn(message: string): void
}

/** Loads the code for the types `missing()` names from the app's server, against this build's BokehJS. */
export function loadBundledExtensions(
  missing: () => readonly string[],
  context: BundledExtensionContext,
): Promise<ExtensionAttempt> {
  return loadExtensions(missing, {
    appUrl: context.appUrl,
    published: context.published,
    embedResources: () => embedResourcesOf(context.appUrl, context.sessionId),
    loadBundle: (url) => once(loadedBundles, url, () => loadScript(url, recorder, trustedScriptURL)),
    runInline(code) {
      if (!ranInlineCode.has(code)) {
        ranInlineCode.add(code)
        runInlineScript(code, recorder, trustedScript)
      }
    },
    loadedBundle(name, url, builtWith) {
      const asked = askedVersions.get(url) ?? builtWith
      if (asked != null && asked !== bokehJsVersion) {
        context.warn(extensionVersionMismatch(name, url, asked, bokehJsVersion))
      }
    },
  })
}

/** A version mismatch: the extension still loads, but it was compiled against another BokehJS's models. */
export function extensionVersionMismatch(name: string, url: string, builtWith: string, bokehJs: string): string {
  return (
    `The extension ${name} (${url}) was built for BokehJS ${builtWith}, but this document is rendered with ` +
    `BokehJS ${bokehJs}, the server's release: it may fail to render (Bokeh's own embed refuses it: "Cannot find ` +
    `Bokeh ${builtWith}"). Rebuild it with bokeh==${bokehJs} (bokeh build).`
  )
}

const VERSION_KEY = /^\d+\.\d+\.\d+/

/**
 * This build's `Bokeh` as plugin code sees it: a bundle that asks for its own BokehJS version (`Bokeh["3.8.1"]`) is
 * answered with this build, and the version is remembered for the warning.
 */
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
