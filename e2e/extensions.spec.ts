// Apps with custom models: a packaged extension built by `bokeh build` (the stand-in for Panel) and an inline
// TypeScript model (`__implementation__`), each rendered by the element as by Bokeh's own embed of the same app; an
// extension model that a patch brings after the first render; an extension built for another BokehJS version; and
// extension loading turned off.
import {expect, test, type Page} from "@playwright/test"
import {openBokehEmbed} from "./support/bokeh-embed.js"
import {delimiter, join} from "node:path"
import {EXTENSIONS_DIR} from "../scripts/lib/bokeh-extensions.mjs"
import {ROOT} from "../scripts/lib/python-env.mjs"
import {
  SERVER_BOKEHJS_PROJECT,
  appUrl,
  bokehOrigin,
  fatalAfterTrigger,
  openBlankPage,
  recordedEvents,
} from "./support/helpers.js"
import {startDedicatedServer} from "./support/servers.js"

/** Adds an element for `app` with `extensions` (unset when undefined) and a generous connect timeout. */
async function addCustomModelElement(page: Page, app: string, extensions?: string): Promise<void> {
  await page.evaluate(
    ({url, extensions}) => {
      const element = document.createElement("bokeh-session")
      element.id = "custom"
      // The first session of an app with inline models waits for the server to compile them with node.
      element.setAttribute("timeout", "120000")
      if (extensions != null) {
        element.setAttribute("extensions", extensions)
      }
      element.url = url
      document.body.append(element)
    },
    {url: appUrl(app), extensions},
  )
}

/** The status the element settles on (connected or error), and its error, within the test's timeout. */
async function settled(page: Page): Promise<{status: string; code: string | null; message: string | null}> {
  const read = () =>
    page.locator("#custom").evaluate((node) => {
      const element = node as unknown as {status: string; error: {code: string; message: string} | null}
      return {status: element.status, code: element.error?.code ?? null, message: element.error?.message ?? null}
    })
  await expect.poll(async () => (await read()).status, {timeout: 0}).toMatch(/^(connected|error)$/)
  return read()
}

/** Requests the page made for extension bundles on the Bokeh server. */
function trackExtensionRequests(page: Page): string[] {
  const urls: string[] = []
  page.on("request", (request) => {
    if (request.url().includes("/static/extensions/")) {
      urls.push(request.url())
    }
  })
  return urls
}

/** The text a custom model's view rendered (Playwright's locators pierce the shadow roots). */
async function renderedText(page: Page, selector: string): Promise<string> {
  const rendered = page.locator(selector)
  await expect(rendered).toHaveCount(1, {timeout: 45_000})
  return (await rendered.textContent()) ?? ""
}

function collectPageErrors(page: Page): string[] {
  const errors: string[] = []
  page.on("pageerror", (error) => errors.push(error.message))
  return errors
}

test("a packaged extension built by bokeh build renders as under Bokeh's own embed", async ({page, context}) => {
  // Bokeh's embed first: its autoload.js makes the server serve /static/extensions/acc_pkg_ext/ (an app that calls
  // publish_models does that itself; see the patch test below).
  const embedPage = await context.newPage()
  await openBokehEmbed(embedPage, "packaged_extension")
  const underEmbed = await renderedText(embedPage, ".acc-pkg-ext-hello")

  const errors = collectPageErrors(page)
  const requests = trackExtensionRequests(page)
  await openBlankPage(page)
  await addCustomModelElement(page, "packaged_extension")
  expect(await settled(page)).toEqual({status: "connected", code: null, message: null})
  const underElement = await renderedText(page, ".acc-pkg-ext-hello")

  expect(underElement).toBe(underEmbed)
  expect(underElement).toBe("Hello from acc_pkg_ext: packaged")
  // Where the server's autoload.js for this session names it, on the app's own server.
  expect(requests).toEqual([`${bokehOrigin()}/static/extensions/acc_pkg_ext/acc_pkg_ext.min.js`])
  expect(errors).toEqual([])
  // The bundle registered with this build's BokehJS through the Bokeh global, which the page did not have.
  expect(await page.evaluate(() => typeof (window as unknown as {Bokeh?: {version?: unknown}}).Bokeh?.version)).toBe(
    "string",
  )
})

