/**
 * The bundled BokehJS's optional code, as the driver asks for it (src/driver/prepare-models.ts): widgets and
 * tables are separate chunks that a plot-only document never fetches, and MathJax (~600 KB gzip) is fetched only
 * for a document that typesets math.
 */
// The core models register first, so that `coreModels` below is exactly the core's.
import "@bokeh/bokehjs/build/js/lib/models/main"
import {default_resolver} from "@bokeh/bokehjs/build/js/lib/base"
import {default_provider} from "@bokeh/bokehjs/build/js/lib/models/text/providers"
import {BokehSessionError, loaded} from "../core/errors.js"
import type {OptionalBundle} from "../core/bundles.js"
import {OPTIONAL_BUNDLES} from "../core/optional-bundles.js"
import {rememberBundles} from "../driver/remember-bundles.js"
import {TABLE_MODELS, documentUsesMath} from "../driver/models.js"

// No optional bundle can register before this module runs (they are loaded by it), so these are the core's.
const coreModels = new Set(default_resolver.names)

/** The bundles passed to rememberBundles during this page load. */
const remembered = new Set<OptionalBundle>()

/** The loads `json` needs: the widget or table chunks for its missing types, and MathJax for its math. */
export function loadBundledCode(
  json: unknown,
  types: readonly string[],
  missing: readonly string[],
  isDocument: boolean,
): Promise<unknown>[] {
  // Every type that neither the core nor the document's own definitions provide comes from the widgets bundle,
  // or from the tables bundle (which needs the widgets too); a type in neither is reported once both are loaded.
  // Types of a bundle loaded already (prefetched) count too: the next visit should prefetch it again.
  const optional = types.filter(
    (name) => !coreModels.has(name) && (default_resolver.get(name) != null || missing.includes(name)),
  )
  const bundles: OptionalBundle[] = []
  if (optional.length > 0) {
    bundles.push("widgets")
    if (optional.some((name) => TABLE_MODELS.has(name))) {
      bundles.push("tables")
    }
  }
  // Patches come often, so they write to storage only when they need a bundle no document of this page load needed.
  if (isDocument || bundles.some((name) => !remembered.has(name))) {
    rememberBundles(["bundled", ...bundles])
    bundles.forEach((name) => remembered.add(name))
  }
  // Imported again on every need: a failed import (load-failed) is not kept, so the next connect fetches anew.
  const loads: Promise<unknown>[] = missing.length > 0 ? bundles.map((name) => loaded(OPTIONAL_BUNDLES[name]())) : []
  const mathJax = prepareMathJax(json)
  if (mathJax != null) {
    loads.push(mathJax)
  }
  return loads
}

/** Whether this module, not a real failure, set BokehJS's MathJax provider to "failed". */
let mathJaxDeclined = false

/**
 * Every BokehJS widget view awaits `default_provider.fetch()`, which in a bundled build always imports the ~2 MB
 * MathJax chunk (BokehJS's own bundles skip it only because bokeh-mathjax.js may be absent). "failed" is
 * BokehJS's state for "no MathJax, show TeX as text": views then render at once. A later document or patch that
 * does use math resets it and fetches MathJax, in parallel with its other bundles.
 */
function prepareMathJax(json: unknown): Promise<void> | null {
  if (documentUsesMath(json)) {
    if (mathJaxDeclined && default_provider.status === "failed") {
      default_provider.status = "not_started"
    }
    mathJaxDeclined = false
    return default_provider.status === "not_started" ? fetchMathJax() : null
  }
  if (default_provider.status === "not_started") {
    default_provider.status = "failed"
    mathJaxDeclined = true
  }
  return null
}

/**
 * BokehJS's provider swallows a failed import of its MathJax chunk ("failed": TeX then shows as source text), so
 * the failure is reported here, and the provider is reset so that the next document (a restart) fetches again.
 */
async function fetchMathJax(): Promise<void> {
  await default_provider.fetch()
  if (default_provider.status === "failed") {
    default_provider.status = "not_started"
    throw new BokehSessionError(
      "load-failed",
      "Could not load BokehJS's MathJax chunk (bokehjs-mathjax), which this document's TeX needs: reload the " +
        "page (restart() fetches it again only in a browser that does not keep failed module loads until a reload).",
    )
  }
}
