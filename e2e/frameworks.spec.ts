// React, Vue and Angular apps, built from demo/react, demo/vue and demo/angular against the packaged files, drive
// `arguments` from framework state and show the element's events; a state change must open exactly one new
// session whose echo is the new value (a re-render alone must not open a session).
import {expect, test, type Page} from "@playwright/test"
import {axeViolations, serious} from "./support/axe.js"
import {buildFrameworkDemo, type BuiltDemo} from "./support/framework-demo.js"
import {appUrl, pageOrigin, trackWebSockets} from "./support/helpers.js"
import type {BokehSessionElement} from "../src/index.js"

const TITLES = {react: "React", vue: "Vue", angular: "Angular"}

for (const framework of ["react", "vue", "angular"] as const) {
  test.describe(`${framework} demo`, () => {
    let demo: BuiltDemo

    test.beforeAll(async () => {
      demo = await buildFrameworkDemo(framework, appUrl("echo"))
    })
    test.afterAll(() => demo?.remove())

    test("state drives arguments, events update the UI, and a state change gives a new echo", async ({page}) => {
      const sockets = trackWebSockets(page)
      await page.goto(`${pageOrigin()}${demo.path}`)
      const title = `Hello from ${TITLES[framework]}`

      await expect(page.getByTestId("status")).toHaveText("connected")
      await expect(page.getByTestId("echo")).toHaveText(JSON.stringify({N: ["10"], title: [title]}))
      const first = await sessionIdOf(page)
      await expect(page.getByTestId("log").locator("li")).toHaveText([
        `bokeh-session-connecting ${first}`,
        `bokeh-session-ready ${first}`,
      ])
      // The element's own echo table agrees with what the framework shows.
      await expect(page.locator("bokeh-session").first().locator("tr[data-name=N] td.received")).toHaveText("10")
      // The whole page, every element connected: nothing serious for axe-core.
      await expect(page.locator("bokeh-session:not(:state(connected))")).toHaveCount(0)
      const findings = await axeViolations(page)
      console.log(
        `axe ${framework} demo: ${JSON.stringify(findings.map(({id, impact, targets}) => ({id, impact, targets})))}`,
      )
      expect(serious(findings), `serious or critical axe violations in the ${framework} demo`).toEqual([])

      await page.getByLabel("Points").fill("25")

      await expect(page.getByTestId("echo")).toHaveText(JSON.stringify({N: ["25"], title: [title]}))
      await expect(page.getByTestId("status")).toHaveText("connected")
      const second = await sessionIdOf(page)
      expect(second).not.toBe(first)
      await expect(page.getByTestId("log").locator("li")).toHaveText([
        `bokeh-session-connecting ${first}`,
        `bokeh-session-ready ${first}`,
        `bokeh-session-closed ${first}`,
        `bokeh-session-connecting ${second}`,
        `bokeh-session-ready ${second}`,
      ])
      expect(
        await page
          .locator("bokeh-session")
          .first()
          .evaluate((element) => (element as BokehSessionElement).arguments),
      ).toEqual({N: "25", title})
      // One websocket per session, and the first one is closed (the React demo also links a live app: not counted).
      const echoSockets = sockets.filter((socket) => new URL(socket.url()).pathname === "/echo/ws")
      expect(echoSockets).toHaveLength(2)
      await expect.poll(() => echoSockets[0]!.isClosed()).toBe(true)
      expect(echoSockets[1]!.isClosed()).toBe(false)
    })
  })
}

test.describe("react demo, live arguments", () => {
  let demo: BuiltDemo

  test.beforeAll(async () => {
    demo = await buildFrameworkDemo("react", appUrl("echo"))
  })
  test.afterAll(() => demo?.remove())

  test("a React input and the Bokeh input inside the live app move together, in one session", async ({page}) => {
    const sockets = trackWebSockets(page)
    await page.goto(`${pageOrigin()}${demo.path}`)
    const live = page.locator("bokeh-session#live")
    await expect(live).toHaveJSProperty("status", "connected")
    const sessionId = await live.evaluate((element) => (element as BokehSessionElement).sessionId)
    const appInput = (): Promise<number> =>
      live.evaluate(
        (element) =>
          (
            (element as BokehSessionElement).session!.document.get_model_by_name("n") as unknown as {
              value: number
            }
          ).value,
      )

    // React → app: the input inside the app follows the React input.
    await page.getByLabel("N, from React").fill("120")
    await expect(page.getByTestId("live-source")).toHaveText("page")
    expect(await appInput()).toBe(120)
    expect(await live.evaluate((element) => ({...(element as BokehSessionElement).echo}))).toEqual({N: ["120"]})

    // App → React: a new value in the app's input sets React's input.
    await live.evaluate((element) => {
      const model = (element as BokehSessionElement).session!.document.get_model_by_name("n") as unknown as {
        value: number
      }
      model.value = 77
    })
    await expect(page.getByTestId("live-source")).toHaveText("server")
    await expect(page.getByLabel("N, from React")).toHaveValue("77")
    await expect
      .poll(() => live.evaluate((element) => ({...(element as BokehSessionElement).echo})))
      .toEqual({N: ["77"]})

    expect(await live.evaluate((element) => (element as BokehSessionElement).sessionId)).toBe(sessionId)
    expect(sockets.filter((socket) => new URL(socket.url()).pathname === "/live/ws")).toHaveLength(1)
  })
})

async function sessionIdOf(page: Page): Promise<string> {
  const id = await page
    .locator("bokeh-session")
    .first()
    .evaluate((element) => (element as BokehSessionElement).sessionId)
  expect(id).toMatch(/^[0-9A-Za-z]{44}$/)
  return id!
}
