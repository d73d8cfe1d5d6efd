// Live arguments (docs/live-arguments.md) against a real `bokeh serve` running demo/apps/live.py: a change of
// `arguments` updates the running session in place, the app's own changes reach the element, a refused change
// keeps the previous arguments, and apps that do not opt in (or signed-token setups) still get a new session.
import {expect, test, type Page} from "@playwright/test"
import {freePort} from "../scripts/lib/bokeh-server.mjs"
import {
  addElement,
  appUrl,
  elementProperty,
  openBlankPage,
  recordedEvents,
  setArguments,
  trackWebSockets,
  type RecordedEvent,
  waitForStatus,
} from "./support/helpers.js"
import {startDedicatedServer, type DedicatedServer} from "./support/servers.js"

/** The parts of BokehJS's Document and models these tests read and set. */
interface BokehDocument {
  get_model_by_name(name: string): {title: {text: string}; value: number}
}

/** The page's live-argument requests: the PATCH-DOC frames that set the request source's tags. */
function trackRequests(page: Page): string[] {
  const requests: string[] = []
  page.on("websocket", (socket) =>
    socket.on("framesent", ({payload}) => {
      if (typeof payload === "string" && payload.includes('"attr":"tags"')) {
        requests.push(payload)
      }
    }),
  )
  return requests
}

/** The value of N that each of those requests asked for, in order. */
const requestedN = (requests: string[]): number[] =>
  requests.map((payload) => Number(/\["N",\["(\d+)"\]\]/.exec(payload)?.[1]))

/** What the app itself shows: the title of its plot and the value of its input, read from the synced document. */
function appState(page: Page, id: string): Promise<{title: string; input: number}> {
  return page.locator(`#${id}`).evaluate((element) => {
    const document = (element as unknown as {session: {document: BokehDocument}}).session.document
    return {
      title: document.get_model_by_name("plot").title.text as string,
      input: document.get_model_by_name("n").value as number,
    }
  })
}

/** Keeps a reference to the element's BokehJS document, to compare identity later. */
async function rememberDocument(page: Page, id: string): Promise<void> {
  await page.locator(`#${id}`).evaluate((element) => {
    ;(window as unknown as {firstDocument: unknown}).firstDocument = (
      element as unknown as {session: {document: unknown}}
    ).session.document
  })
}

function sameDocument(page: Page, id: string): Promise<boolean> {
  return page
    .locator(`#${id}`)
    .evaluate(
      (element) =>
        (element as unknown as {session: {document: unknown}}).session.document ===
        (window as unknown as {firstDocument: unknown}).firstDocument,
    )
}

async function clearEvents(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as {events: unknown[]}).events.length = 0))
}

async function eventsOfType(page: Page, id: string, type: string): Promise<RecordedEvent[]> {
  return (await recordedEvents(page, id)).filter((event) => event.type === type)
}

/** Sets the input inside the app, as a user's typing does: BokehJS sends the change to the server. */
async function typeInApp(page: Page, id: string, value: number): Promise<void> {
  await page.locator(`#${id}`).evaluate((element, value) => {
    const document = (element as unknown as {session: {document: BokehDocument}}).session.document
    document.get_model_by_name("n").value = value
  }, value)
}

async function openLive(page: Page, id: string, args: Record<string, string>): Promise<void> {
  await openBlankPage(page)
  await addElement(page, {id, app: "live", arguments: args})
  await waitForStatus(page, id, "connected")
}

test("setting arguments updates the running session in place: same socket, session and document", async ({page}) => {
  const sockets = trackWebSockets(page)
  const requests = trackRequests(page)
  await openLive(page, "live", {N: "10"})
  const sessionId = await elementProperty(page, "live", "sessionId")
  await rememberDocument(page, "live")
  await clearEvents(page)

  await setArguments(page, "live", {N: "20"})
  await expect.poll(() => recordedEvents(page, "live")).toHaveLength(1)
  expect(await recordedEvents(page, "live")).toEqual([
    {
      type: "bokeh-session-updated",
      id: "live",
      detail: {sessionId, arguments: {N: ["20"]}, echo: {N: ["20"]}, source: "page"},
    },
  ])
  expect(await elementProperty(page, "live", "status")).toBe("connected")
  expect(await elementProperty(page, "live", "sessionId")).toBe(sessionId)
  expect(await elementProperty(page, "live", "echo")).toEqual({N: ["20"]})
  expect(await sameDocument(page, "live")).toBe(true)
  expect(await appState(page, "live")).toEqual({title: "20 points", input: 20})
  await expect(page.locator("#live [part=echo] tr[data-name=N] .received")).toHaveText("20")

  // The attribute works the same way.
  await page.locator("#live").evaluate((element) => element.setAttribute("arguments", '{"N":"30"}'))
  await expect.poll(() => eventsOfType(page, "live", "bokeh-session-updated")).toHaveLength(2)
  expect((await recordedEvents(page, "live"))[1]!.detail).toEqual({
    sessionId,
    arguments: {N: ["30"]},
    echo: {N: ["30"]},
    source: "page",
  })
  expect(await appState(page, "live")).toEqual({title: "30 points", input: 30})
  expect(await sameDocument(page, "live")).toBe(true)
  expect(sockets).toHaveLength(1)
  expect(requests).toHaveLength(2)
  expect(await eventsOfType(page, "live", "bokeh-session-connecting")).toEqual([])
})

