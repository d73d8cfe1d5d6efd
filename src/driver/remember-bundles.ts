// The session code's half of the bundle hints (src/core/bundles.ts): it records, the first script reads.
import {bundlesStorageKey, type BundleHint} from "../core/bundles.js"

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
    localStorage.setItem(bundlesStorageKey(), JSON.stringify([...neededThisPageLoad]))
  } catch {
    // Storage may be disabled, full, or absent (sandboxed frames): the hint is only an optimization.
  }
}
