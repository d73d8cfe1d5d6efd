// loading="lazy", as <img loading="lazy">: an element connects once it comes near the viewport (one viewport
// height ahead), not before; eager (the default) connects at once wherever it is.
import {expect, test, type Page, type WebSocket} from "@playwright/test"
import {openBlankPage, pageOrigin, trackWebSockets, waitForStatus} from "./support/helpers.js"

/** Adds elements (id → loading and the space above it), each a new session of the echo app. */
async function addStacked(page: Page, elements: Array<{id: string; loading?: string; above: string}>): Promise<void> {
  await page.evaluate((items) => {
    for (const {id, loading, above} of items) {
      const spacer = document.createElement("div")
      spacer.style.height = above
      const element = document.createElement("bokeh-session")
      element.id = id
      if (loading != null) {
        element.setAttribute("loading", loading)
      }
      element.arguments = {N: "4", title: id}
      element.url = `${(window as unknown as {bokehOrigin: string}).bokehOrigin}/echo`
      document.body.append(spacer, element)
    }
  }, elements)
}

/**
 * A blank page with two lazy elements, one at the top and one three viewports below, once the near one connected:
 * both were observed at once, so its connect shows that the observer has reported on the far one too.
 */
async function nearAndFar(page: Page): Promise<WebSocket[]> {
  await openBlankPage(page)
  const sockets = trackWebSockets(page)
  await addStacked(page, [
    {id: "near", loading: "lazy", above: "0px"},
    {id: "far", loading: "lazy", above: "300vh"},
  ])
  await waitForStatus(page, "near", "connected")
  return sockets
}

const topInViewports = (page: Page, id: string): Promise<number> =>
  page.locator(`#${id}`).evaluate((element) => element.getBoundingClientRect().top / window.innerHeight)

test("a lazy element far below the fold waits; scrolled near, it connects before it is in view", async ({page}) => {
  const sockets = await nearAndFar(page)
  await expect(page.locator("#far")).toHaveJSProperty("status", "idle")
  expect(sockets).toHaveLength(1)

  // Scrolled to 1.6 viewports above it: inside the margin (one viewport), not yet visible.
  await page.evaluate(() => {
    const far = document.querySelector("#far")!
    window.scrollBy(0, far.getBoundingClientRect().top - 1.6 * window.innerHeight)
  })
  await expect(page.locator("#far")).not.toHaveJSProperty("status", "idle")
  expect(await topInViewports(page, "far")).toBeGreaterThan(1)
  await waitForStatus(page, "far", "connected")
  expect(sockets).toHaveLength(2)
})

test("eager, the default, connects at once wherever the element is", async ({page}) => {
  await openBlankPage(page)
  await addStacked(page, [
    {id: "default", above: "400vh"},
    {id: "eager", loading: "eager", above: "400vh"},
  ])
  await waitForStatus(page, "default", "connected")
  await waitForStatus(page, "eager", "connected")
  expect(await topInViewports(page, "default")).toBeGreaterThan(3)
})

test("a page of only lazy elements below the fold loads no session code and no BokehJS until one comes near", async ({
  page,
}) => {
  const requested: string[] = []
  page.on("request", (request) => requested.push(new URL(request.url()).pathname))
  await page.goto(`${pageOrigin()}/e2e/pages/lazy.html`)
  // The preload would have asked for them when the tag was defined; the network is then quiet.
  await page.waitForFunction(() => customElements.get("bokeh-session") != null)
  await page.waitForLoadState("networkidle")
  expect(requested.filter((path) => /\/chunks\/(session|bokehjs)-/.test(path))).toEqual([])
  await expect(page.locator("#far")).toHaveJSProperty("status", "idle")

  await page.locator("#far").scrollIntoViewIfNeeded()
  await waitForStatus(page, "far", "connected")
  expect(requested.some((path) => /\/chunks\/bokehjs-core-/.test(path))).toBe(true)
})

test("a lazy element removed before it came near opens nothing, and connects when added back in view", async ({
  page,
}) => {
  const sockets = await nearAndFar(page)
  await page.locator("#far").evaluate((element) => element.remove())
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight))
  await expect(page.locator("#far")).toHaveCount(0)
  expect(sockets).toHaveLength(1)
  await page.evaluate(() => {
    const element = document.createElement("bokeh-session")
    element.id = "back"
    element.setAttribute("loading", "lazy")
    element.arguments = {N: "4"}
    element.url = `${(window as unknown as {bokehOrigin: string}).bokehOrigin}/echo`
    document.body.prepend(element)
    window.scrollTo(0, 0)
  })
  await waitForStatus(page, "back", "connected")
  expect(sockets).toHaveLength(2)
})
