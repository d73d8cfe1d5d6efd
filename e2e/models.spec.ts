// Model by model, beside Bokeh's own embed: for every concrete model class Bokeh's Python package registers
// (e2e/apps/model_catalog.py places each where a user's document would have it), the element and
// `server_document` render the same document from the same server. Each must show the same views (the `bk-`
// classes under the roots), the same canvases drawn the same way, and no error that only the element has.
// A class with no placement fails here, so a Bokeh upgrade that adds models cannot leave them untested.
import {execFileSync} from "node:child_process"
import {mkdirSync, writeFileSync} from "node:fs"
import {join} from "node:path"
import {expect, test, type Browser, type Page} from "@playwright/test"
import {PYTHON, ROOT} from "../scripts/lib/python-env.mjs"
import {serverDocuments} from "./support/bokeh-embed.js"
import {startBokehServer} from "../scripts/lib/bokeh-server.mjs"
import {openBlankPage, pageOrigin} from "./support/helpers.js"
import {snapshotWhenSettled, type CanvasSnapshot, type RenderSnapshot} from "./support/render-snapshot.js"

interface Catalog {
  models: {name: string; placement: string}[]
  excluded: {name: string; why: string}[]
}

const catalog = JSON.parse(
  execFileSync(PYTHON, [join(ROOT, "e2e/apps/model_catalog.py")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  }),
) as Catalog

/** Documents per page: enough to keep the run short, few enough that a failure is easy to read. */
const BATCH = 12
const placements = new Map(catalog.models.map((model) => [model.name, model.placement]))
const batches: string[][] = []
for (let start = 0; start < catalog.models.length; start += BATCH) {
  batches.push(catalog.models.slice(start, start + BATCH).map((model) => model.name))
}

/** Where each batch's outcome goes, for docs/model-coverage.md (scripts/model-coverage.mjs writes it). */
const RESULTS = join(ROOT, "test-results", "model-comparison")

// Its own server per worker: a page of this spec opens a batch of sessions at once, which would hold up the shared
// server's other specs (and theirs this one's).
let galleryUrl = ""
let stopServer: (() => Promise<void>) | null = null
test.beforeAll(async () => {
  const server = await startBokehServer({apps: ["e2e/apps/model_gallery.py"], origins: [new URL(pageOrigin()).host]})
  galleryUrl = `${server.origin}/model_gallery`
  stopServer = () => server.stop()
})
test.afterAll(async () => {
  await stopServer?.()
})

test("every registered model class has a placement", () => {
  expect(catalog.models.length).toBeGreaterThan(300)
  expect(catalog.models.filter((model) => model.placement === "").map((model) => model.name)).toEqual([])
})

/**
 * The same canvases: as many, of the same sizes, each painted as much within 0.5% (a jittered glyph's random
 * offsets differ by a pixel between two pages, whatever the seed, since each page's BokehJS draws numbers in its
 * own order). A glyph or annotation that fails to draw changes far more than that.
 */
function sameCanvases(a: CanvasSnapshot[], b: CanvasSnapshot[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (canvas, index) =>
        canvas.width === b[index]!.width &&
        canvas.height === b[index]!.height &&
        Math.abs(canvas.painted - b[index]!.painted) <=
          Math.max(2, 0.005 * Math.max(canvas.painted, b[index]!.painted)),
    )
  )
}

interface Outcome {
  status: string
  error: string | null
  snapshot: RenderSnapshot
}

/** Console errors without what differs between two pages that render the same thing (ids, URLs, positions). */
function normalized(message: string): string {
  return message
    .replace(/https?:\/\/[^\s)'"]+/g, "<url>")
    .replace(/\bp\d+\b/g, "<id>")
    .replace(/:\d+:\d+/g, "")
}

/**
 * A page whose errors are recorded, and whose `Math.random` is seeded: models that jitter or lay out at random
 * (Jitter, force layouts) then draw the same pixels under both embeds.
 */
async function comparisonPage(browser: Browser): Promise<{page: Page; errors: string[]}> {
  const page = await browser.newPage()
  await page.addInitScript(() => {
    let seed = 20_241_203
    Math.random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
      return seed / 2_147_483_648
    }
  })
  const errors: string[] = []
  page.on("pageerror", (error) => errors.push(normalized(error.message)))
  page.on("console", (message) => {
    // A failed request is recorded by its path below: Chromium's console line does not say which one.
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
      errors.push(normalized(message.text()))
    }
  })
  page.on("response", (response) => {
    if (response.status() >= 400) {
      errors.push(`${response.status()} ${new URL(response.url()).pathname}`)
    }
  })
  return {page, errors}
}

/** Whether Bokeh's own embed of this one document fails to render it (what it logs when BokehJS throws). */
async function embedFailsAlone(browser: Browser, name: string): Promise<boolean> {
  const {page, errors} = await comparisonPage(browser)
  await renderWithBokehEmbed(page, [name])
  await page.close()
  return errors.some((error) => error.startsWith("Error rendering Bokeh items"))
}

