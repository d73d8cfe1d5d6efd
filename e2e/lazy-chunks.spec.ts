// What BokehJS code each document makes the page fetch: widget, table and MathJax chunks only when the document
// uses them, and a page's widget chunks fetched before its document arrives once the page has needed them.
import {expect, test, type Page} from "@playwright/test"
import {addElement, openBlankPage, pageOrigin, waitForStatus} from "./support/helpers.js"

/** The dist chunks the page requests, by bundle name (hashes stripped), in request order. */
function trackChunks(page: Page): string[] {
  const chunks: string[] = []
  page.on("request", (request) => {
    const match = /\/dist\/chunks\/(bokehjs-(?:widgets|tables|mathjax))-[\w-]+\.js$/.exec(request.url())
    if (match != null) {
      chunks.push(match[1])
    }
  })
  return chunks
}

test("a plot document fetches no widget, table or MathJax code", async ({page}) => {
  const chunks = trackChunks(page)
  await openBlankPage(page)
  await addElement(page, {id: "plot", app: "echo", arguments: {N: "5"}})
  await waitForStatus(page, "plot", "connected")
  await expect(page.locator("#plot canvas").first()).toBeVisible()
  expect(chunks).toEqual([])
})

test("a widget document fetches widget and table code but not MathJax, and renders", async ({page}) => {
  const chunks = trackChunks(page)
  await openBlankPage(page)
  await addElement(page, {id: "widgets", app: "widgets", arguments: {a: "1"}})
  await waitForStatus(page, "widgets", "connected")
  await expect(page.locator("#widgets .slick-cell.l1").first()).toHaveText("a")
  await expect(page.locator("#widgets").getByText("widgets app")).toBeVisible()
  expect([...chunks].sort()).toEqual(["bokehjs-tables", "bokehjs-widgets"])
})

test("a document with TeX fetches MathJax, also after a widget document on the page went without it", async ({
  page,
}) => {
  const chunks = trackChunks(page)
  await openBlankPage(page)
  await addElement(page, {id: "widgets", app: "widgets", arguments: {a: "1"}})
  await waitForStatus(page, "widgets", "connected")
  expect(chunks).not.toContain("bokehjs-mathjax")

  // The demo app puts the title argument in the plot's title, which BokehJS typesets when it has TeX delimiters.
  await addElement(page, {id: "tex", app: "echo", arguments: {title: "$$\\alpha^2$$"}})
  await waitForStatus(page, "tex", "connected")
  expect(chunks).toContain("bokehjs-mathjax")
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
