// A Bokeh server with signed session ids (BOKEH_SIGN_SESSIONS=yes) and the stdlib token endpoint
// (python -m bokeh_session.token_server) holding the same secret. The browser only ever sees tokens, never the secret.
import {randomBytes} from "node:crypto"
import {deflateSync, inflateSync} from "node:zlib"
import {expect, test, type Page} from "@playwright/test"
import {startBokehServer} from "../scripts/lib/bokeh-server.mjs"
import {startTokenServer} from "../scripts/lib/token-server.mjs"
import {base64UrlDecode, base64UrlEncode} from "../src/session/token.js"
import {
  addElement,
  currentError,
  elementProperty,
  openBlankPage,
  pageOrigin,
  recordedEvents,
  trackWebSockets,
  waitForStatus,
} from "./support/helpers.js"
import {startDedicatedServer} from "./support/servers.js"

// Bokeh's own `bokeh secret` alphabet and length.
const SECRET = randomBytes(33).toString("base64url")

let bokeh: Awaited<ReturnType<typeof startBokehServer>>
let tokenServer: {url: string; stop: () => void}

test.beforeAll(async () => {
  bokeh = await startBokehServer({
    apps: ["demo/apps/echo.py"],
    origins: [new URL(pageOrigin()).host],
    env: {BOKEH_SIGN_SESSIONS: "yes", BOKEH_SECRET_KEY: SECRET},
  })
  tokenServer = await startTokenServer({pageOrigin: pageOrigin(), appUrl: `${bokeh.origin}/echo`, secret: SECRET})
})

test.afterAll(async () => {
  tokenServer?.stop()
  await bokeh?.stop()
})

/** What a test (or an attacker at the console) gets from the token endpoint, without the page. */
async function fetchToken(args: Record<string, string[]>): Promise<string> {
  const response = await fetch(tokenServer.url, {
    method: "POST",
    headers: {"content-type": "application/json"},
    body: JSON.stringify({url: `${bokeh.origin}/echo`, arguments: args}),
  })
  expect(response.status).toBe(200)
  return ((await response.json()) as {token: string}).token
}

/** Adds an element whose tokenProvider asks the token endpoint, recording what it was asked. */
async function addElementWithProvider(
  page: Page,
  id: string,
  args: Record<string, string>,
  servers: {app: string; endpoint: string} = {app: `${bokeh.origin}/echo`, endpoint: tokenServer.url},
): Promise<void> {
  await page.evaluate(
    ({id, url, args, endpoint}) => {
      const calls: unknown[] = ((window as unknown as {providerCalls: unknown[]}).providerCalls ??= [])
      const element = document.createElement("bokeh-session")
      element.id = id
      element.arguments = args
      element.tokenProvider = async (request) => {
        calls.push(request)
        const response = await fetch(endpoint, {
          method: "POST",
          headers: {"content-type": "application/json"},
          body: JSON.stringify(request),
        })
        return ((await response.json()) as {token: string}).token
      }
      element.url = url
      document.body.append(element)
    },
    {id, url: servers.app, args, endpoint: servers.endpoint},
  )
}

test("signed ids: a tokenProvider backed by the token endpoint opens the session with the token's arguments", async ({
  page,
}) => {
  const tokenBodies: string[] = []
  page.on("response", async (response) => {
    if (response.url() === tokenServer.url && response.request().method() === "POST") {
      tokenBodies.push(await response.text())
    }
  })
  await openBlankPage(page)
  await addElementWithProvider(page, "signed", {N: "12", title: "signed é & co"})
  await waitForStatus(page, "signed", "connected")

  expect(await elementProperty(page, "signed", "echo")).toEqual({N: ["12"], title: ["signed é & co"]})
  // A signed session id: Bokeh's 44 characters, a dot, and the HMAC signature.
  expect(await elementProperty(page, "signed", "sessionId")).toMatch(/^[0-9A-Za-z]{44}\.[A-Za-z0-9_-]{43}$/)
  expect(await page.evaluate(() => (window as unknown as {providerCalls: unknown[]}).providerCalls)).toEqual([
    {url: `${bokeh.origin}/echo`, arguments: {N: ["12"], title: ["signed é & co"]}},
  ])
  // The page got a token, and the token does not carry the secret.
  expect(tokenBodies).toHaveLength(1)
  expect(tokenBodies[0]).toMatch(/^\{"token": "[A-Za-z0-9_.-]+"\}$/)
  expect(tokenBodies[0]).not.toContain(SECRET)
})

test("signed ids: without a token the error is signed-required and says how to supply tokens", async ({page}) => {
  await openBlankPage(page)
  await addElement(page, {id: "unsigned", url: `${bokeh.origin}/echo`, arguments: {N: "3"}})
  await waitForStatus(page, "unsigned", "error")

  const error = await currentError(page, "unsigned")
  expect(error.code).toBe("signed-required")
  expect(error.message).toContain("BOKEH_SIGN_SESSIONS=yes")
  expect(error.message).toContain("token attribute or the tokenProvider property")
  expect(error.message).toContain("docs/deploy.md")
  await expect(page.locator("#unsigned [part=error]")).toHaveText(error.message)
})

