// Inputs changed on a live element: `arguments` and `url` each close the session and open a new one with the new
// input (the server reads arguments and the token only when a session is created); an equal arguments object is
// not a change; an emptied url closes the session and leaves the element idle; invalid arguments always fail,
// whatever the previous value. `timeout`, `reconnect-timeout` and `tokenProvider` (often a new function on every
// framework render) apply at the next connect without closing the live session; a token set as a property stays
// out of the DOM.
import {createServer, type Socket} from "node:net"
import {expect, test, type Page} from "@playwright/test"
import {mintUnsignedToken, parseToken} from "../src/session/token.js"
import {
  addElement,
  appUrl,
  bokehJsCounts,
  elementProperty,
  openBlankPage,
  recordedEvents,
  setArguments,
  trackWebSockets,
  waitForStatus,
} from "./support/helpers.js"
import {startDedicatedServer} from "./support/servers.js"

test("changing arguments on a live element opens a new session and closes the old one", async ({page}) => {
  const sockets = trackWebSockets(page)
  await openBlankPage(page)
  await addElement(page, {id: "live", arguments: {N: "1"}})
  await waitForStatus(page, "live", "connected")
  const firstId = await elementProperty(page, "live", "sessionId")
  expect(sockets).toHaveLength(1)
  const firstClosed = sockets[0].waitForEvent("close")

  await setArguments(page, "live", {N: "2", title: "second"})
  await firstClosed
  await expect.poll(() => elementProperty(page, "live", "echo")).toEqual({N: ["2"], title: ["second"]})
  await waitForStatus(page, "live", "connected")
  const secondId = await elementProperty(page, "live", "sessionId")
  expect(secondId).not.toEqual(firstId)
  expect(sockets).toHaveLength(2)
  expect(sockets[1].url()).toContain("/echo/ws?N=2&title=second")
  expect(sockets[1].isClosed()).toBe(false)

  const second = {N: ["2"], title: ["second"]}
  const expected = [
    {type: "bokeh-session-connecting", id: "live", detail: {sessionId: firstId, arguments: {N: ["1"]}}},
    {type: "bokeh-session-ready", id: "live", detail: {sessionId: firstId, arguments: {N: ["1"]}, echo: {N: ["1"]}}},
    {type: "bokeh-session-closed", id: "live", detail: {sessionId: firstId}},
    {type: "bokeh-session-connecting", id: "live", detail: {sessionId: secondId, arguments: second}},
    {type: "bokeh-session-ready", id: "live", detail: {sessionId: secondId, arguments: second, echo: second}},
  ]
  expect(await recordedEvents(page, "live")).toEqual(expected)
  // The attribute follows the property.
  expect(await page.locator("#live").getAttribute("arguments")).toBe('{"N":"2","title":"second"}')

  // A new object with the same content (as a framework passes on every render) is not a change. The proof that
  // nothing ran in between: the next real change's events follow the ones above directly.
  await page.locator("#live").evaluate(async (element) => {
    const live = element as HTMLElementTagNameMap["bokeh-session"]
    live.arguments = {title: "second", N: ["2"]}
    await live.updateComplete
    const ready = new Promise((resolve) => live.addEventListener("bokeh-session-ready", resolve, {once: true}))
    live.arguments = {N: "3"}
    await ready
  })
  const thirdId = await elementProperty(page, "live", "sessionId")
  expect(await recordedEvents(page, "live")).toEqual([
    ...expected,
    {type: "bokeh-session-closed", id: "live", detail: {sessionId: secondId}},
    {type: "bokeh-session-connecting", id: "live", detail: {sessionId: thirdId, arguments: {N: ["3"]}}},
    {type: "bokeh-session-ready", id: "live", detail: {sessionId: thirdId, arguments: {N: ["3"]}, echo: {N: ["3"]}}},
  ])
  expect(sockets).toHaveLength(3)
  expect(await bokehJsCounts(page)).toEqual({documents: 1, rootViews: 2})
})

