/**
 * BokehJS's optional model bundles as lazy imports, and a memory of which ones this page's documents needed, so
 * that the next visit to the page can fetch them while its documents are still on their way. Nothing here loads
 * BokehJS until called, so the light entry may import it.
 */
export type OptionalBundle = "widgets" | "tables"
/** What a page's documents needed: the bundled BokehJS at all ("bundled"), and which of its optional bundles. */
export type BundleHint = OptionalBundle | "bundled"

export const OPTIONAL_BUNDLES: Readonly<Record<OptionalBundle, () => Promise<unknown>>> = {
  widgets: () => import("@bokeh/bokehjs/build/js/lib/models/widgets/main"),
  tables: () => import("@bokeh/bokehjs/build/js/lib/models/widgets/tables/main"),
}

const isHint = (name: unknown): name is BundleHint =>
  name === "bundled" || (typeof name === "string" && Object.hasOwn(OPTIONAL_BUNDLES, name))

// Keyed by page: the same page usually embeds the same apps.
const storageKey = (): string => `bokeh-session:bundles:${location.pathname}`

let neededThisPageLoad: Set<BundleHint> | null = null

/**
 * Records that a document on this page needed these (maybe nothing: a document rendered with its server's own
 * BokehJS). The first document of a page load replaces what an earlier visit recorded, so a page whose apps stop
 * using widgets stops prefetching them, and one whose servers all run another release stops fetching the bundled
 * BokehJS.
 */
export function rememberBundles(needed: Iterable<BundleHint>): void {
  neededThisPageLoad ??= new Set()
  for (const name of needed) {
    neededThisPageLoad.add(name)
  }
  try {
    localStorage.setItem(storageKey(), JSON.stringify([...neededThisPageLoad]))
  } catch {
    // Storage may be disabled, full, or absent (sandboxed frames): the hint is only an optimization.
  }
}

/** What this page's documents needed on the last visit; null when nothing is recorded (a first visit). */
export function rememberedBundles(): BundleHint[] | null {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(storageKey())!)
    return Array.isArray(stored) ? stored.filter(isHint) : null
  } catch {
    return null
  }
}