test("signed ids: arguments edited in the browser do not reach the app, and an edited token is refused", async ({
  page,
}) => {
  const sockets = trackWebSockets(page)
  // The backend decided these; the page then asks for others in the URL.
  const token = await fetchToken({user: ["alice"], N: ["5"]})
  await openBlankPage(page)
  await page.evaluate(
    ({url, token}) => {
      const element = document.createElement("bokeh-session")
      element.id = "tampered"
      element.token = token
      element.arguments = {user: "mallory", N: "5000"}
      element.url = url
      document.body.append(element)
    },
    {url: `${bokeh.origin}/echo`, token},
  )
  await waitForStatus(page, "tampered", "connected")
  // The websocket URL carried the edited arguments; the app got the token's.
  expect(sockets[0].url()).toContain("/echo/ws?user=mallory&N=5000")
  expect(await elementProperty(page, "tampered", "echo")).toEqual({user: ["alice"], N: ["5"]})
  await expect(page.locator("#tampered [part=echo] tr.mismatch")).toHaveCount(2)

  // Editing the arguments inside the token breaks its signature: the server refuses the session.
  const forged = forgeTokenArguments(token, {user: ["mallory"], N: ["5"]})
  await page.locator("#tampered").evaluate((element, forged) => {
    ;(element as HTMLElementTagNameMap["bokeh-session"]).token = forged
  }, forged)
  await waitForStatus(page, "tampered", "error")
  expect((await currentError(page, "tampered")).code).toBe("session-rejected")
  expect(await elementProperty(page, "tampered", "echo")).toBeNull()
})

/** What an attacker can do without the secret: rewrite the payload's arguments and keep the old signature. */
function forgeTokenArguments(token: string, args: Record<string, string[]>): string {
  const [payloadPart, signature] = token.split(".")
  const payload = JSON.parse(base64UrlDecode(payloadPart)) as Record<string, unknown>
  const extra = JSON.parse(inflateSync(Buffer.from(payload.__bk__zlib_ as string, "base64url")).toString("utf8"))
  extra.arguments = Object.fromEntries(
    Object.entries(args).map(([key, values]) => [
      key,
      values.map((value) => ({bytes: Buffer.from(value).toString("base64url")})),
    ]),
  )
  payload.__bk__zlib_ = deflateSync(Buffer.from(JSON.stringify(extra))).toString("base64url")
  return `${base64UrlEncode(JSON.stringify(payload))}.${signature}`
}

// This test kills its Bokeh server, so it has one of its own (and a token endpoint for it): the others in this file
// keep theirs, whatever order they run in.
test("signed ids: after the server restarts, the element reconnects with a fresh token from the provider", async ({
  page,
}) => {
  const signing = {BOKEH_SIGN_SESSIONS: "yes", BOKEH_SECRET_KEY: SECRET}
  let server = await startDedicatedServer({env: signing})
  const appUrl = server.url("echo")
  const ownTokens = await startTokenServer({pageOrigin: pageOrigin(), appUrl, secret: SECRET})
  try {
    await openBlankPage(page)
    await addElementWithProvider(page, "again", {N: "8", title: "again"}, {app: appUrl, endpoint: ownTokens.url})
    await waitForStatus(page, "again", "connected")
    const firstId = await elementProperty(page, "again", "sessionId")

    await server.stop("SIGKILL")
    await waitForStatus(page, "again", "reconnecting")
    server = await startDedicatedServer({env: signing, port: server.server.port})
    await waitForStatus(page, "again", "connected")

    const args = {N: ["8"], title: ["again"]}
    expect(await elementProperty(page, "again", "echo")).toEqual(args)
    // Every connect and reconnect asked the provider for the same app and arguments.
    const calls = await page.evaluate(() => (window as unknown as {providerCalls: unknown[]}).providerCalls)
    expect(calls.length).toBeGreaterThanOrEqual(2)
    expect(calls).toEqual(calls.map(() => ({url: appUrl, arguments: args})))
    // A signed id cannot be reused by the browser: every attempt got its own token, hence its own session id.
    const secondId = await elementProperty(page, "again", "sessionId")
    expect(secondId).not.toBe(firstId)
    expect(secondId).toMatch(/^[0-9A-Za-z]{44}\.[A-Za-z0-9_-]{43}$/)
    expect((await recordedEvents(page, "again")).map((event) => event.type)).toEqual([
      "bokeh-session-connecting",
      "bokeh-session-ready",
      "bokeh-session-disconnected",
      "bokeh-session-reconnected",
    ])
    expect((await recordedEvents(page, "again")).at(-1)!.detail).toEqual({
      sessionId: secondId,
      arguments: args,
      echo: args,
    })
  } finally {
    ownTokens.stop()
    await server.stop()
  }
})
