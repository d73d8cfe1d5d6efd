// Failures whose cause the old messages got wrong: a relative url that lands on the page's own static server (not
// a refused origin), and a server that dies mid-connect (not a token problem). Real servers, real Chromium.
import {expect, test} from "@playwright/test"
import {elementError, openBlankPage, pageOrigin} from "./support/helpers.js"
import {startDedicatedServer, type DedicatedServer} from "./support/servers.js"

test("a relative url on the page's static server (404) says so, and does not blame the origin", async ({page}) => {
  await openBlankPage(page)
  const pageHost = new URL(pageOrigin()).host
  const {code, message} = await elementError(page, "failing", "/reports/echo")
  expect(code).toBe("handshake-rejected")
  expect(message).toBe(
    `this page's own server (${pageHost}) answered 404 for ${pageOrigin()}/reports/echo/autoload.js, which is not ` +
      `a Bokeh server's answer: there is no Bokeh app at /reports/echo there. url resolved against this page to ` +
      `${pageOrigin()}/reports/echo: write the Bokeh server's own address (e.g. http://localhost:5006/reports/echo; ` +
      `bokeh serve prints each app's URL), or route /reports/echo to the Bokeh server in your proxy, with websocket ` +
      `upgrades (see docs/deploy.md).`,
  )
  expect(message).not.toContain("--allow-websocket-origin")
})

test.describe("a server that dies while building the session", () => {
  let server: DedicatedServer
  test.beforeAll(async () => {
    server = await startDedicatedServer({apps: ["e2e/apps/crash_on_session.py"]})
  })
  test.afterAll(async () => {
    await server?.stop()
  })

  test("is connection-lost with close code 1006, not a token problem", async ({page}) => {
    await openBlankPage(page)
    const {code, message} = await elementError(page, "failing", server.url("crash_on_session"))
    expect(code).toBe("connection-lost")
    expect(message).toContain(`opened the websocket ${server.url("crash_on_session").replace("http:", "ws:")}/ws`)
    expect(message).toContain("(close code 1006)")
    expect(message).toContain("the server process stopped or crashed (check its log)")
    expect(message).not.toMatch(/token|BOKEH_SIGN_SESSIONS/)
  })
})
