// The signed-session page as a user builds it in their own backend: a real Flask app and a real FastAPI app
// (demo/site), each with a login of its own, serve a page whose <bokeh-session> asks the app's /token route
// (bokeh_session.flask / bokeh_session.fastapi) for every connect; `bokeh serve --session-ids external-signed`
// accepts only the tokens they sign.
import {randomBytes} from "node:crypto"
import {expect, test, type Browser, type Page} from "@playwright/test"
import {BACKEND_FRAMEWORKS, startBackend} from "../scripts/lib/backend-server.mjs"
import {freePort, startBokehServer} from "../scripts/lib/bokeh-server.mjs"
import {currentError, elementProperty, setArguments, trackWebSockets, waitForStatus} from "./support/helpers.js"

const SECRET = randomBytes(33).toString("base64url")
const SIGNED_ID = /^[0-9A-Za-z]{44}\.[A-Za-z0-9_-]{43}$/
/** The login lifetime of the apps for the expiry test (the others keep the default hour). */
const SHORT_LOGIN_SECONDS = 2

type Backend = Awaited<ReturnType<typeof startBackend>>
type Framework = (typeof BACKEND_FRAMEWORKS)[number]

let bokeh: Awaited<ReturnType<typeof startBokehServer>>
const apps = new Map<string, Backend>()
const appOf = (framework: Framework, kind: "app" | "short"): Backend => apps.get(`${framework}-${kind}`)!

test.beforeAll(async () => {
  // Five processes, each of which waits up to 60 s for its own port and then fails with its output: the hook gives
  // them that long, not Playwright's 60 s for the whole hook, so a slow start reports its own error.
  test.setTimeout(90_000)
  // Every app's port first: the Bokeh server must allow each page's origin. Then all of them at once.
  const kinds = BACKEND_FRAMEWORKS.flatMap((framework) =>
    (["app", "short"] as const).map((kind) => ({framework, kind})),
  )
  // Asked for together: each is held until all have one, so no two get the same.
  const [bokehPort, ...ports] = await Promise.all([null, ...kinds].map(() => freePort()))
  const bokehAppUrl = `http://127.0.0.1:${bokehPort}/echo`
  const started = await Promise.allSettled([
    startBokehServer({
      apps: ["demo/apps/echo.py"],
      port: bokehPort,
      origins: ports.map((port) => `127.0.0.1:${port}`),
      args: ["--session-ids", "external-signed"],
      env: {BOKEH_SECRET_KEY: SECRET},
    }).then((server) => (bokeh = server)),
    ...kinds.map(({framework, kind}, index) =>
      startBackend({
        framework,
        bokehAppUrl,
        secret: SECRET,
        port: ports[index],
        loginSeconds: kind === "short" ? SHORT_LOGIN_SECONDS : undefined,
      }).then((app) => apps.set(`${framework}-${kind}`, app)),
    ),
  ])
  const failed = started.find((result) => result.status === "rejected")
  if (failed != null) {
    throw failed.reason
  }
})

test.afterAll(async () => {
  await Promise.all([...apps.values()].map((app) => app.stop()))
  await bokeh?.stop()
})

interface Asked {
  status: number
  body: unknown
}

/**
 * Opens the app's page, logs in as `user` with the app's own form, and returns what the page POSTs to /token (the
 * element asks once before the login too, and is refused), with the app's status for each.
 */
async function logIn(page: Page, backend: Backend, user: string): Promise<Asked[]> {
  const asked: Asked[] = []
  page.on("response", (response) => {
    if (response.url() === `${backend.origin}/token` && response.request().method() === "POST") {
      asked.push({status: response.status(), body: response.request().postDataJSON()})
    }
  })
  await page.goto(`${backend.origin}/`)
  await page.locator("#login select").selectOption(user)
  await page.locator("#login button").click()
  await expect(page.locator("#who")).toHaveText(`Logged in as ${user}.`)
  return asked
}

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage()
}

