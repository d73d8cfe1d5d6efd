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
async function trackRequesters(page: Page): Promise<() => Promise<Record<string, string>>> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send("Network.enable")
  const requestedBy: Record<string, string> = {}
  const chunkName = (url: string): string | undefined =>
    /\/dist\/(?:chunks\/(.+)-[\w-]{8}|(bokeh-session))\.js$/
      .exec(url)
      ?.slice(1)
      .find((name) => name != null)
  // The browser names no script for a <link rel="modulepreload"> (its initiator is "about:client"): the page records
  // the stack of whatever adds one.
  await page.addInitScript(() => {
    const links: {href: string; stack: string}[] = []
    ;(window as unknown as {preloadLinks: typeof links}).preloadLinks = links
    for (const method of ["append", "appendChild"] as const) {
      const target = (method === "append" ? Element.prototype : Node.prototype) as unknown as Record<
        string,
        (...nodes: unknown[]) => unknown
      >
      const original = target[method]!
      target[method] = function (this: unknown, ...nodes: unknown[]) {
        for (const node of nodes) {
          if (node instanceof HTMLLinkElement && node.rel === "modulepreload") {
            links.push({href: node.href, stack: new Error().stack ?? ""})
          }
        }
        return original.apply(this, nodes)
      }
    }
  })
  const linked = new Set<string>()
  cdp.on("Network.requestWillBeSent", ({request, initiator}) => {
    const name = chunkName(request.url)
    if (name != null && name !== "bokeh-session") {
      if (initiator.url === "about:client" && initiator.stack == null) {
        linked.add(name)
      } else {
        const from = initiator.url ?? initiator.stack?.callFrames[0]?.url ?? initiator.type
        requestedBy[name] = chunkName(from) ?? from
      }
    }
  })
  return async () => {
    const links = await page.evaluate(
      () => (window as unknown as {preloadLinks: {href: string; stack: string}[]}).preloadLinks,
    )
    for (const name of linked) {
      const stack = links.find((link) => chunkName(link.href) === name)?.stack ?? "(no link added)"
      // The first script's when every frame of ours is in its files; else the lazily loaded chunk whose code asked
      // (the code that adds links is in the first script either way).
      const chunks = (stack.match(/https?:\/\/[^\s)]+?\.js/g) ?? []).map(chunkName).filter((chunk) => chunk != null)
      requestedBy[name] =
        chunks.length === 0 ? stack : (chunks.find((chunk) => !FIRST_SCRIPT.has(chunk)) ?? "element-entry")
    }
    return {...requestedBy}
  }
}

/** The first script's files: the entry and the chunk it imports. */
const FIRST_SCRIPT = new Set(["bokeh-session", "element-entry"])

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
  expect(await requestedBy()).toEqual(FIRST_SCRIPT_ASKS)
})

test("an element added after the script ran (as a framework adds it) also gets every chunk from the first script", async ({
  page,
}) => {
  const requestedBy = await trackRequesters(page)
  await openBlankPage(page)
  // The page defined the element with none in it: nothing beyond the first script is fetched yet.
  expect(await requestedBy()).toEqual({"element-entry": "bokeh-session"})
  await addElement(page, {id: "later", app: "echo", arguments: {N: "3"}})
  await waitForStatus(page, "later", "connected")
  expect(await requestedBy()).toEqual(FIRST_SCRIPT_ASKS)
})
