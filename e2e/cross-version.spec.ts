// Any Bokeh 3 server, any release: real servers of each release the tests serve (the bundled BokehJS's 3.9.2 and
// the older ones of python-env.mjs OLDER_RELEASES, each from its own venv), Bokeh's own example apps rendered by
// <bokeh-session> beside that server's own server_document embed, and what the element promises on that path: the
// echo, live arguments, patches that bring new model types, signed sessions, removal leaving nothing behind. With
// bokehjs="auto", a server of another release renders with its own BokehJS (src/server-bokehjs/), the bundled
// release with the bundled one.
import {randomBytes} from "node:crypto"
import {execFileSync} from "node:child_process"
import {cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs"
import {tmpdir} from "node:os"
import {delimiter, join} from "node:path"
import {expect, test, type Page, type WebSocket} from "@playwright/test"
import {OLDER_RELEASES, ROOT, bokehVersion, ensureReleaseEnv} from "../scripts/lib/python-env.mjs"
import {addBokehEmbed, openBokehEmbed} from "./support/bokeh-embed.js"
import {expectPaintedCanvas} from "./support/canvas.js"
import {EXAMPLES, act, appName, findDocuments, rendered, serverPatches, watched} from "./support/examples.js"
import {
  bokehJsCounts,
  elementProperty,
  openBlankPage,
  recordedEvents,
  setArguments,
  trackWebSockets,
  waitForStatus,
} from "./support/helpers.js"
import {startDedicatedServer, type DedicatedServer} from "./support/servers.js"

const RELEASES = [...OLDER_RELEASES, bokehVersion()]
const APPS = [
  ...EXAMPLES.map((app) => `e2e/apps/bokeh_examples/${app.path}`),
  "demo/apps/echo.py",
  "demo/apps/live.py",
  "e2e/apps/late_models.py",
  "e2e/apps/bokeh_global.py",
  "e2e/apps/release_extension.py",
]

/**
 * A copy of the test extension acc_old_ext (a bundle in `bokeh build`'s format) built for `release`: its prelude asks
 * for `Bokeh["<release>"]`, as every bundle `bokeh build` writes does. Returns the folder to put on PYTHONPATH.
 */
function extensionFor(release: string): string {
  const folder = mkdtempSync(join(tmpdir(), `bokeh-${release}-extension-`))
  cpSync(join(ROOT, "e2e", "extensions", "acc_old_ext"), join(folder, "acc_old_ext"), {recursive: true})
  const bundle = join(folder, "acc_old_ext", "bundle", "acc_old_ext.js")
  writeFileSync(
    bundle,
    readFileSync(bundle, "utf8").replace('factory(root["Bokeh"], "3.8.1")', `factory(root["Bokeh"], "${release}")`),
  )
  return folder
}

/** Waits for the element `#id` to be connected (a first connect: see FIRST_CONNECT_MS). */
async function connected(page: Page, id: string): Promise<void> {
  await expect(page.locator(`#${id}`)).toHaveJSProperty("status", "connected", {timeout: FIRST_CONNECT_MS})
}

/** Adds `<bokeh-session id url arguments>` (attributes, as a page would write it). */
async function addElement(page: Page, id: string, url: string, args?: Record<string, string>): Promise<void> {
  await page.evaluate(
    ({id, url, args}) => {
      const element = document.createElement("bokeh-session")
      element.id = id
      element.setAttribute("timeout", "60000")
      if (args != null) {
        element.setAttribute("arguments", JSON.stringify(args))
      }
      element.setAttribute("url", url)
      document.body.append(element)
    },
    {id, url, args},
  )
}

/** How long a periodic app gets to send something, and an input its answer. */
const REACTION_MS = 2000

/**
 * How long a first connect may take here: a cold page loads a server's own BokehJS (~1 MB) beside the element's, on
 * a machine whose two cores the server, the browser and other test runs share. A wait for a state, not a sleep.
 */
const FIRST_CONNECT_MS = 45_000

for (const release of RELEASES) {
  test.describe(`Bokeh ${release}`, () => {
    let server: DedicatedServer
    let python: string
    let extension: string

    test.beforeAll(async () => {
      test.setTimeout(120_000)
      python = ensureReleaseEnv(release)
      extension = extensionFor(release)
      server = await startDedicatedServer({
        release,
        apps: APPS,
        env: {PYTHONPATH: [join(ROOT, "python"), extension].join(delimiter)},
      })
    })
    test.afterAll(async () => {
      await server?.stop()
      rmSync(extension, {recursive: true, force: true})
    })

    for (const app of EXAMPLES) {
      test(`${app.path}: renders and reacts as under its own server's embed`, async ({page, context}) => {
        // Two pages of the app, each watched for a while; Bokeh's embed loads MathJax for every app.
        test.setTimeout(120_000)
        const url = server.url(appName(app))
        /** One page: what it rendered, and what it heard back once the user acted (or within a while). */
        const observe = async (target: Page, where: {element: string} | "embed") => {
          const sockets = trackWebSockets(target)
          await findDocuments(target)
          if (where === "embed") {
            await openBokehEmbed(target, url, python)
          } else {
            await openBlankPage(target)
            await addElement(target, where.element, url)
            await connected(target, where.element)
          }
          const shown = await rendered(target, where, FIRST_CONNECT_MS)
          await expect.poll(() => sockets.length).toBeGreaterThan(0)
          const patches = serverPatches(sockets.at(-1)! as WebSocket)
          const before = app.watch == null ? "" : await watched(target, where, app.watch)
          if (app.act != null) {
            await act(target, where, app.act)
          }
          await target.waitForTimeout(REACTION_MS)
          const after = app.watch == null ? "" : await watched(target, where, app.watch)
          return {...shown, serverAnswered: patches() > 0, pageAnswered: after !== before}
        }
        const underElement = await observe(page, {element: "app"})
        const embedPage = await context.newPage()
        const underEmbed = await observe(embedPage, "embed")

        const bokehJs = await page.locator("#app").evaluate((element) => {
          const session = element as unknown as {status: string; error: {message: string} | null}
          return {status: session.status, error: session.error?.message ?? null}
        })
        console.log(
          `[cross-version] ${release} ${appName(app)}: element ${JSON.stringify(underElement)} | embed ` +
            `${JSON.stringify(underEmbed)}`,
        )
        expect(bokehJs).toEqual({status: "connected", error: null})
        // The same document, drawn, reacting the same way. (How many of a plot's canvas layers have pixels at one
        // moment varies with animation frames, so only that both drew.)
        expect(underElement.roots).toEqual(underEmbed.roots)
        expect(underElement.paintedCanvases > 0).toBe(underEmbed.paintedCanvases > 0)
        expect(underElement.texts).toEqual(underEmbed.texts)
        expect(underElement.serverAnswered).toBe(underEmbed.serverAnswered)
        expect(underElement.pageAnswered).toBe(underEmbed.pageAnswered)
        if (app.reacts === "page") {
          expect(underElement.pageAnswered).toBe(true)
        }
      })
    }

    test("the echo, and live arguments changed in the running session both ways", async ({page}) => {
      await openBlankPage(page)
      await addElement(page, "live", server.url("live"), {N: "4"})
      await connected(page, "live")
      expect(await elementProperty(page, "live", "echo")).toEqual({N: ["4"]})
      const sessionId = await elementProperty(page, "live", "sessionId")

      await setArguments(page, "live", {N: "9"})
      await expect.poll(() => elementProperty(page, "live", "echo")).toEqual({N: ["9"]})
      expect(await elementProperty(page, "live", "sessionId")).toBe(sessionId)
      const updated = (await recordedEvents(page, "live")).filter((event) => event.type === "bokeh-session-updated")
      expect(updated.map((event) => event.detail)).toEqual([
        {sessionId, arguments: {N: ["9"]}, echo: {N: ["9"]}, source: "page"},
      ])

      // The app's own input (named "n"): its change reaches the page as the app's.
      await page.evaluate(() => {
        const element = document.querySelector("#live") as unknown as {
          session: {document: {get_model_by_name(name: string): {value: number} | null}}
        }
        element.session.document.get_model_by_name("n")!.value = 12
      })
      await expect.poll(() => elementProperty(page, "live", "echo")).toEqual({N: ["12"]})
      expect((await recordedEvents(page, "live")).at(-1)).toMatchObject({
        type: "bokeh-session-updated",
        detail: {sessionId, source: "server", echo: {N: ["12"]}},
      })
    })

    test("the bundled BokehJS runs only for a document it renders, when its core comes after the document", async ({
      page,
    }) => {
      // The page fetches the bundled core while the socket waits for the document; here the core comes only once
      // the document is in (for another release, once the page has asked for that server's own BokehJS).
      const bundled = release === bokehVersion()
      let heard!: () => void
      const documentHeard = new Promise<void>((resolve) => (heard = resolve))
      page.on("websocket", (socket) =>
        socket.on("framereceived", ({payload}) => {
          if (bundled && String(payload).startsWith('{"doc":')) {
            heard()
          }
        }),
      )
      page.on("request", (request) => {
        if (!bundled && /\/chunks\/server-bokehjs-/.test(request.url())) {
          heard()
        }
      })
      let coreFetched = false
      await page.route("**/dist/chunks/bokehjs-core-*.js", async (route) => {
        await documentHeard
        const response = await route.fetch()
        coreFetched = response.ok()
        await route.fulfill({response})
      })
      await page.coverage.startJSCoverage({resetOnNavigation: false})
      await openBlankPage(page)
      await addElement(page, "plot", server.url("echo"), {N: "3"})
      await connected(page, "plot")
      await expectPaintedCanvas(page.locator("#plot"))
      const coverage = await page.coverage.stopJSCoverage()
      // Fetched either way; run only for the bundled release (a module fetched and parsed but not run has no
      // function that ran, or no coverage at all).
      await expect.poll(() => coreFetched).toBe(true)
      const ran = coverage
        .filter((entry) => /\/chunks\/bokehjs-core-/.test(entry.url))
        .some((entry) => entry.functions.some((fn) => fn.ranges.some((range) => range.count > 0)))
      expect(ran).toBe(bundled)
    })

    test("a patch that brings new model types (a table, a slider, TeX) renders them", async ({page}) => {
      await findDocuments(page)
      await openBlankPage(page)
      await addElement(page, "late", server.url("late_models"))
      await connected(page, "late")
      const late = page.locator("#late")
      await expect(late.locator(".slick-cell").filter({hasText: /^a$/})).toHaveCount(1, {timeout: FIRST_CONNECT_MS})
      await expect(late.locator(".bk-slider-title").first()).toContainText("Late slider")
      // MathJax typeset the TeX: an SVG, not the source text.
      await expect(late.locator("mjx-container svg").first()).toBeAttached({timeout: FIRST_CONNECT_MS})
      expect(await elementProperty(page, "late", "status")).toBe("connected")
    })

    test("a packaged extension built for this release renders as under the embed, with nothing published", async ({
      page,
      context,
    }) => {
      const url = server.url("release_extension")
      await openBlankPage(page)
      await addElement(page, "ext", url)
      await connected(page, "ext")
      const underElement = await page.locator("#ext .acc-old-ext-hello").textContent()
      const embedPage = await context.newPage()
      await openBokehEmbed(embedPage, url, python)
      const underEmbed = await embedPage.locator(".acc-old-ext-hello").textContent()
      expect(underElement).toBe(underEmbed)
      expect(underElement).toBe("Hello from acc_old_ext: release")
    })

    test("CustomJS that uses the Bokeh global gets the same answers as under the embed", async ({page, context}) => {
      const url = server.url("bokeh_global")
      const run = async (target: Page): Promise<string> => {
        await target.getByRole("button", {name: "Run"}).click()
        const out = target.getByText("documents:")
        await expect(out).toHaveCount(1)
        return (await out.textContent()) ?? ""
      }
      await openBlankPage(page)
      await addElement(page, "global", url)
      await connected(page, "global")
      const underElement = await run(page)
      const embedPage = await context.newPage()
      await openBokehEmbed(embedPage, url, python)
      expect(underElement).toBe(await run(embedPage))
      expect(underElement).toContain("string: true | documents: 1 | root view: true | version: string")
    })

    test("removing the element closes its socket and leaves no server session, document or view", async ({page}) => {
      const sockets = trackWebSockets(page)
      await openBlankPage(page)
      await server.statsWhere((stats) => stats.sessions === 0)
      await addElement(page, "gone", server.url("echo"), {N: "3"})
      await connected(page, "gone")
      // Root views: the echo app's plot, and from 3.7 on its data source too (BokehJS builds a view for it).
      expect(await bokehJsCounts(page)).toMatchObject({documents: 1})
      await page.locator("#gone").evaluate(
        (element) =>
          new Promise((resolve) => {
            element.addEventListener("bokeh-session-closed", resolve, {once: true})
            element.remove()
          }),
      )
      await expect.poll(() => sockets.filter((socket) => !socket.isClosed()).length).toBe(0)
      await expect.poll(() => bokehJsCounts(page)).toEqual({documents: 0, rootViews: 0})
      await server.statsWhere((stats) => stats.sessions === 0 && stats.clients === 0)
    })
  })
}

test.describe("signed session ids", () => {
  for (const release of RELEASES) {
    test(`Bokeh ${release}: a minted token is signed-required; a backend's token opens the session`, async ({page}) => {
      const secret = randomBytes(33).toString("base64url")
      const python = ensureReleaseEnv(release)
      const server = await startDedicatedServer({
        release,
        env: {BOKEH_SIGN_SESSIONS: "yes", BOKEH_SECRET_KEY: secret, PYTHONPATH: join(ROOT, "python")},
      })
      try {
        await openBlankPage(page)
        await addElement(page, "unsigned", server.url("echo"), {N: "3"})
        await waitForStatus(page, "unsigned", "error")
        const error = await page.locator("#unsigned").evaluate((element) => {
          const {code, message} = (element as unknown as {error: {code: string; message: string}}).error
          return {code, message}
        })
        expect(error.code).toBe("signed-required")
        expect(error.message).toContain("BOKEH_SIGN_SESSIONS=yes")

        // What a backend does: sign a session id and the arguments with the same secret (that release's Bokeh).
        const token = execFileSync(
          python,
          [
            "-c",
            "import json, sys\n" +
              "from bokeh.util.token import generate_jwt_token, generate_session_id\n" +
              "session_id = generate_session_id(signed=True)\n" +
              "print(generate_jwt_token(session_id, signed=True, extra_payload={'arguments': " +
              "{'N': [b'5']}}))",
          ],
          {encoding: "utf8", env: {...process.env, BOKEH_SECRET_KEY: secret, BOKEH_SIGN_SESSIONS: "yes"}},
        ).trim()
        await page.evaluate(
          ({url, token}) => {
            const element = document.createElement("bokeh-session")
            element.id = "signed"
            element.token = token
            element.url = url
            document.body.append(element)
          },
          {url: server.url("echo"), token},
        )
        await connected(page, "signed")
        expect(await elementProperty(page, "signed", "echo")).toEqual({N: ["5"]})
      } finally {
        await server.stop()
      }
    })
  }
})

test("one page: elements of every release's server, and an older server's own embed, each working", async ({page}) => {
  test.setTimeout(240_000)
  const older = OLDER_RELEASES[OLDER_RELEASES.length - 1]!
  const servers = await Promise.all(
    RELEASES.map((release) =>
      startDedicatedServer({release, apps: ["demo/apps/echo.py"], env: {PYTHONPATH: join(ROOT, "python")}}),
    ),
  )
  try {
    await openBlankPage(page)
    // The older server's own embed first, as a page that migrates one plot at a time has it; then one element per
    // server, all connecting at once.
    await addBokehEmbed(page, servers[RELEASES.indexOf(older)]!.url("echo"), "bokeh-embed", ensureReleaseEnv(older))
    await expectPaintedCanvas(page.locator("#bokeh-embed"))
    for (const [index, release] of RELEASES.entries()) {
      await addElement(page, `v${index}`, servers[index]!.url("echo"), {release})
    }
    for (const [index, release] of RELEASES.entries()) {
      await connected(page, `v${index}`)
      expect(await elementProperty(page, `v${index}`, "echo")).toEqual({release: [release]})
      await expectPaintedCanvas(page.locator(`#v${index}`))
    }
    // The page's Bokeh is the embed's own, its own release, with the embed's document.
    expect(await page.evaluate(() => (window as unknown as {Bokeh: {version: string}}).Bokeh.version)).toBe(older)
    // Removing one element leaves the others and the embed as they were.
    await page.locator("#v0").evaluate((element) => element.remove())
    for (const index of RELEASES.keys()) {
      if (index > 0) {
        expect(await elementProperty(page, `v${index}`, "status")).toBe("connected")
      }
    }
    await expectPaintedCanvas(page.locator("#bokeh-embed"))
  } finally {
    await Promise.all(servers.map((server) => server.stop()))
  }
})
