// Inputs changed on a live element: invalid arguments always fail, whatever the previous value; timeout,
// reconnect-timeout and tokenProvider apply at the next connect without closing the live session; a token set as
// a property stays out of the DOM.
import {expect, test, type Page} from "@playwright/test"
import {mintUnsignedToken, parseToken} from "../src/session/token.js"
import {
  addElement,
  appUrl,
  elementProperty,
  openBlankPage,
  recordedEvents,
  trackWebSockets,
  waitForStatus,
} from "./support/helpers.js"

type Element = HTMLElementTagNameMap["bokeh-session"]

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
  const sockets = trackWebSockets(page)
  await openBlankPage(page)
  await addElement(page, {id: "live", arguments: {N: "1"}})
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
        live.timeout = 20_000 + render
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

  // The next connect uses them: the provider's token (its session id), and the timeout as set.
  await page.locator("#live").evaluate((element) => (element as Element).restart())
  await waitForStatus(page, "live", "connected")
  expect(await elementProperty(page, "live", "sessionId")).toBe("p".repeat(44))
  expect(await page.locator("#live").evaluate((element) => (element as Element & {provided: number}).provided)).toBe(1)
  await page.locator("#live").evaluate((element) => {
    ;(element as Element).timeout = -1
  })
  expect(await elementProperty(page, "live", "status")).toBe("connected")
  await page.locator("#live").evaluate((element) => (element as Element).restart())
  await waitForStatus(page, "live", "error")
  const last = (await recordedEvents(page, "live")).at(-1)!
  expect(last.detail).toEqual({
    code: "invalid-option",
    message: 'timeout must be a positive number of milliseconds, got -1: e.g. timeout="30000".',
  })
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
