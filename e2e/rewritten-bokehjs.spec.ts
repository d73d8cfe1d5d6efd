// Apps that run the BokehJS code the build rewrites (build/vite/bokehjs-rewrites.mjs), in the built bundle against
// a real server: Web Mercator axes (the projection, replaced by a closed form) and CustomJS(module=True) callbacks
// (the dynamic import of a blob: URL, no longer an eval), on document load and on a button click.
import {expect, test} from "@playwright/test"
import {expectPaintedCanvas} from "./support/canvas.js"
import {addElement, openBlankPage, waitForStatus} from "./support/helpers.js"

test("a plot with Web Mercator axes paints, and its tick labels are the projected degrees", async ({page}) => {
  const errors: string[] = []
  page.on("pageerror", (error) => errors.push(error.message))
  await openBlankPage(page)
  await addElement(page, {id: "map", app: "rewritten_bokehjs", arguments: {}})
  await waitForStatus(page, "map", "connected")
  await expectPaintedCanvas(page.locator("#map"))

  // The axes' formatters, from the live document, format metres as degrees through the rewritten projection:
  // x = R·λ (linear), y = R·ln(tan(π/4 + φ/2)) (not), with R = 6378137 m.
  const labels = await page.locator("#map").evaluate((element) => {
    const document = (element as HTMLElementTagNameMap["bokeh-session"]).session!.document
    type Formatter = {doFormat(ticks: number[], options: {loc: number}): string[]}
    const lon = document.get_model_by_name("lon-formatter") as unknown as Formatter
    const lat = document.get_model_by_name("lat-formatter") as unknown as Formatter
    return {
      lon: lon.doFormat([0, 1113194.9079327357, -2226389.8158654715], {loc: 0}),
      lat: lat.doFormat([0, 1118889.9748579597, 5621521.486192066], {loc: 0}),
    }
  })
  // 45° north is 5621521 m: a linear mistake would read 50.5°. BokehJS writes a minus sign (U+2212).
  expect(labels).toEqual({lon: ["0", "10", "\u221220"], lat: ["0", "10", "45"]})
  expect(errors).toEqual([])
})

test("CustomJS(module=True) callbacks run when the document is ready and on a button click", async ({page}) => {
  const errors: string[] = []
  page.on("pageerror", (error) => errors.push(error.message))
  await openBlankPage(page)
  await addElement(page, {id: "modules", app: "rewritten_bokehjs", arguments: {}})
  await waitForStatus(page, "modules", "connected")
  const element = page.locator("#modules")

  const title = (): Promise<string> =>
    element.evaluate((host) => {
      const document = (host as HTMLElementTagNameMap["bokeh-session"]).session!.document
      return (document.get_model_by_name("map") as unknown as {title: {text: string}}).title.text
    })
  await expect.poll(title).toBe("module ran on load")

  await expect(element.getByText("button not clicked")).toBeVisible()
  await element.getByRole("button", {name: "run module"}).click()
  await expect(element.getByText("module ran on click")).toBeVisible()
  expect(errors).toEqual([])
})