test("changing the url of a live element opens a session on the new app and closes the old one", async ({page}) => {
  const sockets = trackWebSockets(page)
  await openBlankPage(page)
  await addElement(page, {id: "moving", arguments: {color: "teal"}})
  await waitForStatus(page, "moving", "connected")
  const firstId = await elementProperty(page, "moving", "sessionId")
  const firstClosed = sockets[0].waitForEvent("close")

  await page.locator("#moving").evaluate((element, url) => element.setAttribute("url", url), appUrl("widgets"))
  await firstClosed
  await expect(page.locator("#moving").getByText("widgets app")).toBeVisible()
  await waitForStatus(page, "moving", "connected")
  const secondId = await elementProperty(page, "moving", "sessionId")
  expect(secondId).not.toBe(firstId)
  const args = {color: ["teal"]}
  expect(await recordedEvents(page, "moving")).toEqual([
    {type: "bokeh-session-connecting", id: "moving", detail: {sessionId: firstId, arguments: args}},
    {type: "bokeh-session-ready", id: "moving", detail: {sessionId: firstId, arguments: args, echo: args}},
    {type: "bokeh-session-closed", id: "moving", detail: {sessionId: firstId}},
    {type: "bokeh-session-connecting", id: "moving", detail: {sessionId: secondId, arguments: args}},
    {type: "bokeh-session-ready", id: "moving", detail: {sessionId: secondId, arguments: args, echo: args}},
  ])
  expect(sockets.map((socket) => new URL(socket.url()).pathname)).toEqual(["/echo/ws", "/widgets/ws"])
  expect(sockets[1].isClosed()).toBe(false)
  // The old app's roots are gone: only the new document is shown.
  expect(await bokehJsCounts(page)).toEqual({documents: 1, rootViews: 2})
  await expect(page.locator("#moving canvas")).toHaveCount(0)
})

test("removing the url of a live element closes its session and leaves it idle", async ({page}) => {
  const sockets = trackWebSockets(page)
  await openBlankPage(page)
  await addElement(page, {id: "emptied", arguments: {N: "2"}})
  await waitForStatus(page, "emptied", "connected")
  const sessionId = await elementProperty(page, "emptied", "sessionId")
  const closed = sockets[0].waitForEvent("close")

  await page.locator("#emptied").evaluate((element) => element.removeAttribute("url"))
  await closed
  await waitForStatus(page, "emptied", "idle")
  await expect(page.locator("bokeh-session:state(idle)")).toHaveCount(1)
  await expect(page.locator("#emptied [part=status]")).toHaveText("Not connected")
  expect(await elementProperty(page, "emptied", "sessionId")).toBeNull()
  expect((await recordedEvents(page, "emptied")).at(-1)).toEqual({
    type: "bokeh-session-closed",
    id: "emptied",
    detail: {sessionId},
  })
  expect(sockets).toHaveLength(1)
  expect(await bokehJsCounts(page)).toEqual({documents: 0, rootViews: 0})
})

type Element = HTMLElementTagNameMap["bokeh-session"]

/** Accepts TCP connections and never answers, like a hung process. */
async function startStuckServer(): Promise<{port: number; stop(): Promise<void>}> {
  const accepted = new Set<Socket>()
  const server = createServer((socket) => accepted.add(socket))
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  return {
    port: (server.address() as {port: number}).port,
    stop: () =>
      new Promise<void>((resolve) => {
        accepted.forEach((socket) => socket.destroy())
        server.close(() => resolve())
      }),
  }
}

const eventTypes = async (page: Page, id: string): Promise<string[]> =>
  (await recordedEvents(page, id)).map((event) => event.type)

test("invalid arguments set on a live element that had none fail with invalid-arguments", async ({page}) => {
  const sockets = trackWebSockets(page)
  await openBlankPage(page)
  await addElement(page, {id: "none"})
  await waitForStatus(page, "none", "connected")
  await page.locator("#none").evaluate((element) => {
    ;(element as Element).arguments = {N: 10} as never
  })
  await waitForStatus(page, "none", "error")
  const events = await recordedEvents(page, "none")
  expect(events.map((event) => event.type)).toEqual([
    "bokeh-session-connecting",
    "bokeh-session-ready",
    "bokeh-session-closed",
    "bokeh-session-error",
  ])
  expect(events[3].detail).toEqual({
    code: "invalid-arguments",
    message: 'arguments.N must be a string or an array of strings, got number 10: write "10".',
  })
  await expect.poll(() => sockets[0].isClosed()).toBe(true)
  expect(sockets).toHaveLength(1)
})

