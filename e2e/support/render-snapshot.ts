// What a rendered Bokeh document looks like from outside, to compare the element's rendering with Bokeh's own embed
// of the same document: the views BokehJS made (the `bk-` classes of every element under the roots, through every
// shadow root) and what each canvas shows.
import type {Page} from "@playwright/test"

export interface CanvasSnapshot {
  width: number
  height: number
  /** Pixels that differ from the canvas's most common colour (its background). */
  painted: number
}

export interface RenderSnapshot {
  /** Every `bk-` class of every element under the container, one entry per element and class, sorted. */
  classes: string[]
  /** The canvases under the container, in document order (shadow roots included). */
  canvases: CanvasSnapshot[]
}

/**
 * Snapshots each container `selector` finds (`rootsOf`: the roots part of an element, or the container itself) once
 * the page holds `documents` BokehJS documents and they are idle, or nothing changed for a while (tiles that never
 * load, Google Maps without a key: such views never report idle, under either embed).
 */
export async function snapshotWhenSettled(
  page: Page,
  selector: string,
  rootsOf: "element" | "container",
  documents: number,
  settleMs = 30_000,
): Promise<RenderSnapshot[]> {
  const deadline = Date.now() + settleMs
  let previous = ""
  let unchanged = 0
  for (;;) {
    const {snapshots, idle, count} = await page.evaluate(takeSnapshots, {selector, rootsOf})
    const key = JSON.stringify(snapshots)
    unchanged = key === previous ? unchanged + 1 : 0
    previous = key
    const settled = count >= documents && ((idle && unchanged >= 1) || unchanged >= 4)
    if (settled || Date.now() > deadline) {
      return snapshots
    }
    await page.waitForTimeout(250)
  }
}

/** Runs in the page. */
function takeSnapshots({selector, rootsOf}: {selector: string; rootsOf: "element" | "container"}): {
  snapshots: RenderSnapshot[]
  idle: boolean
  count: number
} {
  type Idle = {is_idle: boolean}
  const scope = window as unknown as {Bokeh?: {documents?: Idle[]}}
  const documents: Idle[] = []
  for (const element of document.querySelectorAll(selector)) {
    const session = (element as unknown as {session?: {document: Idle} | null}).session
    if (session != null) {
      documents.push(session.document)
    }
  }
  if (rootsOf === "container") {
    documents.push(...(scope.Bokeh?.documents ?? []))
  }
  const snapshot = (container: Element | null): RenderSnapshot => {
    const classes: string[] = []
    const canvases: CanvasSnapshot[] = []
    const walk = (node: ParentNode): void => {
      for (const element of node.querySelectorAll("*")) {
        for (const name of element.classList) {
          if (name.startsWith("bk-")) {
            classes.push(name)
          }
        }
        if (element instanceof HTMLCanvasElement) {
          canvases.push(paintOf(element))
        }
        if (element.shadowRoot != null) {
          walk(element.shadowRoot)
        }
      }
    }
    if (container != null) {
      walk(container)
    }
    return {classes: classes.sort(), canvases}
  }
  const paintOf = (canvas: HTMLCanvasElement): CanvasSnapshot => {
    const {width, height} = canvas
    if (width === 0 || height === 0) {
      return {width, height, painted: 0}
    }
    const copy = document.createElement("canvas")
    copy.width = width
    copy.height = height
    const context = copy.getContext("2d")!
    context.drawImage(canvas, 0, 0)
    const pixels = new Uint32Array(context.getImageData(0, 0, width, height).data.buffer)
    const counts = new Map<number, number>()
    for (const pixel of pixels) {
      counts.set(pixel, (counts.get(pixel) ?? 0) + 1)
    }
    return {width, height, painted: pixels.length - Math.max(...counts.values())}
  }
  const snapshots = [...document.querySelectorAll(selector)].map((element) =>
    snapshot(rootsOf === "element" ? (element.shadowRoot?.querySelector("[part~=roots]") ?? null) : element),
  )
  return {snapshots, idle: documents.every((doc) => doc.is_idle), count: documents.length}
}
