// A repeat visit's page does not move when the document arrives: the element remembers, per app URL, the height
// its document had once rendered (localStorage, as core/bundles.ts remembers bundles) and holds that space from its
// first paint until the new document is shown. Only the roots: the element's own lines above them have their
// height from the first paint (element.ts).
import type {BokehSessionStatus} from "../session/lifecycle.js"

const storageKey = (url: string): string => `bokeh-session:size:${url}`

/**
 * Called after every render, so before the browser paints it. Connected: releases the hold and records the height.
 * Idle or connecting with no document shown yet: holds the recorded height. Failed or closed: releases the hold.
 */
export function holdLastSize(root: ParentNode, url: string | null, status: BokehSessionStatus): void {
  const roots = root.querySelector<HTMLElement>("[part=roots]")
  if (url == null || roots == null) {
    return
  }
  try {
    if (status === "connected") {
      roots.style.minHeight = ""
      localStorage.setItem(storageKey(url), `${roots.offsetHeight}px`)
    } else if ((status === "idle" || status === "connecting") && roots.childElementCount === 0) {
      // A value an older version stored ("<roots> <after>") is not a length: ignored, then replaced.
      roots.style.minHeight = localStorage.getItem(storageKey(url)) ?? ""
    } else if (status !== "reconnecting") {
      roots.style.minHeight = ""
    }
  } catch {
    // Storage may be disabled, full, or absent (sandboxed frames): holding the size is only an optimization.
  }
}
