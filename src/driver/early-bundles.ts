/**
 * The optional bundles of the bundled BokehJS that a document needs, decided from the model types its JSON names
 * (SessionSocket hears them before BokehJS's core is evaluated): fetched then, not once BokehJS has deserialized
 * the document and found the types missing (src/bokeh/load-models.ts, which still decides and awaits them).
 */
import {OPTIONAL_BUNDLES, type OptionalBundle} from "../core/bundles.js"
import {TABLE_MODELS, WIDGET_MODELS} from "./models.js"

/** The bundles whose models `types` names: the widgets for a widget, both for a table (it builds on the widgets). */
export function bundlesFor(types: Iterable<string>): OptionalBundle[] {
  let widgets = false
  for (const name of types) {
    if (TABLE_MODELS.has(name)) {
      return ["widgets", "tables"]
    }
    widgets ||= WIDGET_MODELS.has(name)
  }
  return widgets ? ["widgets"] : []
}

/** Starts fetching the bundles for `types`; a failure surfaces where load-models.ts imports the same bundle. */
export function prefetchBundles(types: Iterable<string>): void {
  for (const name of bundlesFor(types)) {
    OPTIONAL_BUNDLES[name]().catch(() => undefined)
  }
}
