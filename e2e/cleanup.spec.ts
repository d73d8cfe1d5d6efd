// Races and leaks, read from both sides: Chromium's websockets and BokehJS's globals in the page, and the
// server's own session count from its stats log.
import {expect, test} from "@playwright/test"
import {bokehJsCounts, openBlankPage, recordedEvents, trackWebSockets, waitForStatus} from "./support/helpers.js"
import {startDedicatedServer, type DedicatedServer} from "./support/servers.js"

let server: DedicatedServer

test.beforeAll(async () => {
  server = await startDedicatedServer()
})
test.afterAll(async () => {
  await server?.stop()
})

test("50 arguments changes within one second end with exactly one live session, carrying the last arguments", async ({
  page,
}) => {
  const sockets = trackWebSockets(page)
  await openBlankPage(page)
  await server.statsWhere((stats) => stats.sessions === 0)
  await page.evaluate(async (url) => {
    const element = document.createElement("bokeh-session")
    element.id = "churn"
    element.url = url
    element.arguments = {step: "0"}
    document.body.append(element)
    for (let step = 1; step < 50; step++) {
      await new Promise((resolve) => setTimeout(resolve, 20))
      element.arguments = {step: String(step)}
    }
  }, server.url("echo"))
  await expect(page.locator("#churn")).toHaveJSProperty("echo", {step: ["49"]})
  await waitForStatus(page, "churn", "connected")

  // Every superseded connect, in flight or done, is closed; one socket stays.
  await expect.poll(() => sockets.filter((socket) => !socket.isClosed()).length).toBe(1)
  expect(sockets.filter((socket) => !socket.isClosed())[0].url()).toContain("/echo/ws?step=49")
  // The server discards the sessions of closed sockets after --unused-session-lifetime: one session remains.
  await server.statsWhere((stats) => stats.sessions === 1 && stats.unused === 0 && stats.clients === 1)
  expect(await bokehJsCounts(page)).toEqual({documents: 1, rootViews: 2})
  const ready = (await recordedEvents(page, "churn")).filter((event) => event.type === "bokeh-session-ready")
  expect(ready.at(-1)!.detail.echo).toEqual({step: ["49"]})
})

test("100 create/remove cycles leave no websockets, documents, views or server sessions behind", async ({page}) => {
  test.setTimeout(120_000)
  const sockets = trackWebSockets(page)
  await openBlankPage(page)
  await server.statsWhere((stats) => stats.sessions === 0)
  const before = await bokehJsCounts(page)

  const readyCount = await page.evaluate(async (url) => {
    let ready = 0
    for (let cycle = 0; cycle < 100; cycle++) {
      const element = document.createElement("bokeh-session")
      element.url = url
      element.arguments = {cycle: String(cycle)}
      const done = new Promise<void>((resolve, reject) => {
        element.addEventListener("bokeh-session-ready", () => resolve(), {once: true})
        element.addEventListener("bokeh-session-error", (event) => reject(new Error(JSON.stringify(event.detail))), {
          once: true,
        })
      })
      document.body.append(element)
      await done
      ready++
      element.remove()
    }
    return ready
  }, server.url("echo"))
  expect(readyCount).toBe(100)

  expect(sockets).toHaveLength(100)
  await expect.poll(() => sockets.filter((socket) => !socket.isClosed()).length).toBe(0)
  expect(before).toEqual({documents: 0, rootViews: 0})
  await expect.poll(() => bokehJsCounts(page)).toEqual({documents: 0, rootViews: 0})
  expect(await page.locator("bokeh-session").count()).toBe(0)
  await server.statsWhere((stats) => stats.sessions === 0 && stats.clients === 0)
})
