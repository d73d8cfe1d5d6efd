/**
 * BokehJS's optional model bundles as lazy imports, and a memory of which ones this page's documents needed, so
 * that the next visit to the page can fetch them while its documents are still on their way. Nothing here loads
 * BokehJS until called, so the light entry may import it.
 */
export type OptionalBundle = "widgets" | "tables"

export const OPTIONAL_BUNDLES: Readonly<Record<OptionalBundle, () => Promise<unknown>>> = {
  widgets: () => import("@bokeh/bokehjs/build/js/lib/models/widgets/main"),
  tables: () => import("@bokeh/bokehjs/build/js/lib/models/widgets/tables/main"),
}

const isOptionalBundle = (name: unknown): name is OptionalBundle =>
  typeof name === "string" && Object.hasOwn(OPTIONAL_BUNDLES, name)

// Keyed by page: the same page usually embeds the same apps.
const storageKey = (): string => `bokeh-session:bundles:${location.pathname}`

let neededThisPageLoad: Set<OptionalBundle> | null = null

/**
 * Records that a document on this page needed these bundles (maybe none). The first document of a page load
 * replaces what an earlier visit recorded, so a page whose apps stop using widgets stops prefetching them.
 */
export function rememberBundles(needed: Iterable<OptionalBundle>): void {
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

/** The bundles this page's documents needed on the last visit. */
export function rememberedBundles(): OptionalBundle[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(storageKey()) ?? "[]")
    return Array.isArray(stored) ? stored.filter(isOptionalBundle) : []
  } catch {
    return []
  }
}
