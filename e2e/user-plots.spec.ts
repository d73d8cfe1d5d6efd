// Plots users write first (Bokeh's own gallery examples as apps, e2e/apps/plots/): each renders under the element
// exactly as under Bokeh's own embed of the same app, and answers the mouse the same way. Every one of these failed
// before BokehJS's class fields were compiled as Bokeh's own bundle compiles them (build/vite/class-fields.mjs).
import {expect, test, type Page} from "@playwright/test"
import {openBokehEmbed} from "./support/bokeh-embed.js"
import {addElement, openBlankPage, waitForStatus} from "./support/helpers.js"
import {snapshotWhenSettled, type RenderSnapshot} from "./support/render-snapshot.js"

/** Where to point, as a fraction of the plot's frame (from its left and top), and what the tooltip then says. */
interface Hover {
  at: [number, number]
  says: RegExp
}

const PLOTS: {app: string; hover?: Hover}[] = [
  // The sixth of six bars (Strawberries, 6), low in the frame where every bar is.
  {app: "bar_chart", hover: {at: [11 / 12, 0.9], says: /fruit:\s*Strawberries\s*count:\s*6/}},
  {app: "nested_factors"},
  {app: "color_bar"},
  {app: "scale_bar"},
  {app: "network_graph"},
]

/** The deep text of the page's open tooltips (BokehJS renders them inside the plot's shadow roots). */
function tooltipText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const texts: string[] = []
    const walk = (node: ParentNode): void => {
      for (const element of node.querySelectorAll("*")) {
        if (element.classList.contains("bk-Tooltip")) {
          const content = [element, ...(element.shadowRoot?.querySelectorAll("*") ?? [])]
          texts.push(content.map((part) => (part.shadowRoot == null ? "" : part.shadowRoot.textContent)).join(" "))
          texts.push(element.textContent ?? "")
        }
        if (element.shadowRoot != null) {
          walk(element.shadowRoot)
        }
      }
    }
    walk(document)
    return texts.join(" ").replace(/\s+/g, " ")
  })
}

/** Moves the mouse to a point of the first plot's frame, in page coordinates from BokehJS's own layout. */
async function hoverFrame(page: Page, [fx, fy]: [number, number]): Promise<void> {
  const point = await page.evaluate(
    ([fx, fy]) => {
      type View = {
        frame: {bbox: {left: number; top: number; width: number; height: number}}
        canvas_view: {el: Element}
      }
      const views = (window as unknown as {Bokeh: {index: {roots: View[]}}}).Bokeh.index.roots
      const view = views[0]!
      const canvas = view.canvas_view.el.getBoundingClientRect()
      const {left, top, width, height} = view.frame.bbox
      return {x: canvas.left + left + fx * width, y: canvas.top + top + fy * height}
    },
    [fx, fy] as [number, number],
  )
  await page.mouse.move(point.x, point.y)
}

async function renderBoth(
  elementPage: Page,
  embedPage: Page,
  app: string,
): Promise<{element: RenderSnapshot; embed: RenderSnapshot}> {
  await openBlankPage(elementPage)
  await addElement(elementPage, {id: "plot", app, arguments: {}})
  await waitForStatus(elementPage, "plot", "connected")
  await openBokehEmbed(embedPage, app)
  const [element] = await snapshotWhenSettled(elementPage, "bokeh-session", "element", 1)
  const [embed] = await snapshotWhenSettled(embedPage, "body", "container", 1)
  return {element: element!, embed: embed!}
}

for (const {app, hover} of PLOTS) {
  test(`${app}: the element renders what Bokeh's embed renders${hover == null ? "" : ", and hovers the same"}`, async ({
    browser,
  }) => {
    const elementPage = await browser.newPage()
    const embedPage = await browser.newPage()
    const errors: string[] = []
    elementPage.on("pageerror", (error) => errors.push(error.message))
    const {element, embed} = await renderBoth(elementPage, embedPage, app)
    expect(embed.classes.length).toBeGreaterThan(10)
    expect(embed.canvases.some((canvas) => canvas.painted > 1000)).toBe(true)
    expect(element).toEqual(embed)
    if (hover != null) {
      await hoverFrame(elementPage, hover.at)
      await hoverFrame(embedPage, hover.at)
      await expect.poll(() => tooltipText(embedPage)).toMatch(hover.says)
      await expect.poll(() => tooltipText(elementPage)).toMatch(hover.says)
    }
    expect(errors).toEqual([])
    await elementPage.close()
    await embedPage.close()
  })
}
