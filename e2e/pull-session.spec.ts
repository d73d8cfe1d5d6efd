// pullSession(), the element-free API: opens, renders and closes a session, and refuses bad input up front.
import {expect, test} from "@playwright/test"
import {expectPaintedCanvas} from "./support/canvas.js"
import {appUrl, bokehJsCounts, openBlankPage, trackWebSockets} from "./support/helpers.js"

test("pullSession opens, renders and closes a session without the element", async ({page}) => {
  const sockets = trackWebSockets(page)
  await openBlankPage(page)
  const result = await page.evaluate(async (url) => {
    const module = await import(`${location.origin}/dist/bokeh-session.js`)
    const pulled = await module.pullSession(url, {arguments: {N: "3", tag: ["a", "b"]}})
    const container = document.createElement("div")
    document.body.append(container)
    await pulled.render(container)
    container.id = "pulled"
    ;(window as unknown as {pulled: unknown}).pulled = pulled
    return {echo: pulled.echo, sessionId: pulled.sessionId, arguments: pulled.arguments}
  }, appUrl("echo"))
  expect(result.echo).toEqual({N: ["3"], tag: ["a", "b"]})
  expect(result.arguments).toEqual({N: ["3"], tag: ["a", "b"]})
  expect(result.sessionId).toMatch(/^[0-9A-Za-z]{44}$/)
  await expectPaintedCanvas(page.locator("#pulled"))
  expect(await bokehJsCounts(page)).toEqual({documents: 1, rootViews: 2})

  const closed = sockets[0].waitForEvent("close")
  await page.evaluate(() => {
    const pulled = (window as unknown as {pulled: {close(): void}}).pulled
    pulled.close()
    pulled.close() // idempotent
  })
  await closed
  expect(sockets).toHaveLength(1)
  expect(await bokehJsCounts(page)).toEqual({documents: 0, rootViews: 0})
})

test("pullSession rejects bad input with a BokehSessionError before any network use", async ({page}) => {
  const sockets = trackWebSockets(page)
  await openBlankPage(page)
  const failure = await page.evaluate(async (url) => {
    const module = await import(`${location.origin}/dist/bokeh-session.js`)
    try {
      await module.pullSession(url, {arguments: {N: ["1", 2]}})
      return null
    } catch (error) {
      return {
        isError: error instanceof module.BokehSessionError,
        code: (error as {code: string}).code,
        message: (error as Error).message,
      }
    }
  }, appUrl("echo"))
  expect(failure).toEqual({
    isError: true,
    code: "invalid-arguments",
    message: 'arguments.N[1] must be a string, got number 2: write "2".',
  })
  expect(sockets).toHaveLength(0)
})