async function renderWithElements(page: Page, names: string[]): Promise<Outcome[]> {
  await openBlankPage(page)
  await page.evaluate(
    ({names, url}) => {
      for (const [index, name] of names.entries()) {
        const element = document.createElement("bokeh-session")
        element.id = `model-${index}`
        element.arguments = {model: name}
        element.url = url
        document.body.append(element)
      }
    },
    {names, url: galleryUrl},
  )
  await page.waitForFunction(
    (count) =>
      [...document.querySelectorAll("bokeh-session")].filter((element) =>
        ["connected", "error"].includes(element.status),
      ).length === count,
    names.length,
    {timeout: 120_000},
  )
  const connected = await page.evaluate(
    () => [...document.querySelectorAll("bokeh-session")].filter((element) => element.status === "connected").length,
  )
  const snapshots = await snapshotWhenSettled(page, "bokeh-session", "element", connected)
  const states = await page.evaluate(() =>
    [...document.querySelectorAll("bokeh-session")].map((element) => ({
      status: element.status,
      error: element.error == null ? null : `${element.error.code}: ${element.error.message}`,
    })),
  )
  return states.map((state, index) => ({...state, snapshot: snapshots[index]!}))
}

/** Bokeh's embed renders each document, and tells which model types its BokehJS registers (all its bundles load). */
async function renderWithBokehEmbed(
  page: Page,
  names: string[],
): Promise<{snapshots: RenderSnapshot[]; registered: Set<string>}> {
  const scripts = serverDocuments(
    galleryUrl,
    names.map((name) => ({model: name})),
  )
  await page.goto(`${pageOrigin()}/e2e/pages/bokeh-embed.html`)
  await page.evaluate((scripts) => {
    for (const {id, code} of scripts) {
      const container = document.createElement("div")
      container.className = "embed"
      const script = document.createElement("script")
      script.id = id
      script.textContent = code
      container.append(script)
      document.body.append(container)
    }
  }, scripts)
  // Each embed renders its roots beside its script. BokehJS lists a document before it reads its roots, so one that
  // fails to deserialize is counted too.
  // Each autoload.js makes the server build a session and the page fetch it anew: on a busy machine that takes long.
  const snapshots = await snapshotWhenSettled(page, "div.embed", "container", names.length, 120_000)
  const registered = await page.evaluate(() =>
    Object.keys((window as unknown as {Bokeh: {Models: object}}).Bokeh.Models),
  )
  return {snapshots, registered: new Set(registered)}
}

for (const [index, names] of batches.entries()) {
  test(`models ${names[0]} … ${names.at(-1)} render as under Bokeh's embed`, async ({browser}) => {
    test.setTimeout(300_000)
    const {page: elementPage, errors: elementErrors} = await comparisonPage(browser)
    const {page: embedPage, errors: embedErrors} = await comparisonPage(browser)
    const outcomes = await renderWithElements(elementPage, names)
    const {snapshots: embedded, registered} = await renderWithBokehEmbed(embedPage, names)
    const rows = names.map((name, row) => {
      const outcome = outcomes[row]!
      const embed = embedded[row]!
      return {
        name,
        placement: placements.get(name),
        // A class only Python has (concrete there, abstract in BokehJS): no embed can render its document.
        inBokehJs: registered.has(name),
        failsUnderEmbed: false,
        status: outcome.status,
        error: outcome.error,
        sameViews: JSON.stringify(outcome.snapshot.classes) === JSON.stringify(embed.classes),
        sameCanvases: sameCanvases(outcome.snapshot.canvases, embed.canvases),
        views: outcome.snapshot.classes.length,
        canvases: outcome.snapshot.canvases.length,
        drawn: outcome.snapshot.canvases.filter((canvas) => canvas.painted > 0).length,
        element: outcome.snapshot,
        embed,
      }
    })
    // A document BokehJS throws on while rendering: Bokeh's embed, given it alone, must fail on it as well.
    for (const row of rows.filter((row) => row.error?.startsWith("render-failed: "))) {
      row.failsUnderEmbed = await embedFailsAlone(browser, row.name)
    }
    mkdirSync(RESULTS, {recursive: true})
    writeFileSync(join(RESULTS, `batch-${String(index).padStart(2, "0")}.json`), JSON.stringify(rows, null, 1))
    await elementPage.close()
    await embedPage.close()

    // What Bokeh's embed cannot render either, the element refuses by name.
    const unrenderable = rows.filter((row) => !row.inBokehJs)
    expect(
      unrenderable.filter((row) => !row.error?.startsWith(`unknown-model: `) || !row.error.includes(row.name)),
    ).toEqual([])
    const differences = rows
      .filter((row) => row.inBokehJs && !row.failsUnderEmbed)
      .filter((row) => row.status !== "connected" || !row.sameViews || !row.sameCanvases)
      .map((row) => ({
        name: row.name,
        status: row.status,
        error: row.error,
        views: row.sameViews ? "same" : {element: row.element.classes, embed: row.embed.classes},
        canvases: row.sameCanvases ? "same" : {element: row.element.canvases, embed: row.embed.canvases},
      }))
    expect(differences).toEqual([])
    // An error only under the element (one that Bokeh's embed of the same documents also logs is Bokeh's own).
    expect(elementErrors.filter((error) => !embedErrors.includes(error))).toEqual([])
    // Every document rendered something under Bokeh's embed: a comparison of two empty pages proves nothing.
    expect(
      rows
        .filter((row) => row.inBokehJs && !row.failsUnderEmbed && row.embed.classes.length === 0)
        .map((row) => row.name),
    ).toEqual([])
  })
}