test("a change made by the app sets the element's arguments and is not sent back", async ({page}) => {
  const sockets = trackWebSockets(page)
  const requests = trackRequests(page)
  await openLive(page, "live", {N: "10"})
  const sessionId = await elementProperty(page, "live", "sessionId")
  await clearEvents(page)

  await typeInApp(page, "live", 42)
  await expect.poll(() => recordedEvents(page, "live")).toHaveLength(1)
  expect(await recordedEvents(page, "live")).toEqual([
    {
      type: "bokeh-session-updated",
      id: "live",
      detail: {sessionId, arguments: {N: ["42"]}, echo: {N: ["42"]}, source: "server"},
    },
  ])
  expect(await elementProperty(page, "live", "arguments")).toEqual({N: "42"})
  expect(await page.locator("#live").getAttribute("arguments")).toBe('{"N":"42"}')
  expect(await appState(page, "live")).toEqual({title: "42 points", input: 42})

  // A page change after it: had the element sent the app's change back, that request would come first.
  await setArguments(page, "live", {N: "43"})
  await expect.poll(() => eventsOfType(page, "live", "bokeh-session-updated")).toHaveLength(2)
  expect(requests).toHaveLength(1)
  expect(requests[0]).toContain('["N",["43"]]')
  expect(sockets).toHaveLength(1)
  expect(await elementProperty(page, "live", "sessionId")).toBe(sessionId)
})

test("a change the app refuses fires update-rejected and keeps the previous arguments", async ({page}) => {
  const sockets = trackWebSockets(page)
  await openLive(page, "live", {N: "10"})
  const sessionId = await elementProperty(page, "live", "sessionId")
  await clearEvents(page)

  await setArguments(page, "live", {N: "abc"})
  await expect.poll(() => recordedEvents(page, "live")).toHaveLength(1)
  expect(await recordedEvents(page, "live")).toEqual([
    {
      type: "bokeh-session-error",
      id: "live",
      detail: {
        code: "update-rejected",
        message: `The app refused the arguments {"N":["abc"]}: N must be a whole number, got 'abc'`,
      },
    },
  ])
  expect(await elementProperty(page, "live", "status")).toBe("connected")
  expect(await elementProperty(page, "live", "echo")).toEqual({N: ["10"]})
  // The element shows what the app accepted.
  expect(await elementProperty(page, "live", "arguments")).toEqual({N: "10"})
  expect(await page.locator("#live").getAttribute("arguments")).toBe('{"N":"10"}')
  await expect(page.locator("#live [part=error]")).toContainText("N must be a whole number")
  expect(await appState(page, "live")).toEqual({title: "10 points", input: 10})

  // The next accepted change clears the error.
  await setArguments(page, "live", {N: "11"})
  await expect.poll(() => eventsOfType(page, "live", "bokeh-session-updated")).toHaveLength(1)
  await expect(page.locator("#live [part=error]")).toHaveCount(0)
  expect(await elementProperty(page, "live", "sessionId")).toBe(sessionId)
  expect(sockets).toHaveLength(1)
})