test("an inline TypeScript model renders as under Bokeh's own embed", async ({page, context}) => {
  // The server compiles the model with node for the first session that publishes it: allow for that.
  test.setTimeout(240_000)
  const errors = collectPageErrors(page)
  const requests = trackExtensionRequests(page)
  await openBlankPage(page)
  await addCustomModelElement(page, "inline_model")
  expect(await settled(page)).toEqual({status: "connected", code: null, message: null})
  const underElement = await renderedText(page, ".inline-hello")

  const embedPage = await context.newPage()
  await openBokehEmbed(embedPage, "inline_model")
  const underEmbed = await renderedText(embedPage, ".inline-hello")

  expect(underElement).toBe(underEmbed)
  expect(underElement).toBe("Hello from an inline model: inline")
  // The code came with the document (python/bokeh_session_models.py), not from another request.
  expect(requests).toEqual([])
  expect(errors).toEqual([])
})

test("an unmodified app's inline TypeScript model renders as under Bokeh's own embed, without publish_models", async ({
  page,
  context,
}) => {
  test.setTimeout(240_000)
  const errors = collectPageErrors(page)
  const autoloads: string[] = []
  page.on("request", (request) => {
    if (new URL(request.url()).pathname.endsWith("/autoload.js")) {
      autoloads.push(request.url())
    }
  })
  await openBlankPage(page)
  await addCustomModelElement(page, "inline_model_plain")
  expect(await settled(page)).toEqual({status: "connected", code: null, message: null})
  const underElement = await renderedText(page, ".inline-hello")

  const embedPage = await context.newPage()
  await openBokehEmbed(embedPage, "inline_model_plain")
  const underEmbed = await renderedText(embedPage, ".inline-hello")

  expect(underElement).toBe(underEmbed)
  expect(underElement).toBe("Hello from an inline model: plain")
  // The code came from the server's autoload.js for the element's own session: asked once, for that session id.
  const sessionId = await page.locator("#custom").evaluate((node) => (node as unknown as {sessionId: string}).sessionId)
  expect(autoloads).toHaveLength(1)
  expect(new URL(autoloads[0]!).searchParams.get("bokeh-session-id")).toBe(sessionId)
  expect(errors).toEqual([])
})

test("a patch that adds an extension model after the first render loads the extension, then applies", async ({
  page,
}) => {
  const errors = collectPageErrors(page)
  const requests = trackExtensionRequests(page)
  await openBlankPage(page)
  await addCustomModelElement(page, "late_extension")
  expect(await settled(page)).toEqual({status: "connected", code: null, message: null})
  await expect(page.getByText("before the extension model")).toHaveCount(1)
  expect(requests).toEqual([])

  // The app answers a change of the Div's text with a root of the extension's type.
  await page.locator("#custom").evaluate((node) => {
    const session = (node as unknown as {session: {document: {get_model_by_name(name: string): {text: string}}}})
      .session
    session.document.get_model_by_name("trigger").text = "late"
  })
  expect(await renderedText(page, ".acc-pkg-ext-hello")).toBe("Hello from acc_pkg_ext: late")
  expect(await settled(page)).toEqual({status: "connected", code: null, message: null})
  // The exact file the app published.
  expect(requests).toEqual([`${bokehOrigin()}/static/extensions/acc_pkg_ext/acc_pkg_ext.min.js`])
  expect(errors).toEqual([])
})

test("an extension built for another BokehJS version loads with a warning naming both versions", async ({page}) => {
  const errors = collectPageErrors(page)
  await openBlankPage(page)
  // A page with a Bokeh of its own: the extension still registers with the element's BokehJS, and the page's
  // Bokeh is back once it has loaded.
  await page.evaluate(() => ((window as unknown as {Bokeh: unknown}).Bokeh = {mine: true}))
  await addCustomModelElement(page, "old_extension")
  if (test.info().project.name === SERVER_BOKEHJS_PROJECT) {
    // The server's own BokehJS is what Bokeh's embed runs, and refuses it as the embed does: "Cannot find Bokeh
    // 3.8.1" in the console, and the type stays unknown.
    const outcome = await settled(page)
    expect(outcome.code).toBe("unknown-model")
    expect(outcome.message).toContain("acc_old_ext.js?v=")
    expect(outcome.message).toContain("loaded but did not register them")
    expect(errors).toEqual(["Cannot find Bokeh 3.8.1. You have to load it prior to loading plugins."])
    expect(await page.evaluate(() => (window as unknown as {Bokeh: unknown}).Bokeh)).toEqual({mine: true})
    return
  }
  expect(await settled(page)).toEqual({status: "connected", code: null, message: null})
  expect(await renderedText(page, ".acc-old-ext-hello")).toBe("Hello from acc_old_ext: old")
  const warnings = (await recordedEvents(page, "custom")).filter((event) => event.type === "bokeh-session-warning")
  expect(warnings).toHaveLength(1)
  const message = String(warnings[0]!.detail.message)
  expect(message).toContain("The extension acc_old_ext")
  expect(message).toContain(
    "was built for BokehJS 3.8.1, but this document is rendered with BokehJS 3.9.2, the server's release: it may " +
      'fail to render (Bokeh\'s own embed refuses it: "Cannot find Bokeh 3.8.1"). Rebuild it with bokeh==3.9.2',
  )
  // package.json's main names the file; the server adds a hash of the package's version.
  expect(message).toMatch(/\/static\/extensions\/acc_old_ext\/acc_old_ext\.js\?v=[0-9a-f]{64}\)/)
  expect(await page.evaluate(() => (window as unknown as {Bokeh: unknown}).Bokeh)).toEqual({mine: true})
  expect(errors).toEqual([])
})

