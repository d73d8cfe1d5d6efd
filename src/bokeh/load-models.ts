/**
 * Loads the BokehJS code a document needs, and only that, before BokehJS deserializes it: widgets and tables are
 * separate chunks that a plot-only document never fetches, and MathJax (~600 KB gzip) is fetched only for a
 * document that typesets math.
 */
import {default_resolver} from "@bokeh/bokehjs/build/js/lib/base"
import {default_provider} from "@bokeh/bokehjs/build/js/lib/models/text/providers"
import {version as bokehJsVersion} from "@bokeh/bokehjs/build/js/lib/version"
import {unknownModels} from "./failures.js"
import {OPTIONAL_BUNDLES, rememberBundles, type OptionalBundle} from "../core/bundles.js"
import {TABLE_MODELS, documentUsesMath, referencedModelTypes} from "./models.js"

// This module runs right after BokehJS's core models register and before any optional bundle can (they import
// the core), so these are the core's models.
const coreModels = new Set(default_resolver.names)

/** Registers the widget and table models the document needs, loading their code only then. */
export async function loadModelsFor(docJson: unknown): Promise<void> {
  const types = [...referencedModelTypes(docJson)]
  const bundles: OptionalBundle[] = []
  if (types.some((name) => !coreModels.has(name))) {
    bundles.push("widgets")
    if (types.some((name) => TABLE_MODELS.has(name))) {
      bundles.push("tables")
    }
  }
  rememberBundles(bundles)
  const missing = () => types.filter((name) => default_resolver.get(name) == null)
  const loads: Promise<unknown>[] = missing().length > 0 ? bundles.map((name) => OPTIONAL_BUNDLES[name]()) : []
  const mathJax = prepareMathJax(docJson)
  if (mathJax != null) {
    loads.push(mathJax)
  }
  await Promise.all(loads)
  const unknown = missing()
  if (unknown.length > 0) {
    throw unknownModels(unknown, bokehJsVersion)
  }
}

/** Whether this module, not a real failure, set BokehJS's MathJax provider to "failed". */
let mathJaxDeclined = false

/**
 * Every BokehJS widget view awaits `default_provider.fetch()`, which in a bundled build always imports the ~2 MB
 * MathJax chunk (BokehJS's own bundles skip it only because bokeh-mathjax.js may be absent). "failed" is
 * BokehJS's state for "no MathJax, show TeX as text": views then render at once. A later document that does use
 * math resets it and fetches MathJax, in parallel with its other bundles.
 */
function prepareMathJax(docJson: unknown): Promise<void> | null {
  if (documentUsesMath(docJson)) {
    if (mathJaxDeclined && default_provider.status === "failed") {
      default_provider.status = "not_started"
    }
    mathJaxDeclined = false
    return default_provider.status === "not_started" ? default_provider.fetch() : null
  }
  if (default_provider.status === "not_started") {
    default_provider.status = "failed"
    mathJaxDeclined = true
  }
  return null
}
