/**
 * The model code of a document rendered with its server's own BokehJS, as the driver asks for it
 * (src/driver/prepare-models.ts): that server's widgets, tables, gl and mathjax bundles, each only when the document
 * (or a later patch) needs it, where Bokeh's own embed loads all of them for every app; and the custom models'
 * code (extensions, inline models) that the server's autoload.js names.
 */
import {rememberBundles} from "../driver/remember-bundles.js"
import {loadExtensions} from "../driver/extensions.js"
import {embedResourcesOf, type BokehJsBundle} from "../driver/embed-resources.js"
import {TABLE_MODELS, documentUsesMath, forEachJsonObject} from "../driver/models.js"
import type {ModelCode} from "../driver/prepare-models.js"
import {readPublishedModels, type PublishedModels} from "../driver/published.js"
import type {TypeResolver} from "../driver/bokehjs-api.js"
import type {ServerBokeh} from "./api.js"
import {loadPlugin, ranPlugin, runInline} from "./load.js"
import {conventionalUrl, rememberUse, type BundleUrls} from "./resources.js"

export interface ServerModelContext {
  readonly bokeh: ServerBokeh
  readonly resolver: TypeResolver
  readonly appUrl: string
  readonly sessionId: string
  /** The server's release, as its document states it. */
  readonly serverVersion: string
  readonly urls: BundleUrls
  readonly extensions: string
}

/** Whether a plot of `json` draws with WebGL (`output_backend="webgl"`), which the gl bundle does. */
function usesWebGl(json: unknown): boolean {
  let found = false
  forEachJsonObject(json, (record) => {
    const attributes = record.attributes as Record<string, unknown> | undefined
    found = attributes?.output_backend === "webgl"
    return found
  })
  return found
}

interface MathJaxProvider {
  status: string
}

export function serverModelCode(context: ServerModelContext): ModelCode {
  const {bokeh, appUrl} = context
  let published: PublishedModels | null = null
  const urlOf = (name: BokehJsBundle): string => context.urls[name] ?? conventionalUrl(appUrl, name)
  return {
    version: bokeh.version,
    resolver: context.resolver,
    loadBundles(json, _types, missing, isDocument) {
      const bundles: BokehJsBundle[] = []
      if (missing.length > 0) {
        bundles.push("widgets")
        if (missing.some((name) => TABLE_MODELS.has(name))) {
          bundles.push("tables")
        }
      }
      if (usesWebGl(json)) {
        bundles.push("gl")
      }
      const math = documentUsesMath(json)
      if (math) {
        bundles.push("mathjax")
      }
      if (isDocument) {
        rememberUse(appUrl, context.serverVersion, bundles)
        // The page's hint for the next visit: this document needed no bundled BokehJS.
        rememberBundles([])
      }
      // Only what did not run yet: a patch that needs nothing new applies at once, in its own task.
      const loads = bundles
        .filter((name) => !ranPlugin(bokeh, urlOf(name)))
        .map((name) => loadPlugin(bokeh, urlOf(name)))
      if (math && loads.length > 0) {
        // After the mathjax bundle ran (plugins run in the order they were asked for).
        loads.push(loads.at(-1)!.then(() => resetMathJax(bokeh)))
      }
      return loads
    },
    customEnabled: context.extensions !== "none",
    loadCustom(json, missing) {
      published = readPublishedModels(json) ?? published
      return loadExtensions(missing, {
        appUrl,
        published,
        embedResources: () => embedResourcesOf(appUrl, context.sessionId),
        loadBundle: (url) => loadPlugin(bokeh, url),
        runInline: (code) => runInline(bokeh, code),
      })
    },
  }
}

/**
 * BokehJS's MathJax provider fetches once: without the mathjax bundle (a document without math) it settles on
 * "failed" (TeX as text). Once the bundle is loaded for a later document, it may fetch again.
 */
function resetMathJax(bokeh: ServerBokeh): void {
  const {default_provider} = bokeh.require("models/text/providers") as {default_provider: MathJaxProvider}
  if (default_provider.status === "failed") {
    default_provider.status = "not_started"
  }
}
