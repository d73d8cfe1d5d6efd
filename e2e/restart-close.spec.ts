// The element's two methods: close() ends the session for good (status, state, event, socket, document) and
// nothing reconnects; restart() replaces the session with a new one (new id, same arguments), also after close().
import {expect, test, type Page} from "@playwright/test"
import {expectPaintedCanvas} from "./support/canvas.js"
import {
  addElement,
  bokehJsCounts,
  elementProperty,
  openBlankPage,
  recordedEvents,
  trackWebSockets,
  waitForStatus,
} from "./support/helpers.js"

const ARGS = {N: ["7"], title: ["methods"]}

async function connectedElement(page: Page, id: string): Promise<string> {
  await openBlankPage(page)
  await addElement(page, {id, arguments: {N: "7", title: "methods"}})
  await waitForStatus(page, id, "connected")
  return (await elementProperty(page, id, "sessionId")) as string
}

const call = (page: Page, id: string, method: "close" | "restart"): Promise<void> =>
  page.locator(`#${id}`).evaluate((element, method) => {
    ;(element as HTMLElementTagNameMap["bokeh-session"])[method]()
  }, method)

test("close() closes the socket, frees the document, fires closed, and shows the closed state", async ({page}) => {
  const sockets = trackWebSockets(page)
  const sessionId = await connectedElement(page, "closing")
  const socketClosed = sockets[0].waitForEvent("close")

  await call(page, "closing", "close")
  await socketClosed
  const element = page.locator("#closing")
  expect(await elementProperty(page, "closing", "status")).toBe("closed")
  await expect(page.locator("bokeh-session:state(closed)")).toHaveCount(1)
  await expect(page.locator("bokeh-session:state(connected)")).toHaveCount(0)
  await expect(element.locator("[part=status]")).toHaveText("Closed")
  // Nothing of the session is shown any more: no roots, no echo table.
  await expect(element.locator("[part=echo]")).toHaveCount(0)
  await expect(element.locator("canvas")).toHaveCount(0)
  expect(await elementProperty(page, "closing", "echo")).toBeNull()
  expect(await elementProperty(page, "closing", "session")).toBeNull()
  expect(await bokehJsCounts(page)).toEqual({documents: 0, rootViews: 0})
  expect(await recordedEvents(page, "closing")).toEqual([
    {type: "bokeh-session-connecting", id: "closing", detail: {sessionId, arguments: ARGS}},
    {type: "bokeh-session-ready", id: "closing", detail: {sessionId, arguments: ARGS, echo: ARGS}},
    {type: "bokeh-session-closed", id: "closing", detail: {sessionId}},
  ])

  // Idempotent: a second close() changes nothing and fires nothing.
  await call(page, "closing", "close")
  expect((await recordedEvents(page, "closing")).length).toBe(3)

  // Nothing reconnected after the socket closed: the next events are restart()'s own, for a new session, and
  // restart() opened the only other socket.
  await call(page, "closing", "restart")
  await waitForStatus(page, "closing", "connected")
  const newId = await elementProperty(page, "closing", "sessionId")
  expect(newId).not.toBe(sessionId)
  expect((await recordedEvents(page, "closing")).slice(3)).toEqual([
    {type: "bokeh-session-connecting", id: "closing", detail: {sessionId: newId, arguments: ARGS}},
    {type: "bokeh-session-ready", id: "closing", detail: {sessionId: newId, arguments: ARGS, echo: ARGS}},
  ])
  expect(sockets).toHaveLength(2)
  expect(sockets[1].isClosed()).toBe(false)
  await expectPaintedCanvas(element)
})

test("restart() closes the live session and opens a new one with the same arguments", async ({page}) => {
  const sockets = trackWebSockets(page)
  const firstId = await connectedElement(page, "restarting")
  const firstClosed = sockets[0].waitForEvent("close")

  await call(page, "restarting", "restart")
  await firstClosed
  await waitForStatus(page, "restarting", "connected")
  const secondId = await elementProperty(page, "restarting", "sessionId")
  expect(secondId).not.toBe(firstId)
  expect(secondId).toMatch(/^[0-9A-Za-z]{44}$/)
  await expect(page.locator("bokeh-session:state(connected)")).toHaveCount(1)
  expect(await recordedEvents(page, "restarting")).toEqual([
    {type: "bokeh-session-connecting", id: "restarting", detail: {sessionId: firstId, arguments: ARGS}},
    {type: "bokeh-session-ready", id: "restarting", detail: {sessionId: firstId, arguments: ARGS, echo: ARGS}},
    {type: "bokeh-session-closed", id: "restarting", detail: {sessionId: firstId}},
    {type: "bokeh-session-connecting", id: "restarting", detail: {sessionId: secondId, arguments: ARGS}},
    {type: "bokeh-session-ready", id: "restarting", detail: {sessionId: secondId, arguments: ARGS, echo: ARGS}},
  ])
  expect(sockets).toHaveLength(2)
  expect(sockets[1].url()).toContain("/echo/ws?N=7&title=methods")
  expect(sockets[1].isClosed()).toBe(false)
  // One document and its views: the old ones were freed.
  expect(await bokehJsCounts(page)).toEqual({documents: 1, rootViews: 2})
  await expect(page.locator("#restarting [part=echo] tr.match")).toHaveCount(2)
  await expectPaintedCanvas(page.locator("#restarting"))
})
