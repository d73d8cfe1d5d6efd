// A loss while the bundled BokehJS renders the document: the render is held back by holding one of the bundled
// BokehJS's chunks (its WebGL code, imported while the roots render). Not a spec of the e2e project server-bokehjs:
// the server's own BokehJS has no such chunk to hold.
import {expect, test} from "@playwright/test"
import {expectPaintedCanvas} from "./support/canvas.js"
import {
  elementProperty,
  openBlankPage,
  recordSocketActions,
  recordedEvents,
  trackWebSockets,
  waitForStatus,
} from "./support/helpers.js"
import {startDedicatedServer} from "./support/servers.js"

test("a loss while the document is being rendered is not lost: once shown, the element starts reconnecting", async ({
  page,
}) => {
  const server = await startDedicatedServer({apps: ["e2e/apps/webgl_plot.py"]})
  try {
    const sockets = trackWebSockets(page)
    const socketActions = await recordSocketActions(page)
    // The plot's canvas view imports BokehJS's WebGL code while the roots are rendered: held back, the render waits
    // with the document already in the page.
    let requested!: () => void
    const webGlRequested = new Promise<void>((resolve) => (requested = resolve))
    let release!: () => void
    const released = new Promise<void>((resolve) => (release = resolve))
    await page.route(/\/dist\/chunks\/webgl-[\w-]+\.js$/, async (route) => {
      requested()
      await released
      await route.continue()
    })
    await openBlankPage(page)
    await page.evaluate((url) => {
      const element = document.createElement("bokeh-session")
      element.id = "rendering"
      element.arguments = {N: "3"}
      element.url = url
      document.body.append(element)
    }, server.url("webgl_plot"))
    await webGlRequested
    expect(await elementProperty(page, "rendering", "status")).toBe("connecting")

    await server.stop("SIGKILL")
    // The page itself has heard the socket close (not only Chromium's network events), all before the render ends.
    const url = sockets[0].url()
    await expect.poll(async () => (await socketActions())[url]).toContain("closed")
    expect(await elementProperty(page, "rendering", "status")).toBe("connecting")
    release()
    // Shown, then at once known lost: the element reconnects (the other tests here follow a reconnect through).
    await waitForStatus(page, "rendering", "reconnecting")
    const sessionId = await elementProperty(page, "rendering", "sessionId")
    const args = {N: ["3"]}
    expect(await recordedEvents(page, "rendering")).toEqual([
      {type: "bokeh-session-connecting", id: "rendering", detail: {sessionId, arguments: args}},
      {type: "bokeh-session-ready", id: "rendering", detail: {sessionId, arguments: args, echo: args}},
      {type: "bokeh-session-disconnected", id: "rendering", detail: {sessionId, code: 1006, reason: ""}},
    ])
    // The render the loss interrupted did finish: the picture stays while reconnecting.
    await expectPaintedCanvas(page.locator("#rendering"), 100)
  } finally {
    await server.stop()
  }
})
