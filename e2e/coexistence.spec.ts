// A good neighbour: on one page, in any order, the element beside Bokeh's own embeds (server_document, json_item,
// components) and beside a page's own `window.Bokeh`. Each renders and keeps answering; `window.Bokeh` is Bokeh's
// own whenever Bokeh's bundle is on the page; the element's CustomJS sees the element's own BokehJS.
import {execFileSync} from "node:child_process"
import {expect, test, type Locator, type Page} from "@playwright/test"
import {PYTHON} from "../scripts/lib/python-env.mjs"
import {addBokehEmbed} from "./support/bokeh-embed.js"
import {addElement, bokehOrigin, openBlankPage, waitForStatus} from "./support/helpers.js"

/** The page's uncaught errors, as they come. */
function pageErrors(page: Page): string[] {
  const errors: string[] = []
  page.on("pageerror", (error) => errors.push(error.message))
  return errors
}

/** Clicks the clicks app's button inside `root` and waits for the server's answer. */
async function clickThrough(root: Locator, times: number): Promise<void> {
  await root.getByRole("button", {name: "Click"}).click()
  await expect(root.getByText(`clicked ${times} times`)).toBeVisible()
}

/** Whether `window.Bokeh` is a whole Bokeh bundle of this release (what autoload.js and embed_item call). */
function pageBokeh(page: Page): Promise<{safely: string; embedItem: string; own: boolean}> {
  return page.evaluate(() => {
    const bokeh = (window as unknown as {Bokeh: Record<string, unknown> & {embed: Record<string, unknown>}}).Bokeh
    return {
      safely: typeof bokeh.safely,
      embedItem: typeof bokeh.embed?.embed_item,
      own: bokeh[bokeh.version as string] === bokeh,
    }
  })
}

const WHOLE_BOKEH = {safely: "function", embedItem: "function", own: true}

async function expectBothAnswer(page: Page, clicks = 1): Promise<void> {
  await waitForStatus(page, "element", "connected")
  await clickThrough(page.locator("#element"), clicks)
  await clickThrough(page.locator("#bokeh-embed"), clicks)
}

test("an element first, then Bokeh's server_document embed: both render and answer", async ({page}) => {
  const errors = pageErrors(page)
  await openBlankPage(page)
  await addElement(page, {id: "element", app: "clicks"})
  await waitForStatus(page, "element", "connected")
  await addBokehEmbed(page, "clicks")
  await expectBothAnswer(page)
  expect(await pageBokeh(page)).toEqual(WHOLE_BOKEH)
  expect(errors).toEqual([])
})

test("Bokeh's embed first, then an element: both render and answer", async ({page}) => {
  const errors = pageErrors(page)
  await openBlankPage(page)
  await addBokehEmbed(page, "clicks")
  await expect(page.locator("#bokeh-embed").getByRole("button", {name: "Click"})).toBeVisible()
  await addElement(page, {id: "element", app: "clicks"})
  await expectBothAnswer(page)
  expect(await pageBokeh(page)).toEqual(WHOLE_BOKEH)
  expect(errors).toEqual([])
})

test("both added in one task, as when both are in the page's markup: both render and answer", async ({page}) => {
  const errors = pageErrors(page)
  await openBlankPage(page)
  await Promise.all([addElement(page, {id: "element", app: "clicks"}), addBokehEmbed(page, "clicks")])
  await expectBothAnswer(page)
  expect(await pageBokeh(page)).toEqual(WHOLE_BOKEH)
  expect(errors).toEqual([])
})

test("removing elements leaves the other elements and the embed working", async ({page}) => {
  await openBlankPage(page)
  await addElement(page, {id: "element", app: "clicks"})
  await addElement(page, {id: "removed", app: "clicks"})
  await addBokehEmbed(page, "clicks")
  await waitForStatus(page, "removed", "connected")
  await expectBothAnswer(page)
  await page.locator("#removed").evaluate((element) => element.remove())
  await expect(page.locator("#removed")).toHaveCount(0)
  await clickThrough(page.locator("#element"), 2)
  await clickThrough(page.locator("#bokeh-embed"), 2)
  expect(await pageBokeh(page)).toEqual(WHOLE_BOKEH)
})

/** Standalone output of the installed Bokeh for a small plot: json_item's JSON, or components()' script and div. */
function standalone(kind: "json_item" | "components"): string {
  const script = `
import json, sys
from bokeh.embed import components, json_item
from bokeh.plotting import figure
plot = figure(width=300, height=200, title="standalone")
plot.scatter([1, 2, 3], [3, 1, 2], size=12)
if sys.argv[1] == "json_item":
    print(json.dumps(json_item(plot, "standalone")))
else:
    script, div = components(plot)
    print(json.dumps({"script": script, "div": div}))
`
  return execFileSync(PYTHON, ["-c", script, kind], {encoding: "utf8"})
}