test("timeout, reconnect-timeout and tokenProvider changes apply at the next connect, not to the live session", async ({
  page,
}) => {
  const server = await startDedicatedServer()
  const stuck = await startStuckServer()
  try {
    const sockets = trackWebSockets(page)
    await openBlankPage(page)
    await addElement(page, {id: "live", url: server.url("echo"), arguments: {N: "1"}})
    await waitForStatus(page, "live", "connected")
    const sessionId = await elementProperty(page, "live", "sessionId")

    // As a framework does on every render: an inline provider is a new function each time.
    const provided = await page.locator("#live").evaluate(
      async (element, token) => {
        const live = element as Element & {provided?: number}
        live.provided = 0
        for (let render = 0; render < 3; render++) {
          live.tokenProvider = () => {
            live.provided!++
            return token
          }
          live.timeout = 6000 + render
          live.reconnectTimeout = 1000 + render
          await live.updateComplete
        }
        return live.provided
      },
      mintUnsignedToken("p".repeat(44)),
    )
    expect(provided).toBe(0)
    expect(await eventTypes(page, "live")).toEqual(["bokeh-session-connecting", "bokeh-session-ready"])
    expect(sockets).toHaveLength(1)
    expect(sockets[0].isClosed()).toBe(false)
    expect(await elementProperty(page, "live", "sessionId")).toBe(sessionId)

    // The next connect uses them: the provider's token (its session id) ...
    await page.locator("#live").evaluate((element) => (element as Element).restart())
    await waitForStatus(page, "live", "connected")
    expect(await elementProperty(page, "live", "sessionId")).toBe("p".repeat(44))
    expect(await page.locator("#live").evaluate((element) => (element as Element & {provided: number}).provided)).toBe(
      1,
    )
    // ... the reconnect-timeout: the lost server is given up on after about a second, not the default five minutes
    // (the wait for the error is a few seconds) ...
    await server.stop("SIGKILL")
    await waitForStatus(page, "live", "error")
    const lost = (await recordedEvents(page, "live")).at(-1)!
    expect(lost.type).toBe("bokeh-session-error")
    expect(lost.detail.code).toBe("connection-lost")
    expect(lost.detail.message).toMatch(/could not reconnect within \d s \(last attempt: Nothing answers at /)
    // ... and the timeout, on a server that accepts the connection and never answers.
    const stuckUrl = `http://127.0.0.1:${stuck.port}/echo`
    await page.locator("#live").evaluate((element, url) => element.setAttribute("url", url), stuckUrl)
    await expect(page.locator("#live")).toHaveJSProperty("status", "connecting")
    await waitForStatus(page, "live", "error")
    expect((await recordedEvents(page, "live")).at(-1)!.detail).toMatchObject({
      code: "timeout",
      message: expect.stringContaining(`No document from ws://127.0.0.1:${stuck.port}/echo/ws within 6002 ms`),
    })

    await page.locator("#live").evaluate((element) => {
      ;(element as Element).timeout = -1
    })
    await page.locator("#live").evaluate((element) => (element as Element).restart())
    await expect.poll(async () => (await recordedEvents(page, "live")).at(-1)!.detail.code).toBe("invalid-option")
    expect((await recordedEvents(page, "live")).at(-1)!.detail).toEqual({
      code: "invalid-option",
      message: 'timeout must be a positive number of milliseconds, got -1: e.g. timeout="30000".',
    })
  } finally {
    await server.stop()
    await stuck.stop()
  }
})

test("a token set as a property is not written into the DOM; the attribute still works", async ({page}) => {
  await openBlankPage(page)
  const fromProperty = mintUnsignedToken("a".repeat(44))
  const fromAttribute = mintUnsignedToken("b".repeat(44))
  await page.evaluate(
    ({url, token}) => {
      const element = document.createElement("bokeh-session")
      element.id = "secret"
      element.token = token
      element.url = url
      document.body.append(element)
    },
    {url: appUrl("echo"), token: fromProperty},
  )
  await waitForStatus(page, "secret", "connected")
  expect(await elementProperty(page, "secret", "sessionId")).toBe(parseToken(fromProperty).session_id)
  expect(await page.locator("#secret").getAttribute("token")).toBeNull()
  expect(await page.evaluate(() => document.body.outerHTML)).not.toContain(fromProperty)

  await page.locator("#secret").evaluate((element, token) => element.setAttribute("token", token), fromAttribute)
  await expect.poll(() => elementProperty(page, "secret", "sessionId")).toBe(parseToken(fromAttribute).session_id)
  await waitForStatus(page, "secret", "connected")
})
