// Cleanup, in one place: what a removed, superseded or churned element leaves behind, read from every side:
// Chromium's websockets and BokehJS's globals in the page, the heap (garbage collection), and the server's own
// session count from its stats log. A move within the page is not a removal and keeps the session.
import {expect, test} from "@playwright/test"
import {
  addElement,
  bokehJsCounts,
  elementProperty,
  openBlankPage,
  recordedEvents,
  trackWebSockets,
  waitForStatus,
} from "./support/helpers.js"
import {startDedicatedServer, type DedicatedServer} from "./support/servers.js"

test.describe("against a server of its own, counting sessions", () => {
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
    // Polled from this side: the echo is a record without a prototype, which toHaveJSProperty's in-page comparison
    // never counts as equal to an object literal.
    await expect
      .poll(() =>
        page.locator("#churn").evaluate((element) => (element as HTMLElementTagNameMap["bokeh-session"]).echo),
      )
      .toEqual({step: ["49"]})
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
})

test("removing the element closes its websocket and frees its document and views", async ({page}) => {
  const sockets = trackWebSockets(page)
  await openBlankPage(page)
  await addElement(page, {id: "gone", arguments: {N: "3"}})
  await waitForStatus(page, "gone", "connected")
  expect(await bokehJsCounts(page)).toEqual({documents: 1, rootViews: 2})
  const sessionId = await elementProperty(page, "gone", "sessionId")
  const closed = sockets[0].waitForEvent("close")

  // A removed element's events no longer bubble to the document: listen on the element itself.
  const closedDetail = page.locator("#gone").evaluate(
    (element) =>
      new Promise((resolve) => {
        element.addEventListener("bokeh-session-closed", (event) => resolve((event as CustomEvent).detail))
        element.remove()
      }),
  )
  expect(await closedDetail).toEqual({sessionId})
  await closed
  expect(await bokehJsCounts(page)).toEqual({documents: 0, rootViews: 0})
})

test("moving the element within the page keeps its session", async ({page}) => {
  const sockets = trackWebSockets(page)
  await openBlankPage(page)
  await addElement(page, {id: "moved", arguments: {N: "4"}})
  await waitForStatus(page, "moved", "connected")
  const sessionId = await elementProperty(page, "moved", "sessionId")
  /** Runs `change`, then waits for a timer queued after the element's deferred disposal (one task), so that a
   * disposal, had one been scheduled, has run (it fires bokeh-session-closed synchronously); returns the events. */
  const afterDisposal = (change: "move" | "remove"): Promise<string[]> =>
    page.evaluate(async (change) => {
      const element = document.querySelector("#moved")!
      const seen: string[] = []
      element.addEventListener("bokeh-session-closed", (event) => seen.push(event.type))
      if (change === "move") {
        const box = document.createElement("div")
        document.body.append(box)
        box.append(element) // removes and re-inserts in the same task
      } else {
        element.remove()
      }
      // Timers with the same delay run in the order they were set: this one runs after the disposal timer.
      await new Promise((resolve) => setTimeout(resolve))
      return seen
    }, change)

  expect(await afterDisposal("move")).toEqual([])
  expect(sockets).toHaveLength(1)
  expect(sockets[0].isClosed()).toBe(false)
  expect(await elementProperty(page, "moved", "sessionId")).toBe(sessionId)
  expect(await elementProperty(page, "moved", "status")).toBe("connected")
  expect((await recordedEvents(page, "moved")).map((event) => event.type)).toEqual([
    "bokeh-session-connecting",
    "bokeh-session-ready",
  ])
  // The same wait does see a real removal's disposal: the check above could have failed.
  expect(await afterDisposal("remove")).toEqual(["bokeh-session-closed"])
})

// BokehJS 3.9.2's plot views never remove the `visualViewport` resize listener they add, which keeps every removed
// plot's views, canvases and models; the build removes it with the view (build/vite/bokehjs-rewrites.mjs).
test("a removed element's plot views are garbage collected", async ({page, context}) => {
  await openBlankPage(page)
  await addElement(page, {id: "plot", app: "echo", arguments: {N: "5"}})
  await waitForStatus(page, "plot", "connected")
  const found = await page.evaluate(() => {
    const findCanvas = (root: ParentNode): HTMLCanvasElement | null => {
      for (const element of root.querySelectorAll("*")) {
        if (element instanceof HTMLCanvasElement) {
          return element
        }
        const inner = element.shadowRoot == null ? null : findCanvas(element.shadowRoot)
        if (inner != null) {
          return inner
        }
      }
      return null
    }
    const canvas = findCanvas(document.querySelector("#plot")!.shadowRoot!)
    ;(window as unknown as {plotCanvas: WeakRef<HTMLCanvasElement>}).plotCanvas = new WeakRef(canvas!)
    return canvas != null
  })
  expect(found).toBe(true)

  await page.evaluate(
    () =>
      new Promise((resolve) => {
        const element = document.querySelector("#plot")!
        element.addEventListener("bokeh-session-closed", resolve, {once: true})
        element.remove()
      }),
  )
  // Collected soon, not at once: the closing socket and the last frame the view asked for hold it for a few
  // milliseconds. A leak (such as the visualViewport listener) holds it for good, and this times out.
  const cdp = await context.newCDPSession(page)
  await expect
    .poll(async () => {
      await cdp.send("HeapProfiler.collectGarbage")
      return page.evaluate(
        () => (window as unknown as {plotCanvas: WeakRef<HTMLCanvasElement>}).plotCanvas.deref() === undefined,
      )
    })
    .toBe(true)
})
