// A removed element leaves nothing that keeps its plot alive. BokehJS 3.9.2's plot views never remove the
// `visualViewport` resize listener they add, which keeps every removed plot's views, canvases and models; the
// build removes it with the view (build/vite/bokehjs-rewrites.mjs).
import {expect, test} from "@playwright/test"
import {addElement, openBlankPage, waitForStatus} from "./support/helpers.js"

test("a removed element's plot views are garbage collected", async ({page, context}) => {
  await openBlankPage(page)
  await addElement(page, {id: "plot", app: "echo", arguments: {N: "5"}})
  await waitForStatus(page, "plot", "connected")
  const found = await page.evaluate(() => {
    const findCanvas = (root: ParentNode): HTMLCanvasElement | null => {
      for (const element of root.querySelectorAll("*")) {
        if (element instanceof HTMLCanvasElement) {
          return element
        }
        const inner = element.shadowRoot == null ? null : findCanvas(element.shadowRoot)
        if (inner != null) {
          return inner
        }
      }
      return null
    }
    const canvas = findCanvas(document.querySelector("#plot")!.shadowRoot!)
    ;(window as unknown as {plotCanvas: WeakRef<HTMLCanvasElement>}).plotCanvas = new WeakRef(canvas!)
    return canvas != null
  })
  expect(found).toBe(true)

  await page.evaluate(
    () =>
      new Promise((resolve) => {
        const element = document.querySelector("#plot")!
        element.addEventListener("bokeh-session-closed", resolve, {once: true})
        element.remove()
      }),
  )
  const cdp = await context.newCDPSession(page)
  for (let i = 0; i < 3; i++) {
    await cdp.send("HeapProfiler.collectGarbage")
  }
  const collected = await page.evaluate(
    () => (window as unknown as {plotCanvas: WeakRef<HTMLCanvasElement>}).plotCanvas.deref() === undefined,
  )
  expect(collected).toBe(true)
})
