// Connection loss: the element shows it, reconnects with a fresh token and the same arguments, or gives up clearly.
import {expect, test, type Page} from "@playwright/test"
import {freePort} from "../scripts/lib/bokeh-server.mjs"
import {base64UrlDecode} from "../src/session/token.js"
import {expectPaintedCanvas} from "./support/canvas.js"
import {
  bokehJsCounts,
  elementProperty,
  openBlankPage,
  recordedEvents,
  trackWebSockets,
  waitForStatus,
} from "./support/helpers.js"
import {startDedicatedServer, type DedicatedServer} from "./support/servers.js"

const HOUR = 60 * 60 * 1000

/** Shifts the page's clock (Date.now, which mints tokens) against the real one, the server's. */
async function skewPageClock(page: Page, offsetMs: number): Promise<void> {
  await page.addInitScript((offset) => {
    const realNow = Date.now
    Date.now = () => realNow() + offset
  }, offsetMs)
}

/** The session tokens the page's websocket handshakes carried, read from Chromium's network events. */
async function recordHandshakeTokens(page: Page): Promise<string[]> {
  const tokens: string[] = []
  const cdp = await page.context().newCDPSession(page)
  await cdp.send("Network.enable")
  cdp.on("Network.webSocketWillSendHandshakeRequest", (event) => {
    const protocols = event.request.headers["Sec-WebSocket-Protocol"] ?? ""
    tokens.push(protocols.split(",")[1]?.trim() ?? "")
  })
  return tokens
}

const expiryOf = (token: string): number => JSON.parse(base64UrlDecode(token)).session_expiry

async function addEchoElement(page: Page, url: string, attributes: Record<string, string> = {}): Promise<void> {
  await page.evaluate(
    ({url, attributes}) => {
      const element = document.createElement("bokeh-session")
      element.id = "survivor"
      for (const [name, value] of Object.entries(attributes)) {
        element.setAttribute(name, value)
      }
      element.arguments = {N: "6", title: "survivor", ключ: "значение"}
      element.url = url
      document.body.append(element)
    },
    {url, attributes},
  )
}

test("after a SIGKILL and 60 s down, the element reconnects with a fresh token and shows the same echo", async ({
  page,
}) => {
  test.setTimeout(180_000)
  // The page's clock runs 2 h 59 m 30 s behind the server's: the first minted token expires (server time) 30 s
  // after it is made, so a reconnect 60 s later works only with a freshly minted token. It also covers a client
  // clock skewed by more than two hours.
  await skewPageClock(page, -(3 * HOUR - 30_000))
  const port = await freePort()
  let server: DedicatedServer = await startDedicatedServer({port})
  try {
    const tokens = await recordHandshakeTokens(page)
    const sockets = trackWebSockets(page)
    await openBlankPage(page)
    await addEchoElement(page, server.url("echo"))
    await waitForStatus(page, "survivor", "connected")
    const sessionId = await elementProperty(page, "survivor", "sessionId")
    const echo = await elementProperty(page, "survivor", "echo")
    expect(echo).toEqual({N: ["6"], title: ["survivor"], ключ: ["значение"]})

    await server.stop("SIGKILL")
    await waitForStatus(page, "survivor", "reconnecting")
    await expect(page.locator("bokeh-session:state(reconnecting)")).toHaveCount(1)
    await expect(page.locator("#survivor [part=status]")).toContainText("reconnecting")
    // The last picture stays while reconnecting.
    await expectPaintedCanvas(page.locator("#survivor"))

    await page.waitForTimeout(60_000) // the outage itself
    expect(await elementProperty(page, "survivor", "status")).toBe("reconnecting")
    server = await startDedicatedServer({port})
    await expect(page.locator("#survivor")).toHaveJSProperty("status", "connected", {timeout: 30_000})

    expect(await elementProperty(page, "survivor", "echo")).toEqual(echo)
    expect(await elementProperty(page, "survivor", "sessionId")).toBe(sessionId)
    // The reconnect is quiet (no connecting, no closed): the same session came back with the same arguments.
    const args = {N: ["6"], title: ["survivor"], ключ: ["значение"]}
    expect(await recordedEvents(page, "survivor")).toEqual([
      {type: "bokeh-session-connecting", id: "survivor", detail: {sessionId, arguments: args}},
      {type: "bokeh-session-ready", id: "survivor", detail: {sessionId, arguments: args, echo}},
      // 1006: the server vanished without a close frame.
      {type: "bokeh-session-disconnected", id: "survivor", detail: {sessionId, code: 1006, reason: ""}},
      {type: "bokeh-session-reconnected", id: "survivor", detail: {sessionId, arguments: args, echo}},
    ])

    // Every attempt mints its own token (Chromium reports handshakes only to a listening server): the one that
    // got through expires at least the outage's length after the first.
    expect(tokens.length).toBeGreaterThanOrEqual(2)
    expect(expiryOf(tokens.at(-1)!)).toBeGreaterThanOrEqual(expiryOf(tokens[0]) + 60)
    expect(sockets.filter((socket) => !socket.isClosed())).toHaveLength(1)
    expect(await bokehJsCounts(page)).toEqual({documents: 1, rootViews: 2})
  } finally {
    await server.stop()
  }
})