test("20 changes within a second end, over one socket, with the app and the echo at the last value", async ({page}) => {
  const sockets = trackWebSockets(page)
  const requests = trackRequests(page)
  await openLive(page, "live", {N: "10"})
  const sessionId = await elementProperty(page, "live", "sessionId")
  await rememberDocument(page, "live")
  await clearEvents(page)

  await page.locator("#live").evaluate(async (element) => {
    for (let n = 101; n <= 120; n++) {
      ;(element as HTMLElementTagNameMap["bokeh-session"]).arguments = {N: String(n)}
      await new Promise((resolve) => setTimeout(resolve, 40))
    }
  })
  await expect.poll(() => elementProperty(page, "live", "echo")).toEqual({N: ["120"]})
  const updated = await eventsOfType(page, "live", "bokeh-session-updated")
  expect(updated.at(-1)!.detail).toEqual({sessionId, arguments: {N: ["120"]}, echo: {N: ["120"]}, source: "page"})
  expect(updated.every((event) => event.detail.source === "page")).toBe(true)
  expect(await appState(page, "live")).toEqual({title: "120 points", input: 120})
  expect(await elementProperty(page, "live", "arguments")).toEqual({N: "120"})
  expect(await elementProperty(page, "live", "status")).toBe("connected")
  expect(await sameDocument(page, "live")).toBe(true)
  expect(sockets).toHaveLength(1)
  // Each request carries the latest change when it is sent: the values only grow, none is sent twice, and the last
  // one sent is the last one set (coalesced changes in between are never sent).
  const sent = requestedN(requests)
  expect(sent.at(-1)).toBe(120)
  expect(sent.every((n, index) => index === 0 || n > sent[index - 1])).toBe(true)
  expect(await eventsOfType(page, "live", "bokeh-session-error")).toEqual([])
})

test("changes made faster than the server answers: the first is sent, then only the last", async ({page}) => {
  const requests = trackRequests(page)
  await openLive(page, "live", {N: "10"})
  // Twenty changes within one task: no answer can arrive in between, so the first is in flight throughout and each
  // later change replaces the one waiting.
  await page.locator("#live").evaluate(async (element) => {
    const live = element as HTMLElementTagNameMap["bokeh-session"]
    for (let n = 201; n <= 220; n++) {
      live.arguments = {N: String(n)}
      await live.updateComplete
    }
  })
  await expect.poll(() => elementProperty(page, "live", "echo")).toEqual({N: ["220"]})
  expect(await appState(page, "live")).toEqual({title: "220 points", input: 220})
  expect(requestedN(requests)).toEqual([201, 220])
})

test("after a server restart, the new session starts with the latest arguments, set by either side", async ({page}) => {
  test.setTimeout(120_000)
  const port = await freePort()
  let server: DedicatedServer = await startDedicatedServer({port, apps: ["demo/apps/live.py"]})
  try {
    await openBlankPage(page)
    await addElement(page, {id: "live", url: server.url("live"), arguments: {N: "10"}})
    await waitForStatus(page, "live", "connected")

    // The page's change, then the app's: the app's is the latest.
    await setArguments(page, "live", {N: "20"})
    await expect.poll(() => eventsOfType(page, "live", "bokeh-session-updated")).toHaveLength(1)
    await typeInApp(page, "live", 33)
    await expect.poll(() => eventsOfType(page, "live", "bokeh-session-updated")).toHaveLength(2)

    await server.stop("SIGKILL")
    await waitForStatus(page, "live", "reconnecting")
    server = await startDedicatedServer({port, apps: ["demo/apps/live.py"]})
    // The element retries with a back-off of up to 5 s: wait for it, not for a fixed time.
    await expect(page.locator("#live")).toHaveJSProperty("status", "connected", {timeout: 30_000})
    const [reconnected] = await eventsOfType(page, "live", "bokeh-session-reconnected")
    expect(reconnected!.detail).toMatchObject({arguments: {N: ["33"]}, echo: {N: ["33"]}})
    expect(await appState(page, "live")).toEqual({title: "33 points", input: 33})

    // Then the page's change is the latest.
    await setArguments(page, "live", {N: "44"})
    await expect.poll(() => eventsOfType(page, "live", "bokeh-session-updated")).toHaveLength(3)
    await server.stop("SIGKILL")
    await waitForStatus(page, "live", "reconnecting")
    server = await startDedicatedServer({port, apps: ["demo/apps/live.py"]})
    await expect.poll(() => eventsOfType(page, "live", "bokeh-session-reconnected"), {timeout: 30_000}).toHaveLength(2)
    expect((await eventsOfType(page, "live", "bokeh-session-reconnected"))[1]!.detail).toMatchObject({
      arguments: {N: ["44"]},
      echo: {N: ["44"]},
    })
    expect(await appState(page, "live")).toEqual({title: "44 points", input: 44})
  } finally {
    await server.stop()
  }
})

test("an app that does not opt in gets a new session per change, as before", async ({page}) => {
  const sockets = trackWebSockets(page)
  await openBlankPage(page)
  await addElement(page, {id: "rebuild", app: "echo", arguments: {N: "10"}})
  await waitForStatus(page, "rebuild", "connected")
  const first = await elementProperty(page, "rebuild", "sessionId")
  await clearEvents(page)

  await setArguments(page, "rebuild", {N: "20"})
  await expect.poll(() => eventsOfType(page, "rebuild", "bokeh-session-ready")).toHaveLength(1)
  const second = await elementProperty(page, "rebuild", "sessionId")
  expect(second).not.toBe(first)
  expect((await recordedEvents(page, "rebuild")).map((event) => event.type)).toEqual([
    "bokeh-session-closed",
    "bokeh-session-connecting",
    "bokeh-session-ready",
  ])
  expect(await elementProperty(page, "rebuild", "echo")).toEqual({N: ["20"]})
  expect(sockets).toHaveLength(2)
})

