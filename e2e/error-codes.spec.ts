// Each error code, produced on purpose against real servers (or their absence), with a message that names the fix.
import {createServer, type Server} from "node:net"
import {expect, test, type Page} from "@playwright/test"
import {freePort} from "../scripts/lib/bokeh-server.mjs"
import {base64UrlEncode} from "../src/session/token.js"
import {
  appUrl,
  bokehOrigin,
  openBlankPage,
  pageOrigin,
  recordedEvents,
  trackWebSockets,
  waitForStatus,
} from "./support/helpers.js"
import {startDedicatedServer, type DedicatedServer} from "./support/servers.js"

/** Adds an element and returns the detail of its `bokeh-session-error` event. */
async function errorOf(page: Page, attributes: Record<string, string>): Promise<{code: string; message: string}> {
  await page.evaluate((attributes) => {
    const element = document.createElement("bokeh-session")
    element.id = "failing"
    for (const [name, value] of Object.entries(attributes)) {
      element.setAttribute(name, value)
    }
    document.body.append(element)
  }, attributes)
  await waitForStatus(page, "failing", "error")
  const events = await recordedEvents(page, "failing")
  const error = events.find((event) => event.type === "bokeh-session-error")
  expect(error, JSON.stringify(events)).toBeDefined()
  const detail = error!.detail as {code: string; message: string}
  // The same message is on the element and shown in part="error".
  await expect(page.locator("#failing [part=error]")).toHaveText(detail.message)
  expect(
    await page
      .locator("#failing")
      .evaluate((element) => (element as HTMLElementTagNameMap["bokeh-session"]).error?.code),
  ).toBe(detail.code)
  return detail
}

const pageHost = (): string => new URL(pageOrigin()).host

test("unreachable: nothing listens at the address", async ({page}) => {
  await openBlankPage(page)
  const port = await freePort()
  const {code, message} = await errorOf(page, {url: `http://127.0.0.1:${port}/echo`})
  expect(code).toBe("unreachable")
  expect(message).toContain(`Nothing answers at 127.0.0.1:${port}`)
  expect(message).toContain("start the Bokeh server")
})

test("handshake-rejected: the app path is wrong", async ({page}) => {
  await openBlankPage(page)
  const {code, message} = await errorOf(page, {url: `${bokehOrigin()}/no-such-app`})
  expect(code).toBe("handshake-rejected")
  expect(message).toContain("there is no Bokeh app at /no-such-app")
  expect(message).toContain(`--allow-websocket-origin=${pageHost()}`)
})

test.describe("servers of their own", () => {
  let strangers: DedicatedServer
  let signed: DedicatedServer

  test.beforeAll(async () => {
    ;[strangers, signed] = await Promise.all([
      // Allows some other origin, not the test page's.
      startDedicatedServer({origins: ["example.org:443"]}),
      startDedicatedServer({env: {BOKEH_SIGN_SESSIONS: "yes", BOKEH_SECRET_KEY: "x".repeat(44)}}),
    ])
  })
  test.afterAll(async () => {
    await Promise.all([strangers?.stop(), signed?.stop()])
  })

  test("handshake-rejected: the page's origin is not allowed, and the message gives the exact flag", async ({page}) => {
    await openBlankPage(page)
    const {code, message} = await errorOf(page, {url: strangers.url("echo")})
    expect(code).toBe("handshake-rejected")
    expect(message).toContain(`has the app ${strangers.url("echo")} but refused this page's websocket`)
    expect(message).toContain(`Start it with --allow-websocket-origin=${pageHost()}`)
  })

  test("signed-required: the server signs session ids and the browser minted the token", async ({page}) => {
    await openBlankPage(page)
    const {code, message} = await errorOf(page, {url: signed.url("echo")})
    expect(code).toBe("signed-required")
    expect(message).toContain("signs session ids (BOKEH_SIGN_SESSIONS=yes)")
    expect(message).toContain("token attribute or the tokenProvider property")
  })
})

test("session-rejected: an expired token from a backend", async ({page}) => {
  await openBlankPage(page)
  const expired = base64UrlEncode(
    JSON.stringify({session_id: "a".repeat(44), session_expiry: Math.floor(Date.now() / 1000) - 60}),
  )
  const {code, message} = await errorOf(page, {url: appUrl("echo"), token: expired})
  expect(code).toBe("session-rejected")
  expect(message).toContain("The token from your backend is expired")
})

test.describe("a stuck server", () => {
  let stuck: Server
  let port: number
  test.beforeAll(async () => {
    // Accepts TCP connections and never answers, like a hung process: BokehJS alone would wait ~240 s.
    stuck = createServer(() => {})
    await new Promise<void>((resolve) => stuck.listen(0, "127.0.0.1", resolve))
    port = (stuck.address() as {port: number}).port
  })
  test.afterAll(() => {
    stuck.close()
  })

  test("timeout: no document within the timeout attribute, and the socket is closed", async ({page}) => {
    const sockets = trackWebSockets(page)
    await openBlankPage(page)
    const {code, message} = await errorOf(page, {url: `http://127.0.0.1:${port}/echo`, timeout: "1500"})
    expect(code).toBe("timeout")
    expect(message).toContain("within 1500 ms")
    expect(message).toContain("raise the timeout attribute")
    expect(sockets).toHaveLength(1)
    // Closed once the server has had 5 s more to upgrade (see ACK_WAIT_CONNECTING_MS in the adapter).
    await expect.poll(() => sockets[0].isClosed(), {timeout: 10_000}).toBe(true)
  })

  test("an aborted pullSession rejects at once, before its socket is closed, which follows", async ({page}) => {
    const sockets = trackWebSockets(page)
    await openBlankPage(page)
    const socketOpened = page.waitForEvent("websocket")
    await page.evaluate(async (url) => {
      const {pullSession} = await import(`${location.origin}/dist/bokeh-session.js`)
      const abort = new AbortController()
      const state = window as unknown as {abort: AbortController; outcome: Promise<string>}
      state.abort = abort
      state.outcome = pullSession(url, {signal: abort.signal, timeout: 60_000}).then(
        () => "resolved",
        (error: Error) => error.name,
      )
    }, `http://127.0.0.1:${port}/echo`)
    await socketOpened
    // The server never answers the upgrade: the abort must not wait for it (or for the 5 s grace that follows).
    const outcome = await page.evaluate(() => {
      const state = window as unknown as {abort: AbortController; outcome: Promise<string>}
      state.abort.abort()
      return state.outcome
    })
    expect(outcome).toBe("AbortError")
    expect(sockets).toHaveLength(1)
    expect(sockets[0].isClosed()).toBe(false)
    await expect.poll(() => sockets[0].isClosed(), {timeout: 10_000}).toBe(true)
  })
})

test("unknown-model: the document needs a model BokehJS cannot resolve, and the message lists it", async ({page}) => {
  const sockets = trackWebSockets(page)
  await openBlankPage(page)
  const {code, message} = await errorOf(page, {url: appUrl("custom_model")})
  expect(code).toBe("unknown-model")
  expect(message).toMatch(/cannot resolve: \S*Gauge\./)
  expect(message).toContain("/static/extensions/")
  await expect.poll(() => sockets[0].isClosed()).toBe(true)
  const counts = await page.evaluate(async () =>
    (await import(`${location.origin}/dist/bokeh-session.js`)).inspectBokehJs(),
  )
  expect(counts).toEqual({documents: 0, rootViews: 0})
})
