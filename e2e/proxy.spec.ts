// Behind a real proxy: nginx serves the page and dist/ and proxies everything else to one `bokeh serve` (the cluster
// tests' configuration, scripts/lib/nginx.mjs), so the page, the app URL and the websocket share nginx's origin and
// the element's probe can read nginx's own answers. With the backend stopped, nginx answers 502; a path under its
// static folders, 404. Both come from nginx itself, not from a status passed in by a test.
import {join} from "node:path"
import {expect, test, type Page} from "@playwright/test"
import {freePort} from "../scripts/lib/bokeh-server.mjs"
import {startNginx} from "../scripts/lib/nginx.mjs"
import {ROOT} from "../scripts/lib/python-env.mjs"
import {elementError, trackWebSockets, waitForStatus} from "./support/helpers.js"
import {startDedicatedServer, type DedicatedServer} from "./support/servers.js"

type Nginx = Awaited<ReturnType<typeof startNginx>>

let nginx: Nginx
let backendPort: number

test.beforeAll(async () => {
  backendPort = (await freePort()) as number
  nginx = await startNginx({
    backendPorts: [backendPort],
    staticFolders: {"/dist/": join(ROOT, "dist"), "/e2e/pages/": join(ROOT, "e2e", "pages")},
  })
})

test.afterAll(async () => {
  await nginx?.stop()
})

async function openProxiedPage(page: Page): Promise<void> {
  await page.goto(`${nginx.origin}/e2e/pages/blank.html`)
  await page.waitForFunction(() => customElements.get("bokeh-session") != null)
}

test("nginx's 502 for a stopped backend is unreachable, naming the proxy; once the backend runs, restart() connects", async ({
  page,
}) => {
  const sockets = trackWebSockets(page)
  await openProxiedPage(page)
  const {code, message} = await elementError(page, "proxied", "/echo")
  expect(code).toBe("unreachable")
  expect(message).toBe(
    `this page's own server (${nginx.host}) answered 502 for ${nginx.origin}/echo, like a proxy whose Bokeh server ` +
      `is down or out of its reach: start the Bokeh server behind it, or fix the proxy's upstream address for /echo ` +
      `(and pass websocket upgrades: see docs/deploy.md).`,
  )

  // The same proxy, the backend started: the element's restart goes through it (so the 502 was the backend's absence).
  let backend: DedicatedServer | undefined
  try {
    backend = await startDedicatedServer({port: backendPort, origins: [nginx.host]})
    await page.locator("#proxied").evaluate((element) => (element as HTMLElementTagNameMap["bokeh-session"]).restart())
    await waitForStatus(page, "proxied", "connected")
    expect(sockets.map((socket) => socket.url())).toEqual([`ws://${nginx.host}/echo/ws`, `ws://${nginx.host}/echo/ws`])
  } finally {
    await backend?.stop()
  }
})

test("nginx's own 404 (a relative url that lands in its static folder) is handshake-rejected, naming the path", async ({
  page,
}) => {
  await openProxiedPage(page)
  const {code, message} = await elementError(page, "proxied", "echo")
  expect(code).toBe("handshake-rejected")
  expect(message).toBe(
    `this page's own server (${nginx.host}) answered 404 for ${nginx.origin}/e2e/pages/echo/autoload.js, which is ` +
      `not a Bokeh server's answer: there is no Bokeh app at /e2e/pages/echo there. url resolved against this page ` +
      `to ${nginx.origin}/e2e/pages/echo: write the Bokeh server's own address (e.g. ` +
      `http://localhost:5006/e2e/pages/echo; bokeh serve prints each app's URL), or route /e2e/pages/echo to the ` +
      `Bokeh server in your proxy, with websocket upgrades (see docs/deploy.md).`,
  )
})
