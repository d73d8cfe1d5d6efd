// React, Vue and Angular apps, built from demo/react, demo/vue and demo/angular against the packaged files, drive
// `arguments` from framework state and show the element's events; a state change must open exactly one new
// session whose echo is the new value (a re-render alone must not open a session).
import {expect, test, type Page} from "@playwright/test"
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
      await expect(page.locator("bokeh-session tr[data-name=N] td.received")).toHaveText("10")

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
        await page.locator("bokeh-session").evaluate((element) => (element as BokehSessionElement).arguments),
      ).toEqual({N: "25", title})
      // One websocket per session, and the first one is closed.
      expect(sockets.map((socket) => new URL(socket.url()).pathname)).toEqual(["/echo/ws", "/echo/ws"])
      await expect.poll(() => sockets[0]!.isClosed()).toBe(true)
      expect(sockets[1]!.isClosed()).toBe(false)
    })
  })
}

async function sessionIdOf(page: Page): Promise<string> {
  const id = await page.locator("bokeh-session").evaluate((element) => (element as BokehSessionElement).sessionId)
  expect(id).toMatch(/^[0-9A-Za-z]{44}$/)
  return id!
}
