// Inputs changed on a live element: `arguments`, `url` and `tokenProvider` each close the session and open a new
// one with the new input (the server reads arguments and the token only when a session is created); an equal
// arguments object is not a change; an emptied url closes the session and leaves the element idle.
import {expect, test} from "@playwright/test"
import {
  addElement,
  appUrl,
  bokehJsCounts,
  elementProperty,
  openBlankPage,
  recordedEvents,
  trackWebSockets,
  waitForStatus,
} from "./support/helpers.js"
import {installPageTokens, type PageTokens} from "./support/tokens.js"

test("changing arguments on a live element opens a new session and closes the old one", async ({page}) => {
  const sockets = trackWebSockets(page)
  await openBlankPage(page)
  await addElement(page, {id: "live", arguments: {N: "1"}})
  await waitForStatus(page, "live", "connected")
  const firstId = await elementProperty(page, "live", "sessionId")
  expect(sockets).toHaveLength(1)
  const firstClosed = sockets[0].waitForEvent("close")

  await page.locator("#live").evaluate((element) => {
    ;(element as HTMLElementTagNameMap["bokeh-session"]).arguments = {N: "2", title: "second"}
  })
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

test("a new tokenProvider on a live element opens a new session with the provider's token", async ({page}) => {
  await installPageTokens(page)
  const sockets = trackWebSockets(page)
  await openBlankPage(page)
  const url = appUrl("echo")
  // Each provider hands out a token for a session id chosen here, so the session id shows whose token was used.
  const [firstId, secondId] = await page.evaluate((url) => {
    const {tokens} = window as unknown as {tokens: PageTokens}
    const ids = [tokens.randomSessionId(), tokens.randomSessionId()]
    const calls: unknown[][] = [[], []]
    ;(window as unknown as {providerCalls: unknown[][]}).providerCalls = calls
    const providers = ids.map((id, index) => (request: unknown) => {
      calls[index].push(request)
      return tokens.mintToken(id)
    })
    ;(window as unknown as {providers: unknown[]}).providers = providers
    const element = document.createElement("bokeh-session")
    element.id = "provided"
    element.arguments = {N: "4"}
    element.tokenProvider = providers[0] as never
    element.url = url
    document.body.append(element)
    return ids
  }, url)
  await waitForStatus(page, "provided", "connected")
  expect(await elementProperty(page, "provided", "sessionId")).toBe(firstId)
  const firstClosed = sockets[0].waitForEvent("close")

  await page.locator("#provided").evaluate((element) => {
    const {providers} = window as unknown as {providers: unknown[]}
    ;(element as HTMLElementTagNameMap["bokeh-session"]).tokenProvider = providers[1] as never
  })
  await firstClosed
  await expect(page.locator("#provided")).toHaveJSProperty("sessionId", secondId)
  await waitForStatus(page, "provided", "connected")
  const request = {url, arguments: {N: ["4"]}}
  expect(await page.evaluate(() => (window as unknown as {providerCalls: unknown[][]}).providerCalls)).toEqual([
    [request],
    [request],
  ])
  const args = {N: ["4"]}
  expect(await recordedEvents(page, "provided")).toEqual([
    {type: "bokeh-session-connecting", id: "provided", detail: {sessionId: firstId, arguments: args}},
    {type: "bokeh-session-ready", id: "provided", detail: {sessionId: firstId, arguments: args, echo: args}},
    {type: "bokeh-session-closed", id: "provided", detail: {sessionId: firstId}},
    {type: "bokeh-session-connecting", id: "provided", detail: {sessionId: secondId, arguments: args}},
    {type: "bokeh-session-ready", id: "provided", detail: {sessionId: secondId, arguments: args, echo: args}},
  ])
  expect(sockets).toHaveLength(2)
})
