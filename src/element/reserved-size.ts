// A repeat visit's page does not move when the document arrives: the element remembers, per app URL, the size it
// had once rendered (localStorage, as core/bundles.ts remembers bundles) and holds that space from its first paint
// until the new document is shown. Two numbers, because the status line sits between them: the height of the
// roots (the document) and what follows the status line (the echo table).
import type {BokehSessionStatus} from "../session/lifecycle.js"

const storageKey = (url: string): string => `bokeh-session:size:${url}`

/**
 * Called after every render, so before the browser paints it. Connected: releases the hold and records the sizes.
 * Idle or connecting with no document shown yet: holds the recorded sizes. Failed or closed: releases the hold.
 */
export function holdLastSize(root: ParentNode, url: string | null, status: BokehSessionStatus): void {
  const roots = root.querySelector<HTMLElement>("[part=roots]")
  const line = root.querySelector<HTMLElement>("[part=status]")
  if (url == null || roots == null || line == null) {
    return
  }
  const hold = (rootsHeight = "", after = ""): void => {
    roots.style.minHeight = rootsHeight
    line.style.paddingBottom = after
  }
  try {
    if (status === "connected") {
      hold()
      const bottom = root.lastElementChild!.getBoundingClientRect().bottom
      localStorage.setItem(storageKey(url), `${roots.offsetHeight}px ${bottom - line.getBoundingClientRect().bottom}px`)
    } else if (status === "idle" || status === "connecting") {
      const stored = localStorage.getItem(storageKey(url))
      if (stored != null && roots.childElementCount === 0) {
        hold(...(stored.split(" ") as [string, string]))
      }
    } else if (status !== "reconnecting") {
      hold()
    }
  } catch {
    // Storage may be disabled, full, or absent (sandboxed frames): holding the size is only an optimization.
  }
}
