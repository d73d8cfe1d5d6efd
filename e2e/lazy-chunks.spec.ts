// What BokehJS code each document makes the page fetch: widget, table and MathJax chunks only when the document
// uses them, and a page's widget chunks fetched before its document arrives once the page has needed them.
import {expect, test, type Page} from "@playwright/test"
import {expectPaintedCanvas} from "./support/canvas.js"
import {addElement, openBlankPage, pageOrigin, trackBundleChunks, waitForStatus} from "./support/helpers.js"
import {recordSvgImages, svgImages} from "./support/tex.js"

test("a plot document fetches no widget, table or MathJax code", async ({page}) => {
  const chunks = trackBundleChunks(page)
  await openBlankPage(page)
  await addElement(page, {id: "plot", app: "echo", arguments: {N: "5"}})
  await waitForStatus(page, "plot", "connected")
  await expectPaintedCanvas(page.locator("#plot"))
  expect(chunks).toEqual([])
})

test("a widget document fetches widget and table code but not MathJax, and renders", async ({page}) => {
  const chunks = trackBundleChunks(page)
  await openBlankPage(page)
  await addElement(page, {id: "widgets", app: "widgets", arguments: {a: "1"}})
  await waitForStatus(page, "widgets", "connected")
  await expect(page.locator("#widgets .slick-cell.l1").first()).toHaveText("a")
  await expect(page.locator("#widgets").getByText("widgets app")).toBeVisible()
  expect([...chunks].sort()).toEqual(["bokehjs-tables", "bokehjs-widgets"])
})

test("a document with TeX fetches MathJax and typesets the title, also after a widget document went without it", async ({
  page,
}) => {
  const chunks = trackBundleChunks(page)
  await recordSvgImages(page)
  await openBlankPage(page)
  await addElement(page, {id: "widgets", app: "widgets", arguments: {a: "1"}})
  await waitForStatus(page, "widgets", "connected")
  expect(chunks).not.toContain("bokehjs-mathjax")

  // The demo app puts the title argument in the plot's title, which BokehJS typesets when it has TeX delimiters.
  await addElement(page, {id: "tex", app: "echo", arguments: {title: "$$\\alpha^2$$"}})
  await waitForStatus(page, "tex", "connected")
  expect(chunks).toContain("bokehjs-mathjax")
  // The title was typeset: MathJax's SVG of a superscript (msup) whose base is a math bold italic alpha (U+1D736;
  // the title font is bold) and whose exponent is a bold 2 (U+1D7D0), loaded for drawing. Untypeset, BokehJS
  // would draw the raw "$$\alpha^2$$" as text and make no image.
  await expect.poll(async () => (await svgImages(page)).length).toBe(1)
  await expect.poll(async () => (await svgImages(page))[0].loaded).toBe(true)
  const [{svg}] = await svgImages(page)
  expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/)
  expect(svg).toContain('data-mml-node="msup"')
  expect(svg).toMatch(/<path id="MJX-\d+-TEX-BI-1D736"/)
  expect(svg).toMatch(/<path id="MJX-\d+-TEX-B-1D7D0"/)
  await expectPaintedCanvas(page.locator("#tex"))
})

test("a page that needed widgets fetches them on the next visit before its document arrives", async ({page}) => {
  const order: string[] = []
  page.on("websocket", () => order.push("websocket"))
  page.on("request", (request) => {
    if (/\/dist\/chunks\/bokehjs-widgets-/.test(request.url())) {
      order.push("widgets")
    }
  })
  const url = `${pageOrigin()}/e2e/pages/widgets-drop-in.html`
  await page.goto(url)
  await waitForStatus(page, "widgets", "connected")
  // First visit: the document says it needs widgets, so their code comes after the websocket opened.
  expect(order).toEqual(["websocket", "widgets"])

  order.length = 0
  await page.reload()
  await waitForStatus(page, "widgets", "connected")
  expect(order).toEqual(["widgets", "websocket"])
  await expect(page.locator("#widgets .slick-cell.l1").first()).toHaveText("a")
})

/**
 * Which script made the browser request each chunk: the first script's own (import() with the chunk's static
 * dependencies beside it, or the modulepreload link it adds for BokehJS's core), or a chunk that was itself loaded
 * lazily (the browser found the import only once that chunk had arrived and been parsed: one more round trip before
 * the websocket could open).
 */
async function trackRequesters(page: Page): Promise<() => Record<string, string>> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send("Network.enable")
  const requestedBy: Record<string, string> = {}
  const chunkName = (url: string): string | undefined =>
    /\/dist\/(?:chunks\/(.+)-[\w-]{8}|(bokeh-session))\.js$/
      .exec(url)
      ?.slice(1)
      .find((name) => name != null)
  const sentAt = new Map<string, number>()
  const arrivedAt = new Map<string, number>()
  const byId = new Map<string, string>()
  const linked: string[] = []
  cdp.on("Network.requestWillBeSent", ({requestId, request, initiator, timestamp}) => {
    const name = chunkName(request.url)
    if (name != null && name !== "bokeh-session") {
      byId.set(requestId, name)
      sentAt.set(name, timestamp)
      if (initiator.type === "script" && initiator.url === "about:client" && initiator.stack == null) {
        // A <link rel="modulepreload"> a script added: the browser names no script for it (checked below).
        linked.push(name)
      } else {
        const from = initiator.url ?? initiator.stack?.callFrames[0]?.url ?? initiator.type
        requestedBy[name] = chunkName(from) ?? from
      }
    }
  })
  cdp.on("Network.loadingFinished", ({requestId, timestamp}) => {
    const name = byId.get(requestId)
    if (name != null) {
      arrivedAt.set(name, timestamp)
    }
  })
  // A linked chunk was asked for by the first script when the request went out before any lazily loaded chunk had
  // arrived (only the first script's own chunk had: nothing else could have added the link).
  const settle = (): void => {
    for (const name of linked.splice(0)) {
      const sent = sentAt.get(name)!
      const earlier = [...arrivedAt].filter(([other, at]) => other !== "element-entry" && at <= sent)
      requestedBy[name] = earlier.length === 0 ? "element-entry" : `a link added after ${earlier[0][0]} arrived`
    }
  }
  return () => {
    settle()
    return {...requestedBy}
  }
}

/** What the first script must ask for itself, at once: its own chunk, then the session code and BokehJS's core. */
const FIRST_SCRIPT_ASKS = {
  "element-entry": "bokeh-session",
  "bokehjs-core": "element-entry",
  "rolldown-runtime": "element-entry",
  session: "element-entry",
}

test("every chunk a connect needs is asked for by the first script, none only after the chunk that imports it", async ({
  page,
}) => {
  const requestedBy = await trackRequesters(page)
  await page.goto(`${pageOrigin()}/e2e/pages/drop-in.html`)
  await waitForStatus(page, "plot", "connected")
  expect(requestedBy()).toEqual(FIRST_SCRIPT_ASKS)
})

test("an element added after the script ran (as a framework adds it) also gets every chunk from the first script", async ({
  page,
}) => {
  const requestedBy = await trackRequesters(page)
  await openBlankPage(page)
  // The page defined the element with none in it: nothing beyond the first script is fetched yet.
  expect(requestedBy()).toEqual({"element-entry": "bokeh-session"})
  await addElement(page, {id: "later", app: "echo", arguments: {N: "3"}})
  await waitForStatus(page, "later", "connected")
  expect(requestedBy()).toEqual(FIRST_SCRIPT_ASKS)
})
