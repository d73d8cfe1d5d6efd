// A chunk that cannot be fetched (offline, or a redeploy removed the old hashed files) ends in `load-failed`, naming
// the file and the fix: reload the page. `restart()` fetches it again only in a browser that follows the HTML
// standard's newer rule (whatwg/html#10327: a failed module fetch is not kept); Chromium 150 keeps it until the page
// reloads, so there `restart()` fails again at once with the same error, and a reload connects. The failure is a
// real one: the page's request for that static file is aborted by the browser (Playwright routes the static
// server's file, not the Bokeh server), then let through.
import {expect, test, type Page} from "@playwright/test"
import {addElement, appUrl, onlyError, openBlankPage, trackWebSockets, waitForStatus} from "./support/helpers.js"
import {startDedicatedServer} from "./support/servers.js"

/** Makes the browser's requests for matching dist/ chunks fail; returns the URLs it refused, and a way to stop. */
async function refuseChunks(page: Page, pattern: string): Promise<{refused: string[]; allow: () => Promise<void>}> {
  const refused: string[] = []
  const handler = (route: import("@playwright/test").Route): Promise<void> => {
    refused.push(route.request().url())
    return route.abort("internetdisconnected")
  }
  await page.route(pattern, handler)
  return {refused, allow: () => page.unroute(pattern, handler)}
}

/** Whether this browser fetches a module again after a failed fetch of it (a probe file that fails once). */
async function refetchesFailedModules(page: Page): Promise<boolean> {
  const url = `${new URL(page.url()).origin}/dist/probe-failed-module-${Date.now()}.js`
  let requests = 0
  await page.route(url, (route) =>
    ++requests === 1
      ? route.abort("internetdisconnected")
      : route.fulfill({contentType: "text/javascript", body: "export default 1"}),
  )
  const second = await page.evaluate(async (url) => {
    await import(url).catch(() => null)
    return import(url).then(
      () => "loaded",
      () => "failed",
    )
  }, url)
  await page.unroute(url)
  return second === "loaded" && requests === 2
}

/**
 * With the chunk reachable again: `restart()` connects where the browser fetches a failed module anew; elsewhere it
 * fails at once with the same error (no request: the browser kept the failure), and reloading the page connects.
 */
async function restartAndConnect(
  page: Page,
  id: string,
  again: {code: string; message: string},
  add: () => Promise<void>,
): Promise<void> {
  const refetches = await refetchesFailedModules(page)
  await page.locator(`#${id}`).evaluate((element) => (element as HTMLElementTagNameMap["bokeh-session"]).restart())
  if (refetches) {
    await waitForStatus(page, id, "connected")
    await expect(page.locator(`#${id} [part=error]`)).toHaveCount(0)
    return
  }
  await expect
    .poll(() =>
      page.locator(`#${id}`).evaluate((element) => (element as HTMLElementTagNameMap["bokeh-session"]).status),
    )
    .toBe("error")
  const error = await page
    .locator(`#${id}`)
    .evaluate((element) => (element as HTMLElementTagNameMap["bokeh-session"]).error)
  expect({code: error?.code, message: error?.message}).toEqual(again)
  await page.reload()
  await page.waitForFunction(() => customElements.get("bokeh-session") != null)
  await add()
  await waitForStatus(page, id, "connected")
}

test("load-failed: the session code cannot be fetched; the error names it and the fix", async ({page}) => {
  const unhandled: string[] = []
  page.on("pageerror", (error) => unhandled.push(error.message))
  const chunks = await refuseChunks(page, "**/dist/chunks/session-*.js")
  await openBlankPage(page)
  const add = (): Promise<void> => addElement(page, {id: "offline", arguments: {N: "1"}})
  await add()
  const {code, message} = await onlyError(page, "offline")
  expect(code).toBe("load-failed")
  expect(chunks.refused).toHaveLength(1)
  expect(message).toContain(chunks.refused[0])
  expect(message).toContain("reload the page")
  expect(unhandled).toEqual([])

  await chunks.allow()
  await restartAndConnect(page, "offline", {code, message}, add)
  expect(
    await page.locator("#offline").evaluate((element) => (element as HTMLElementTagNameMap["bokeh-session"]).echo),
  ).toEqual({N: ["1"]})
})

test("load-failed: BokehJS cannot be fetched; the socket opened meanwhile is closed and leaves no server session", async ({
  page,
}) => {
  // The socket opens while BokehJS loads (src/session/session-socket.ts): when BokehJS then fails to load, the socket
  // must be closed, and only after the server's ACK, or the server would keep the session forever.
  const dedicated = await startDedicatedServer()
  try {
    const sockets = trackWebSockets(page)
    const chunks = await refuseChunks(page, "**/dist/chunks/bokehjs-core-*.js")
    await openBlankPage(page)
    const add = (): Promise<void> => addElement(page, {id: "nobokehjs", url: dedicated.url("echo")})
    await add()
    const {code, message} = await onlyError(page, "nobokehjs")
    expect(code).toBe("load-failed")
    expect(chunks.refused.length).toBeGreaterThan(0)
    expect(message).toContain(chunks.refused[0])
    expect(sockets).toHaveLength(1)
    await expect.poll(() => sockets[0]!.isClosed()).toBe(true)
    await dedicated.statsWhere((stats) => stats.clients === 0 && stats.sessions === 0)

    await chunks.allow()
    await restartAndConnect(page, "nobokehjs", {code, message}, add)
  } finally {
    await dedicated.stop()
  }
})

test("load-failed: the widgets bundle a document needs cannot be fetched; the socket is closed", async ({page}) => {
  const sockets = trackWebSockets(page)
  const chunks = await refuseChunks(page, "**/dist/chunks/bokehjs-widgets-*.js")
  await openBlankPage(page)
  const add = (): Promise<void> => addElement(page, {id: "nowidgets", app: "widgets", arguments: {N: "1"}})
  await add()
  const {code, message} = await onlyError(page, "nowidgets")
  expect(code).toBe("load-failed")
  expect(message).toContain(chunks.refused[0])
  // The document said it needs widgets, so its socket had opened; it is closed now.
  expect(sockets).toHaveLength(1)
  await expect.poll(() => sockets[0].isClosed()).toBe(true)

  await chunks.allow()
  await restartAndConnect(page, "nowidgets", {code, message}, add)
  await expect(page.locator(".slick-row").first()).toBeVisible()
})

test("load-failed: pullSession rejects with it when its code cannot be fetched", async ({page}) => {
  const chunks = await refuseChunks(page, "**/dist/chunks/session-*.js")
  await openBlankPage(page)
  const failure = await page.evaluate(async (url) => {
    const {pullSession} = await import(`${location.origin}/dist/bokeh-session.js`)
    try {
      await pullSession(url)
      return null
    } catch (error) {
      return {code: (error as {code?: string}).code, message: (error as Error).message}
    }
  }, appUrl("echo"))
  expect(failure?.code).toBe("load-failed")
  expect(failure?.message).toContain(chunks.refused[0])
})