test('extensions="none" loads nothing and fails with unknown-model, for the document and for a patch', async ({
  page,
}) => {
  const requests = trackExtensionRequests(page)
  await openBlankPage(page)
  await addCustomModelElement(page, "packaged_extension", "none")
  const {status, code, message} = await settled(page)
  expect(status).toBe("error")
  expect(code).toBe("unknown-model")
  expect(message).toContain("cannot resolve: acc_pkg_ext.Hello.")
  expect(message).toContain('Extension loading is off (extensions="none")')

  // The same through pullSession, for a type that a patch brings after the first render.
  const fatal = await fatalAfterTrigger(page, "late_extension", "late", {extensions: "none"})
  expect(fatal.code).toBe("unknown-model")
  expect(fatal.message).toContain("cannot resolve: acc_pkg_ext.Hello.")
  expect(fatal.message).toContain('Extension loading is off (extensions="none")')
  expect(await page.locator(".acc-pkg-ext-hello").count()).toBe(0)
  expect(requests).toEqual([])
})

test("a model type whose package the server does not serve fails with unknown-model naming the URLs tried", async ({
  page,
}) => {
  await openBlankPage(page)
  await addCustomModelElement(page, "custom_model")
  const {status, code, message} = await settled(page)
  expect(status).toBe("error")
  expect(code).toBe("unknown-model")
  // acc_missing_ext is an importable package without a bundle: nothing is served for it.
  const base = `${bokehOrigin()}/static/extensions/acc_missing_ext/acc_missing_ext`
  expect(message).toContain("cannot resolve: acc_missing_ext.Gauge.")
  expect(message).toContain(`Their code is not at ${base}.min.js, ${base}.js (tried on the app's server).`)
})

test("on a fresh server, an extension's bundle is served as for Bokeh's own embed, without publish_models", async ({
  page,
}) => {
  // Bokeh fills /static/extensions/'s directory list only when it renders an app page or autoload.js (or when an app
  // calls publish_models): a server that has done none of these answers 404 for the bundle. The element asks the
  // server's autoload.js for its own session, as Bokeh's embed asks it for a new one, so it is served.
  const dedicated = await startDedicatedServer({
    apps: ["e2e/apps/packaged_extension.py"],
    env: {PYTHONPATH: [join(ROOT, "python"), EXTENSIONS_DIR].join(delimiter)},
  })
  try {
    const bundle = `${dedicated.server.origin}/static/extensions/acc_pkg_ext/acc_pkg_ext.min.js`
    expect((await fetch(bundle)).status).toBe(404)
    await openBlankPage(page)
    // Every stats line from before the connect until the session is gone: asking autoload.js for the session's own
    // id creates no second session (one would live at least --unused-session-lifetime, 500 ms, in these lines).
    let most = 0
    let closed = false
    const counted = dedicated.statsWhere((stats) => {
      most = Math.max(most, stats.sessions)
      return closed && stats.sessions === 0
    }, 30_000)
    const outcome = await page.evaluate(async (url) => {
      const {pullSession} = await import(`${location.origin}/dist/bokeh-session.js`)
      try {
        const pulled = await pullSession(url)
        await new Promise((resolve) => setTimeout(resolve, 1500))
        pulled.close()
        return "connected"
      } catch (error) {
        return `${(error as {code: string}).code}: ${(error as Error).message}`
      }
    }, dedicated.url("packaged_extension"))
    closed = true
    expect(outcome).toBe("connected")
    expect((await fetch(bundle)).status).toBe(200)
    await counted
    expect(most).toBe(1)
  } finally {
    await dedicated.stop()
  }
})
