// token-unavailable: a tokenProvider that throws, or returns something other than a token string, fails the
// connect before any websocket opens, with a message that names the fix; during a reconnect, the provider's
// failure stops each attempt before the network, and reconnecting ends in connection-lost carrying it.
import {expect, test, type Page} from "@playwright/test"
import {
  appUrl,
  bokehJsCounts,
  elementProperty,
  openBlankPage,
  recordedEvents,
  trackWebSockets,
  waitForStatus,
} from "./support/helpers.js"
import {startDedicatedServer} from "./support/servers.js"
import {installPageTokens, type PageTokens} from "./support/tokens.js"

/** Adds an element whose provider is built in the page from `providerSource` (gets `tokens`, returns a provider). */
async function addWithProvider(
  page: Page,
  url: string,
  providerSource: string,
  attributes: Record<string, string> = {},
): Promise<void> {
  await page.evaluate(
    ({url, providerSource, attributes}) => {
      const {tokens} = window as unknown as {tokens: PageTokens}
      const calls: unknown[] = []
      ;(window as unknown as {providerCalls: unknown[]}).providerCalls = calls
      const make = (0, eval)(providerSource) as (tokens: PageTokens) => (request: unknown) => unknown
      const provider = make(tokens)
      const element = document.createElement("bokeh-session")
      element.id = "provided"
      for (const [name, value] of Object.entries(attributes)) {
        element.setAttribute(name, value)
      }
      element.arguments = {N: "5"}
      element.tokenProvider = (request) => {
        calls.push(request)
        return provider(request) as never
      }
      element.url = url
      document.body.append(element)
    },
    {url, providerSource, attributes},
  )
}

const CASES = [
  {
    title: "throws",
    source: `() => async () => { throw new Error("token endpoint answered 503") }`,
    message:
      "tokenProvider failed (token endpoint answered 503): check that your token endpoint is up and allows this " +
      "page (CORS), or set the token attribute instead.",
  },
  {
    title: "returns a number",
    source: `() => () => 42`,
    message:
      "tokenProvider returned number, not a token string: return the token text your backend's " +
      "bokeh.util.token.generate_jwt_token made.",
  },
  {
    title: "returns null",
    source: `() => async () => null`,
    message:
      "tokenProvider returned null, not a token string: return the token text your backend's " +
      "bokeh.util.token.generate_jwt_token made.",
  },
]

for (const {title, source, message} of CASES) {
  test(`token-unavailable: a provider that ${title} fails the connect before any websocket`, async ({page}) => {
    await installPageTokens(page)
    const sockets = trackWebSockets(page)
    await openBlankPage(page)
    await addWithProvider(page, appUrl("echo"), source)
    await waitForStatus(page, "provided", "error")
    await expect(page.locator("bokeh-session:state(error)")).toHaveCount(1)
    expect(await recordedEvents(page, "provided")).toEqual([
      {type: "bokeh-session-error", id: "provided", detail: {code: "token-unavailable", message}},
    ])
    await expect(page.locator("#provided [part=error]")).toHaveText(message)
    expect(await page.evaluate(() => (window as unknown as {providerCalls: unknown[]}).providerCalls)).toEqual([
      {url: appUrl("echo"), arguments: {N: ["5"]}},
    ])
    expect(sockets).toHaveLength(0)
  })
}

test("token-unavailable during a reconnect: no attempt reaches the network, and connection-lost carries the failure", async ({
  page,
}) => {
  await installPageTokens(page)
  const server = await startDedicatedServer()
  try {
    const sockets = trackWebSockets(page)
    await openBlankPage(page)
    // The first call gets a token; every later one fails, as a token endpoint that went down with the app would.
    await addWithProvider(
      page,
      server.url("echo"),
      `(tokens) => { let calls = 0; return () => { if (calls++ === 0) return tokens.mintToken(tokens.randomSessionId()); throw new Error("token endpoint unreachable") } }`,
      {"reconnect-timeout": "2000"},
    )
    await waitForStatus(page, "provided", "connected")
    const sessionId = await elementProperty(page, "provided", "sessionId")
    await server.stop("SIGKILL")
    await waitForStatus(page, "provided", "error")

    const events = await recordedEvents(page, "provided")
    const message = String(events.at(-1)!.detail.message)
    expect(message).toMatch(
      /^Lost the connection to ws:\/\/127\.0\.0\.1:\d+\/echo\/ws and could not reconnect within \d+ s \(last attempt: tokenProvider failed \(token endpoint unreachable\): check that your token endpoint is up/,
    )
    expect(events.map((event) => event.type)).toEqual([
      "bokeh-session-connecting",
      "bokeh-session-ready",
      "bokeh-session-disconnected",
      "bokeh-session-closed",
      "bokeh-session-error",
    ])
    expect(events.at(-1)!.detail).toEqual({code: "connection-lost", message})
    // The provider was asked again (same url and arguments) on every attempt; no attempt opened a websocket.
    const calls = await page.evaluate(() => (window as unknown as {providerCalls: unknown[]}).providerCalls)
    expect(calls.length).toBeGreaterThanOrEqual(2)
    expect(calls).toEqual(calls.map(() => ({url: server.url("echo"), arguments: {N: ["5"]}})))
    expect(sockets).toHaveLength(1)
    // The error keeps the provider's failure as its cause, with its own code.
    expect(
      await page.locator("#provided").evaluate((element) => {
        const cause = (element as HTMLElementTagNameMap["bokeh-session"]).error?.cause as {code?: string} | undefined
        return cause?.code
      }),
    ).toBe("token-unavailable")
    expect(sessionId).toMatch(/^[0-9A-Za-z]{44}$/)
    expect(await bokehJsCounts(page)).toEqual({documents: 0, rootViews: 0})
  } finally {
    await server.stop()
  }
})
