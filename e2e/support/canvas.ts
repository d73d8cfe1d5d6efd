// "It rendered" as a user sees it: the plot's canvas has pixels painted in it, read back from the page.
import {expect, type Locator} from "@playwright/test"

export interface CanvasPaint {
  /** Canvases found under the element, through every shadow root (BokehJS renders views in shadow DOM). */
  canvases: number
  /** Pixels of the largest canvas that differ from its most common colour (the background). */
  painted: number
  /** Distinct colours in that canvas. */
  colours: number
}

/** Reads the largest canvas under `root` (the element, or any container) back from the page. */
export function canvasPaint(root: Locator): Promise<CanvasPaint> {
  return root.evaluate((host) => {
    const canvases: HTMLCanvasElement[] = []
    const walk = (node: ParentNode): void => {
      for (const element of node.querySelectorAll("*")) {
        if (element instanceof HTMLCanvasElement) {
          canvases.push(element)
        }
        if (element.shadowRoot != null) {
          walk(element.shadowRoot)
        }
      }
    }
    walk(host.shadowRoot ?? host)
    const largest = canvases
      .filter((canvas) => canvas.width > 0 && canvas.height > 0)
      .sort((a, b) => b.width * b.height - a.width * a.height)[0]
    if (largest == null) {
      return {canvases: canvases.length, painted: 0, colours: 0}
    }
    // Bokeh's canvases are 2d contexts (WebGL is off by default); a copy reads any of them without side effects.
    const copy = document.createElement("canvas")
    copy.width = largest.width
    copy.height = largest.height
    const context = copy.getContext("2d")!
    context.drawImage(largest, 0, 0)
    const pixels = new Uint32Array(context.getImageData(0, 0, copy.width, copy.height).data.buffer)
    const counts = new Map<number, number>()
    for (const pixel of pixels) {
      counts.set(pixel, (counts.get(pixel) ?? 0) + 1)
    }
    const background = Math.max(...counts.values())
    return {canvases: canvases.length, painted: pixels.length - background, colours: counts.size}
  })
}

/**
 * Waits until the largest canvas under `root` shows a drawing: at least `minPainted` pixels off the background
 * colour, in more than two colours (a blank canvas has one; a cleared frame with only a border, two).
 */
export async function expectPaintedCanvas(root: Locator, minPainted = 500): Promise<CanvasPaint> {
  let last: CanvasPaint = {canvases: 0, painted: 0, colours: 0}
  await expect
    .poll(async () => {
      last = await canvasPaint(root)
      return last.painted
    })
    .toBeGreaterThanOrEqual(minPainted)
  expect(last.colours).toBeGreaterThan(2)
  return last
}
