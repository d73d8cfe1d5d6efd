/**
 * A memory of what this page's documents needed of the bundled BokehJS (at all; which of its optional model
 * bundles), so that the next visit to the page can fetch them while its documents are still on their way (the
 * session code records them: src/driver/remember-bundles.ts; and loads them: src/session/choose-bokehjs.ts).
 */
export type OptionalBundle = "widgets" | "tables"
/** What a page's documents needed: the bundled BokehJS at all ("bundled"), and which of its optional bundles. */
export type BundleHint = OptionalBundle | "bundled"

const isHint = (name: unknown): name is BundleHint => name === "bundled" || name === "widgets" || name === "tables"

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
