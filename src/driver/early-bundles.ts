/**
 * The optional bundles of the bundled BokehJS that a document needs, decided from the model types its JSON names
 * (SessionSocket hears them before BokehJS's core is evaluated): fetched then, not once BokehJS has deserialized
 * the document and found the types missing (src/bokeh/load-models.ts, which still decides and awaits them).
 */
import type {OptionalBundle} from "../core/bundles.js"
import {OPTIONAL_BUNDLES} from "../core/optional-bundles.js"
import {bundlesFor} from "./models.js"

/** Starts loading the bundles for `types`; a failure surfaces where load-models.ts imports the same bundle. */
export function prefetchBundles(types: Iterable<string>): void {
  runBundles(bundlesFor(types))
}

/** Starts loading (and running, once BokehJS's core has) `bundles`, as prefetchBundles does. */
export function runBundles(bundles: readonly OptionalBundle[]): void {
  for (const name of bundles) {
    OPTIONAL_BUNDLES[name]().catch(() => undefined)
  }
}
