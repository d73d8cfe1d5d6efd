/**
 * BokehJS's optional model bundles as lazy imports, and a memory of which ones this page's documents needed, so
 * that the next visit to the page can fetch them while its documents are still on their way (the session code
 * records them: src/driver/remember-bundles.ts). Nothing here loads BokehJS until called, so the light entry may
 * import it.
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
export const bundlesStorageKey = (): string => `bokeh-session:bundles:${location.pathname}`

/** What this page's documents needed on the last visit; null when nothing is recorded (a first visit). */
export function rememberedBundles(): BundleHint[] | null {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(bundlesStorageKey())!)
    return Array.isArray(stored) ? stored.filter(isHint) : null
  } catch {
    return null
  }
}
