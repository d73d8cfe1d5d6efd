// Documents change after the first pull: a PATCH-DOC can bring model types (widgets, tables, TeX) that the first
// document did not need. Each patch gets its code (and MathJax) first, then applies, in arrival order; a type that
// nothing can resolve ends the session with `unknown-model` instead of a silently dropped patch.
import {expect, test, type Page} from "@playwright/test"
import {openBokehEmbed} from "./support/bokeh-embed.js"
import {
  addElement,
  bokehJsCounts,
  fatalAfterTrigger,
  openBlankPage,
  recordedEvents,
  trackBundleChunks,
  trackWebSockets,
  waitForStatus,
} from "./support/helpers.js"

interface LateModels {
  rows: number
  slider: string
  tex: string
}

/** What the app's late patch renders: table rows, the slider's title with its value, the TeX Div's typeset output. */
async function lateModels(page: Page): Promise<LateModels> {
  // Playwright's CSS locators pierce the open shadow roots of the element and of BokehJS's views. Bokeh's embed
  // loads all of Bokeh's bundles (MathJax too) before its document, which can take longer than the 5 s default
  // on a busy machine: the wait is bounded by the test's timeout instead.
  // The rows by their cells' text rather than SlickGrid's `.slick-row` class: on a loaded machine that locator once
  // found none while the rows were on screen (the page snapshot showed them).
  const rowNames = page.getByText(/^[abc]$/)
  await expect(rowNames).toHaveCount(3, {timeout: 45_000})
  await expect(page.getByText("Late slider:")).toHaveCount(1)
  await expect(page.locator("mjx-container svg")).toHaveCount(1)
  return {
    rows: await rowNames.count(),
    slider: (await page.getByText("Late slider:").textContent()) ?? "",
    tex: (await page.locator("mjx-container").getAttribute("jax")) ?? "",
  }
}

/**
 * In order, what the page fetched and heard: the BokehJS chunks of widgets, tables and MathJax, and the frame of the
 * patch that brings the late models (the only message that names DataTable).
 */
function trackChunksAndPatch(page: Page): string[] {
  const order = trackBundleChunks(page)
  page.on("websocket", (socket) =>
    socket.on("framereceived", ({payload}) => {
      if (typeof payload === "string" && payload.includes('"DataTable"')) {
        order.push("the patch")
      }
    }),
  )
  return order
}

test("models added 1.5 s after the start render as under Bokeh's own embed", async ({page, context}) => {
  const order = trackChunksAndPatch(page)
  const errors: string[] = []
  page.on("console", (message) => {
    if (message.type() === "error") {
      errors.push(message.text())
    }
  })
  await openBlankPage(page)
  await addElement(page, {id: "late", app: "late_models"})
  await waitForStatus(page, "late", "connected")
  // The first document is a plot only: no widget, table or MathJax code is needed yet.
  await expect(page.locator("canvas").first()).toBeVisible()
  const underElement = await lateModels(page)
  await waitForStatus(page, "late", "connected")
  expect(errors.filter((text) => text.includes("could not resolve type"))).toEqual([])
  // Their code was fetched for the patch, after it arrived: none of it for the first document.
  expect(order[0]).toBe("the patch")
  expect(order.slice(1).sort()).toEqual(["bokehjs-mathjax", "bokehjs-tables", "bokehjs-widgets"])

  const embedPage = await context.newPage()
  await openBokehEmbed(embedPage, "late_models")
  const underEmbed = await lateModels(embedPage)

  expect(underElement).toEqual(underEmbed)
  expect(underElement).toEqual({rows: 3, slider: "Late slider: 7", tex: "SVG"})
})

test("a type nothing resolves, arriving after the start, ends the session with unknown-model", async ({page}) => {
  const sockets = trackWebSockets(page)
  await openBlankPage(page)
  // The app answers this change by adding a model of a type the page has no code for.
  const fatal = await fatalAfterTrigger(page, "late_unknown_model", "add the unknown model")
  expect(fatal.code).toBe("unknown-model")
  expect(fatal.message).toContain("LateGauge")
  // Everything the session opened is closed: the socket, the document, the views.
  await expect.poll(() => sockets.filter((socket) => !socket.isClosed()).length).toBe(0)
  expect(await bokehJsCounts(page)).toEqual({documents: 0, rootViews: 0})
  expect(await page.getByText("add the unknown model").count()).toBe(0)
})

test("the element: a type nothing resolves after the start fails with unknown-model, closes all, and does not reconnect", async ({
  page,
}) => {
  const sockets = trackWebSockets(page)
  await openBlankPage(page)
  await addElement(page, {id: "fatal", app: "late_unknown_model"})
  await waitForStatus(page, "fatal", "connected")
  await expect(page.getByText("before the unknown model")).toBeVisible()
  await page.locator("#fatal").evaluate((element) => {
    const session = (element as HTMLElementTagNameMap["bokeh-session"]).session!
    const trigger = session.document.get_model_by_name("trigger") as unknown as {text: string}
    trigger.text = "add the unknown model"
  })
  await waitForStatus(page, "fatal", "error")
  const events = await recordedEvents(page, "fatal")
  expect(events.map((event) => event.type)).toEqual([
    "bokeh-session-connecting",
    "bokeh-session-ready",
    "bokeh-session-error",
  ])
  const detail = events[2].detail as {code: string; message: string}
  expect(detail.code).toBe("unknown-model")
  expect(detail.message).toContain("LateGauge")
  await expect(page.locator("#fatal [part=error]")).toHaveText(detail.message)
  await expect.poll(() => sockets.filter((socket) => !socket.isClosed()).length).toBe(0)
  expect(await bokehJsCounts(page)).toEqual({documents: 0, rootViews: 0})
  // The document's roots are gone from the element: the Div showed the text set above, and shows nothing now.
  expect(await page.getByText("add the unknown model").count()).toBe(0)
  await expect(page.locator("#fatal [part=roots] > *")).toHaveCount(0)
  // No reconnect: one socket in all, and the element stays failed.
  expect(sockets).toHaveLength(1)
  expect(
    await page.locator("#fatal").evaluate((element) => (element as HTMLElementTagNameMap["bokeh-session"]).status),
  ).toBe("error")
})
