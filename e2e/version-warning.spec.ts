// What the page hears about the BokehJS that renders a document of a server of another release (a real Bokeh
// 3.6.0 server, from its own venv): with bokehjs="auto" (the default) the server's own BokehJS renders it and a
// `bokeh-session-warning` (and the console) says so and what the bundled path would take; bokehjs="bundled" renders
// it with the bundled BokehJS anyway, with a warning that it may fail; bokehjs="server" asked for it: no warning.
import {expect, test, type Page} from "@playwright/test"
import {bokehVersion} from "../scripts/lib/python-env.mjs"
import {elementProperty, openBlankPage, recordedEvents} from "./support/helpers.js"
import {startDedicatedServer, type DedicatedServer} from "./support/servers.js"

const SERVER_RELEASE = "3.6.0"

let server: DedicatedServer
test.beforeAll(async () => {
  test.setTimeout(120_000)
  server = await startDedicatedServer({release: SERVER_RELEASE})
})
test.afterAll(async () => {
  await server?.stop()
})

/** Adds an element with `bokehjs` (unset when null) and waits until it is connected; returns its events' types. */
async function connect(page: Page, id: string, bokehjs: string | null): Promise<void> {
  await page.evaluate(
    ({id, url, bokehjs}) => {
      const element = document.createElement("bokeh-session")
      element.id = id
      if (bokehjs != null) {
        element.setAttribute("bokehjs", bokehjs)
      }
      element.arguments = {N: "4"}
      element.url = url
      document.body.append(element)
    },
    {id, url: server.url("echo"), bokehjs},
  )
  // A first connect loads the server's own BokehJS (~1 MB) as well.
  await expect(page.locator(`#${id}`)).toHaveJSProperty("status", "connected", {timeout: 45_000})
}

test("auto: a server of another release renders with its own BokehJS, and the warning says so", async ({page}) => {
  const bundled = bokehVersion()
  expect(bundled).not.toBe(SERVER_RELEASE)
  const warnings: string[] = []
  page.on("console", (message) => {
    if (message.type() === "warning") {
      warnings.push(message.text())
    }
  })
  await openBlankPage(page)
  await connect(page, "older", null)

  const message =
    `The server runs Bokeh ${SERVER_RELEASE}, not the bundled BokehJS's ${bundled}, so its document is rendered ` +
    `with the server's own BokehJS ${SERVER_RELEASE}, loaded from the server as Bokeh's own embed loads it. To use ` +
    `the bundled BokehJS (no BokehJS download from the server), pin bokeh==${bundled} on the server; to skip ` +
    `fetching the bundled one for this element, set bokehjs="server".`
  const sessionId = await elementProperty(page, "older", "sessionId")
  const args = {N: ["4"]}
  // The warning comes with the document, before it is rendered; the session works.
  expect(await recordedEvents(page, "older")).toEqual([
    {type: "bokeh-session-connecting", id: "older", detail: {sessionId, arguments: args}},
    {type: "bokeh-session-warning", id: "older", detail: {message}},
    {type: "bokeh-session-ready", id: "older", detail: {sessionId, arguments: args, echo: args}},
  ])
  expect(warnings).toContain(`bokeh-session: ${message}`)
  // What rendered it: the server's BokehJS, which the page's window.Bokeh (it had none) now answers as.
  expect(await page.evaluate(() => (window as unknown as {Bokeh: {version: string}}).Bokeh.version)).toBe(
    SERVER_RELEASE,
  )
})

test("bundled: the bundled BokehJS renders it anyway, with a warning that it may fail; server: no warning", async ({
  page,
}) => {
  await openBlankPage(page)
  await connect(page, "bundled", "bundled")
  await connect(page, "server", "server")
  const warnings = (await recordedEvents(page))
    .filter((event) => event.type === "bokeh-session-warning")
    .map((event) => [event.id, event.detail.message])
  expect(warnings).toEqual([
    [
      "bundled",
      `The server runs Bokeh ${SERVER_RELEASE}, but bokehjs="bundled" renders its document with this page's ` +
        `bundled BokehJS ${bokehVersion()}, another release: models or data may fail to load. Remove bokehjs (or ` +
        `set bokehjs="auto") to render it with the server's own BokehJS, or pin bokeh==${bokehVersion()} on the ` +
        `server.`,
    ],
  ])
})