/** Loads the Bokeh server's bokeh.min.js as a page does for standalone output (a classic script). */
async function loadBokehBundle(page: Page): Promise<void> {
  await page.evaluate(
    (src) =>
      new Promise<void>((resolve, reject) => {
        const script = document.createElement("script")
        script.src = src
        script.onload = () => resolve()
        script.onerror = () => reject(new Error(`could not load ${src}`))
        document.head.append(script)
      }),
    `${bokehOrigin()}/static/js/bokeh.min.js`,
  )
}

/** Waits for a standalone plot's canvas to be painted (the standalone document has no server to answer clicks). */
async function expectStandalonePlot(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(() => {
        const bokeh = (window as unknown as {Bokeh: {documents: {is_idle: boolean}[]}}).Bokeh
        return bokeh.documents.length === 1 && bokeh.documents[0]!.is_idle
      }),
    )
    .toBe(true)
  await expect(page.locator("#standalone .bk-Figure")).toHaveCount(1)
}

test("an element, then standalone json_item output with Bokeh.embed.embed_item: both render", async ({page}) => {
  const errors = pageErrors(page)
  await openBlankPage(page)
  await addElement(page, {id: "element", app: "clicks"})
  await waitForStatus(page, "element", "connected")
  await loadBokehBundle(page)
  await page.evaluate((item) => {
    const target = document.createElement("div")
    target.id = "standalone"
    document.body.append(target)
    const bokeh = (window as unknown as {Bokeh: {embed: {embed_item(item: unknown): Promise<unknown>}}}).Bokeh
    return bokeh.embed.embed_item(JSON.parse(item))
  }, standalone("json_item"))
  await expectStandalonePlot(page)
  await clickThrough(page.locator("#element"), 1)
  expect(await pageBokeh(page)).toEqual(WHOLE_BOKEH)
  expect(errors).toEqual([])
})

test("an element, then standalone components() output: both render", async ({page}) => {
  const errors = pageErrors(page)
  await openBlankPage(page)
  await addElement(page, {id: "element", app: "clicks"})
  await waitForStatus(page, "element", "connected")
  await loadBokehBundle(page)
  const {script, div} = JSON.parse(standalone("components")) as {script: string; div: string}
  await page.evaluate(
    ({script, div}) => {
      const target = document.createElement("div")
      target.id = "standalone"
      target.innerHTML = div
      document.body.append(target)
      const code = /<script[^>]*>([\s\S]*)<\/script>/.exec(script)![1]!
      const element = document.createElement("script")
      element.textContent = code
      document.body.append(element)
    },
    {script, div},
  )
  await expectStandalonePlot(page)
  await clickThrough(page.locator("#element"), 1)
  expect(errors).toEqual([])
})

/** Clicks the bokeh_global app's button inside `root`; returns what its CustomJS wrote, read through `Bokeh`. */
async function runCustomJs(root: Locator): Promise<string> {
  await root.getByRole("button", {name: "Run"}).click()
  const out = root.getByText("documents:")
  await expect(out).toHaveCount(1)
  return (await out.textContent()) ?? ""
}

const OWN_DOCUMENT = /string: true \| documents: 1 \| root view: true \| version: string/

test("CustomJS sees its own BokehJS as Bokeh: under the element and under Bokeh's embed on the same page", async ({
  page,
}) => {
  await openBlankPage(page)
  await addBokehEmbed(page, "bokeh_global")
  await expect(page.locator("#bokeh-embed").getByRole("button", {name: "Run"})).toBeVisible()
  await addElement(page, {id: "element", app: "bokeh_global"})
  await waitForStatus(page, "element", "connected")
  // window.Bokeh is the embed's bundle, whose documents and views are the embed's; the element's callback still
  // finds its own document and root view, and a require of BokehJS's modules gives the element's classes.
  expect(await runCustomJs(page.locator("#element"))).toMatch(OWN_DOCUMENT)
  expect(await runCustomJs(page.locator("#bokeh-embed"))).toMatch(OWN_DOCUMENT)
})

test("a page's own window.Bokeh is left alone, and the element's CustomJS still has Bokeh.require", async ({page}) => {
  await openBlankPage(page)
  await page.evaluate(() => ((window as unknown as {Bokeh: unknown}).Bokeh = {mine: true}))
  await addElement(page, {id: "element", app: "bokeh_global"})
  await waitForStatus(page, "element", "connected")
  expect(await runCustomJs(page.locator("#element"))).toMatch(OWN_DOCUMENT)
  expect(await page.evaluate(() => (window as unknown as {Bokeh: unknown}).Bokeh)).toEqual({mine: true})
})