test("with a tokenProvider (signed ids carry signed arguments), a live app still gets a new session", async ({
  page,
}) => {
  const sockets = trackWebSockets(page)
  await openBlankPage(page)
  await page.evaluate((url) => {
    const element = document.createElement("bokeh-session")
    element.id = "signed"
    // Unsigned tokens with fresh ids stand in for a backend's signed ones: the element cannot tell them apart.
    element.tokenProvider = () => {
      const id = Array.from(
        crypto.getRandomValues(new Uint8Array(44)),
        (byte) => "abcdefghijklmnopqrstuvwxyz"[byte % 26],
      ).join("")
      const payload = JSON.stringify({session_id: id, session_expiry: Math.floor(Date.now() / 1000) + 300})
      return btoa(payload).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "")
    }
    element.arguments = {N: "10"}
    element.url = url
    document.body.append(element)
  }, appUrl("live"))
  await waitForStatus(page, "signed", "connected")
  const first = await elementProperty(page, "signed", "sessionId")
  await clearEvents(page)

  await setArguments(page, "signed", {N: "20"})
  await expect.poll(() => eventsOfType(page, "signed", "bokeh-session-ready")).toHaveLength(1)
  expect(await elementProperty(page, "signed", "sessionId")).not.toBe(first)
  expect(await eventsOfType(page, "signed", "bokeh-session-updated")).toEqual([])
  expect(await elementProperty(page, "signed", "echo")).toEqual({N: ["20"]})
  expect(sockets).toHaveLength(2)
})

test("pullSession: updateArguments in place, onArgumentsChange for the app's changes, update-rejected", async ({
  page,
}) => {
  const sockets = trackWebSockets(page)
  await openBlankPage(page)
  const result = await page.evaluate(
    async ({live, echo}) => {
      const module = await import(`${location.origin}/dist/bokeh-session.js`)
      const changes: unknown[] = []
      const pulled = await module.pullSession(live, {
        arguments: {N: "5"},
        onArgumentsChange: (change: unknown) => changes.push(change),
      })
      const document = pulled.document
      const accepted = await pulled.updateArguments({N: "6"})
      const refused = await pulled.updateArguments({N: "0"}).catch((error: {code: string; message: string}) => ({
        code: error.code,
        message: error.message,
      }))
      const serverChange = new Promise((resolve) => {
        const previous = changes.length
        const timer = setInterval(() => {
          if (changes.length > previous) {
            clearInterval(timer)
            resolve(changes.at(-1))
          }
        }, 10)
      })
      document.get_model_by_name("n").value = 7
      const fromServer = await serverChange
      const state = {
        live: pulled.live,
        arguments: pulled.arguments,
        echo: pulled.echo,
        sameDocument: pulled.document === document,
        title: document.get_model_by_name("plot").title.text,
      }
      pulled.close()
      const afterClose = await pulled.updateArguments({N: "8"}).catch((error: {code: string}) => error.code)
      const plain = await module.pullSession(echo, {arguments: {N: "5"}})
      const notLive = await plain.updateArguments({N: "6"}).catch((error: {code: string}) => error.code)
      const plainLive = plain.live
      plain.close()
      return {accepted, refused, fromServer, changes, state, afterClose, notLive, plainLive}
    },
    {live: appUrl("live"), echo: appUrl("echo")},
  )
  expect(result.accepted).toEqual({N: ["6"]})
  expect(result.refused).toEqual({
    code: "update-rejected",
    message: 'The app refused the arguments {"N":["0"]}: N must be between 1 and 500, got 0',
  })
  expect(result.fromServer).toEqual({arguments: {N: ["7"]}, source: "server"})
  expect(result.changes).toEqual([
    {arguments: {N: ["6"]}, source: "page"},
    {arguments: {N: ["7"]}, source: "server"},
  ])
  expect(result.state).toEqual({
    live: true,
    arguments: {N: ["7"]},
    echo: {N: ["7"]},
    sameDocument: true,
    title: "7 points",
  })
  expect(result.afterClose).toBe("connection-lost")
  expect(result.notLive).toBe("update-rejected")
  expect(result.plainLive).toBe(false)
  expect(sockets).toHaveLength(2)
})
