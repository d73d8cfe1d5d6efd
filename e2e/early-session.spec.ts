// The session starts while BokehJS loads (src/session/session-socket.ts): the websocket opens as soon as the token
// and URL are known, the document is requested on the server's ACK, and BokehJS's connection takes over the socket
// and what it heard. A connect given up before the hand-over still closes its socket only after the ACK.
import {expect, test} from "@playwright/test"
import {canvasPaint, expectPaintedCanvas} from "./support/canvas.js"
import {
  addElement,
  holdBokehJs,
  openBlankPage,
  recordSocketActions,
  recordedEvents,
  sentMessageTypes,
  setArguments,
  trackWebSockets,
  waitForStatus,
} from "./support/helpers.js"
import {startDedicatedServer} from "./support/servers.js"

test("the socket opens and the document arrives before BokehJS has loaded; BokehJS then renders it", async ({page}) => {
  const sockets = trackWebSockets(page)
  const release = await holdBokehJs(page)
  await openBlankPage(page)
  const socketOpened = page.waitForEvent("websocket")
  await addElement(page, {id: "early", arguments: {N: "7"}})
  const socket = await socketOpened
  const sent = sentMessageTypes(socket)
  // The reply to the document request: Bokeh's header frame names it.
  await socket.waitForEvent("framereceived", {
    predicate: ({payload}) => typeof payload === "string" && payload.includes('"PULL-DOC-REPLY"'),
  })
  await expect(page.locator("#early")).toHaveJSProperty("status", "connecting")
  // Through every shadow root, BokehJS's views' too: nothing is drawn yet.
  expect(await canvasPaint(page.locator("#early"))).toEqual({canvases: 0, painted: 0, colours: 0})

  release()
  await waitForStatus(page, "early", "connected")
  await expectPaintedCanvas(page.locator("#early"))
  expect(
    await page.locator("#early").evaluate((element) => (element as HTMLElementTagNameMap["bokeh-session"]).echo),
  ).toEqual({
    N: ["7"],
  })
  // One socket, one document request: BokehJS did not ask again.
  expect(sockets).toHaveLength(1)
  expect(sent.filter((type) => type === "PULL-DOC-REQ")).toHaveLength(1)
  const events = await recordedEvents(page, "early")
  expect(events.map((event) => event.type)).toEqual(["bokeh-session-connecting", "bokeh-session-ready"])
})

test("a connect replaced before BokehJS has loaded closes its early socket after the ACK, leaving no session", async ({
  page,
}) => {
  const dedicated = await startDedicatedServer({apps: ["e2e/apps/slow_build.py"]})
  try {
    const sockets = trackWebSockets(page)
    const socketActions = await recordSocketActions(page)
    const release = await holdBokehJs(page)
    await openBlankPage(page)
    // The app takes 3 s to build this session: the server sends the ACK only then.
    await addElement(page, {id: "replaced", url: dedicated.url("slow_build"), arguments: {N: "1", delay: "3"}})
    await expect.poll(() => dedicated.server.log()).toContain("slow_build: building for 3.0 s")
    // A new input while the first connect still waits for BokehJS and for its ACK: that connect is given up.
    await setArguments(page, "replaced", {N: "2"})
    await expect.poll(() => sockets[0]?.isClosed()).toBe(true)
    // Closed on the ACK, not before: a socket closed before it would leave the session on the server for good.
    const first = sockets[0].url()
    expect(first).toContain("N=1&delay=3")
    await expect.poll(async () => (await socketActions())[first]).toEqual(["ACK", "close()", "closed"])
    release()
    await waitForStatus(page, "replaced", "connected")
    expect(
      await page.locator("#replaced").evaluate((element) => (element as HTMLElementTagNameMap["bokeh-session"]).echo),
    ).toEqual({N: ["2"]})
    expect(sockets).toHaveLength(2)
    // The given-up session is gone from the server; the shown one remains.
    await dedicated.statsWhere((stats) => stats.clients === 1 && stats.sessions === 1)
    await page.locator("#replaced").evaluate((element) => element.remove())
    await dedicated.statsWhere((stats) => stats.clients === 0 && stats.sessions === 0)
  } finally {
    await dedicated.stop()
  }
})