for (const framework of BACKEND_FRAMEWORKS) {
  test.describe(framework, () => {
    let app: Backend
    let shortLogin: Backend

    test.beforeAll(() => {
      app = appOf(framework, "app")
      shortLogin = appOf(framework, "short")
    })

    test(`${framework}: each logged-in user gets a signed session with their own arguments`, async ({browser}) => {
      const alice = await newPage(browser)
      const bob = await newPage(browser)
      const asked = await logIn(alice, app, "alice")
      await logIn(bob, app, "bob")
      await waitForStatus(alice, "plot", "connected")
      await waitForStatus(bob, "plot", "connected")

      expect(await elementProperty(alice, "plot", "echo")).toEqual({user: ["alice"], N: ["20"]})
      expect(await elementProperty(bob, "plot", "echo")).toEqual({user: ["bob"], N: ["20"]})
      expect(await elementProperty(alice, "plot", "sessionId")).toMatch(SIGNED_ID)
      // The page asked for N only, refused before the login; the app added who the user is.
      const request = {url: `${bokeh.origin}/echo`, arguments: {N: ["20"]}}
      expect(asked).toEqual([
        {status: 401, body: request},
        {status: 200, body: request},
      ])
      await alice.context().close()
      await bob.context().close()
    })

    test(`${framework}: arguments edited in the page do not reach the app`, async ({page}) => {
      const sockets = trackWebSockets(page)
      const asked = await logIn(page, app, "alice")
      await waitForStatus(page, "plot", "connected")
      const firstId = await elementProperty(page, "plot", "sessionId")

      await setArguments(page, "plot", {user: "mallory", N: "7"})
      await expect.poll(() => elementProperty(page, "plot", "sessionId")).not.toBe(firstId)
      await waitForStatus(page, "plot", "connected")
      // The page asked for mallory, and its websocket URL says mallory; the signed token said alice.
      expect(asked.at(-1)).toEqual({
        status: 200,
        body: {url: `${bokeh.origin}/echo`, arguments: {user: ["mallory"], N: ["7"]}},
      })
      expect(sockets.at(-1)!.url()).toContain("/echo/ws?user=mallory&N=7")
      expect(await elementProperty(page, "plot", "echo")).toEqual({user: ["alice"], N: ["7"]})
      await expect(page.locator("#plot [part=echo] tr.mismatch")).toHaveCount(1)

      // Values the app does not allow are replaced, not passed on.
      await setArguments(page, "plot", {N: "5000"})
      await expect.poll(() => elementProperty(page, "plot", "echo")).toEqual({user: ["alice"], N: ["20"]})
    })

    test(`${framework}: without a login, or once it expired, the element says token-unavailable and why`, async ({
      page,
    }) => {
      await page.goto(`${shortLogin.origin}/`)
      await waitForStatus(page, "plot", "error")
      let error = await currentError(page, "plot")
      expect(error.code).toBe("token-unavailable")
      expect(error.message).toContain("the token endpoint answered 401: log in first")

      await logIn(page, shortLogin, "bob")
      await waitForStatus(page, "plot", "connected")
      expect(await elementProperty(page, "plot", "echo")).toEqual({user: ["bob"], N: ["20"]})

      // The framework's own session cookie expires (the browser drops it); the page still shows bob's plot until it
      // asks for a new token. Watched in the browser's cookie jar: a request to the app would renew the login.
      await expect.poll(() => page.context().cookies(shortLogin.origin), {timeout: 15_000}).toEqual([])
      await page.locator("#plot").evaluate((element) => (element as HTMLElementTagNameMap["bokeh-session"]).restart())
      await waitForStatus(page, "plot", "error")
      error = await currentError(page, "plot")
      expect(error.code).toBe("token-unavailable")
      expect(error.message).toContain("the token endpoint answered 401: log in first")
      expect(error.message).toContain("your login expired")
      await expect(page.locator("#plot [part=error]")).toHaveText(error.message)
    })
  })
}