for (const skew of [2 * HOUR, -2 * HOUR]) {
  test(`a page clock ${skew > 0 ? "ahead" : "behind"} by two hours still gets a session`, async ({page}) => {
    await skewPageClock(page, skew)
    await openBlankPage(page)
    const server = await startDedicatedServer()
    try {
      await addEchoElement(page, server.url("echo"))
      await waitForStatus(page, "survivor", "connected")
    } finally {
      await server.stop()
    }
  })
}

/** The events of an element that connected, lost its server and gave up, up to the error's message. */
async function lostAndGaveUp(page: Page, reconnectTimeout: string): Promise<{message: string; sockets: number}> {
  const server = await startDedicatedServer()
  const sockets = trackWebSockets(page)
  await openBlankPage(page)
  await addEchoElement(page, server.url("echo"), {"reconnect-timeout": reconnectTimeout})
  await waitForStatus(page, "survivor", "connected")
  const sessionId = await elementProperty(page, "survivor", "sessionId")
  await server.stop("SIGKILL")
  await waitForStatus(page, "survivor", "error")
  await expect(page.locator("bokeh-session:state(error)")).toHaveCount(1)
  const events = await recordedEvents(page, "survivor")
  const args = {N: ["6"], title: ["survivor"], ключ: ["значение"]}
  const message = String(events.at(-1)?.detail.message)
  expect(events).toEqual([
    {type: "bokeh-session-connecting", id: "survivor", detail: {sessionId, arguments: args}},
    {type: "bokeh-session-ready", id: "survivor", detail: {sessionId, arguments: args, echo: args}},
    {type: "bokeh-session-disconnected", id: "survivor", detail: {sessionId, code: 1006, reason: ""}},
    // Giving up closes the lost session for good (its document and views), and says so before the error.
    {type: "bokeh-session-closed", id: "survivor", detail: {sessionId}},
    {type: "bokeh-session-error", id: "survivor", detail: {code: "connection-lost", message}},
  ])
  await expect(page.locator("#survivor [part=error]")).toHaveText(message)
  expect(message).toContain("Call restart() once the server is back")
  // Giving up frees the document and its views, and leaves no socket open.
  expect(await bokehJsCounts(page)).toEqual({documents: 0, rootViews: 0})
  await expect.poll(() => sockets.filter((socket) => !socket.isClosed()).length).toBe(0)
  return {message, sockets: sockets.length}
}

test("connection-lost: reconnecting tries again until reconnect-timeout, then gives up and frees the document", async ({
  page,
}) => {
  const {message, sockets} = await lostAndGaveUp(page, "1500")
  // Only a failed attempt puts "last attempt" in the message: the element did try to reconnect, and found nothing
  // listening; every attempt opened a websocket of its own.
  expect(message).toMatch(
    /^Lost the connection to ws:\/\/127\.0\.0\.1:(\d+)\/echo\/ws and could not reconnect within \d+ s \(last attempt: Nothing answers at 127\.0\.0\.1:\1\b/,
  )
  expect(sockets).toBeGreaterThanOrEqual(2)
})

test('reconnect-timeout="0": a loss ends in connection-lost at once, with no reconnect attempt', async ({page}) => {
  const {message, sockets} = await lostAndGaveUp(page, "0")
  expect(message).toMatch(
    /^Lost the connection to ws:\/\/127\.0\.0\.1:\d+\/echo\/ws and could not reconnect within 0 s\. Call restart\(\)/,
  )
  expect(sockets).toBe(1)
})
