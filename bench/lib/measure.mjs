// The measurements, each on a fresh browser context unless it says otherwise. Pages come from pages.mjs.
import {mkdtempSync, rmSync} from "node:fs"
import {tmpdir} from "node:os"
import {join} from "node:path"
import {gzipSync} from "node:zlib"

const RENDER_TIMEOUT_MS = 60_000

/**
 * `"20mbit,20ms"`: download (upload a quarter of it) in Mbit/s and round-trip latency, as CDP's
 * Network.emulateNetworkConditions takes them; "none": unthrottled (null).
 */
export function parseNetwork(spec) {
  if (spec == null || spec === "none") {
    return null
  }
  const match = /^(\d+(?:\.\d+)?)mbit,(\d+)ms$/.exec(spec)
  if (match == null) {
    throw new Error(`--network ${spec}: write it as <Mbit/s>mbit,<latency>ms, e.g. 20mbit,20ms`)
  }
  const bytesPerSecond = (Number(match[1]) * 1e6) / 8
  return {
    offline: false,
    latency: Number(match[2]),
    downloadThroughput: bytesPerSecond,
    uploadThroughput: bytesPerSecond / 4,
  }
}

/** A page in `context`, throttled like `network` (emulation is per page, so every new page needs it). */
async function pageIn(context, network) {
  const page = await context.newPage()
  if (network != null) {
    const cdp = await context.newCDPSession(page)
    await cdp.send("Network.enable")
    await cdp.send("Network.emulateNetworkConditions", network)
  }
  const errors = []
  page.on("pageerror", (error) => errors.push(error.message))
  return {page, errors}
}

async function newPage(browser, network = null) {
  const context = await browser.newContext()
  return {context, ...(await pageIn(context, network))}
}

/**
 * Navigates `page` to `url` (or reloads it) and waits for the page's first render (bench/lib/pages.mjs). Heard as
 * the page's console message, not by polling the page: Playwright's polling runs its injected script in the page,
 * ~25 ms of main thread right after the load event, where it delayed the element's socket (the embed's load event
 * comes later, after its BokehJS, so the two paid it at different points). Read once the render is in.
 */
async function loadToFirstRender(page, errors, label, url) {
  const rendered = page.waitForEvent("console", {
    predicate: (message) => message.text() === "bench:first-render",
    timeout: RENDER_TIMEOUT_MS,
  })
  try {
    await (url == null ? page.reload() : page.goto(url))
    await rendered
  } catch (error) {
    throw new Error(
      `${label}: no render within ${RENDER_TIMEOUT_MS} ms. Page errors: ${errors.join(" | ") || "none"}`,
      {cause: error},
    )
  }
  return page.evaluate(() => ({render: window.__firstRender, websocket: window.__websocket}))
}

/**
 * Navigation to first render, three ways a user meets the page: cold (a fresh browser context: empty cache), a
 * reload of that tab, and a repeat visit (the tab closed, the same URL opened in a new tab of the same context:
 * a new navigation, with the HTTP cache and nothing else kept). Each with the page's websocket times.
 */
export async function timeToFirstRender(browser, url, label, network) {
  const context = await browser.newContext()
  try {
    return await visitsIn(context, url, label, network)
  } finally {
    await context.close()
  }
}

/**
 * The same in a persistent browser profile of its own (a new one per call), as a user's browser has: an HTTP cache on
 * disk and V8's code cache, which Chromium writes for a script on its second load and reads from the third (the
 * repeat visit here). A browser context (`timeToFirstRender`) keeps its HTTP cache in memory and has no code cache.
 */
export async function timeToFirstRenderInProfile(launch, url, label, network) {
  const dir = mkdtempSync(join(tmpdir(), "bokeh-session-bench-profile-"))
  const context = await launch(dir)
  try {
    return await visitsIn(context, url, label, network)
  } finally {
    await context.close()
    rmSync(dir, {recursive: true, force: true})
  }
}

async function visitsIn(context, url, label, network) {
  const {page, errors} = await pageIn(context, network)
  const cold = await loadToFirstRender(page, errors, `${label} cold`, url)
  const reload = await loadToFirstRender(page, errors, `${label} reload`, null)
  await page.close()
  const next = await pageIn(context, network)
  const revisit = await loadToFirstRender(next.page, next.errors, `${label} repeat visit`, url)
  return {cold, reload, revisit}
}

/** How long after the first render the layout-shift measure keeps counting (the element's echo table, late CSS). */
const SETTLE_MS = 1000

/** Cumulative layout shift from navigation to a second after the first render, on a first and on a repeat visit. */
export async function layoutShift(browser, url, label, network) {
  const {context, page, errors} = await newPage(browser, network)
  const settled = async (target, targetErrors, what) => {
    await loadToFirstRender(target, targetErrors, `${label} ${what}`, url)
    await target.waitForTimeout(SETTLE_MS)
    return target.evaluate(() => window.__layoutShift)
  }
  try {
    const first = await settled(page, errors, "first visit")
    await page.close()
    const next = await pageIn(context, network)
    const repeat = await settled(next.page, next.errors, "repeat visit")
    return {first, repeat}
  } finally {
    await context.close()
  }
}

/**
 * Every script the page fetched (cold) until `settled` resolves, plus a quiet second. Sizes are gzip -9 of the
 * decoded body, so servers that do and do not compress compare alike.
 */
export async function scriptBytes(browser, url, settled) {
  const {context, page, errors} = await newPage(browser)
  const rounds = await requestRounds(context, page)
  const scripts = []
  page.on("response", (response) => {
    if (response.request().resourceType() === "script") {
      scripts.push(
        response.body().then(
          (body) => ({url: response.url(), raw: body.length, gzip: gzipSync(body, {level: 9}).length}),
          () => ({url: response.url(), raw: 0, gzip: 0}),
        ),
      )
    }
  })
  try {
    await page.goto(url)
    await settled(page, errors)
    await page.waitForTimeout(1000)
    const files = await Promise.all(scripts)
    return {
      roundsBeforeWebsocket: rounds(),
      gzip: files.reduce((sum, file) => sum + file.gzip, 0),
      raw: files.reduce((sum, file) => sum + file.raw, 0),
      files: files.map((file) => ({...file, url: new URL(file.url).pathname})),
    }
  } finally {
    await context.close()
  }
}

/**
 * How many requests, one waiting for another, came before the first websocket: the page is round 0, what it names
 * round 1, what a script of round n asks for round n + 1 (its initiator, as Chromium reports it). Each round costs
 * at least one round trip on a real link, whatever the machine's load, so this counts what the times above
 * cannot show on a busy machine. Returns a function that reads the count so far.
 */
async function requestRounds(context, page) {
  const cdp = await context.newCDPSession(page)
  await cdp.send("Network.enable")
  const roundOf = new Map()
  let deepest = 0
  let websocket = null
  cdp.on("Network.requestWillBeSent", ({request, initiator, type}) => {
    if (websocket != null) {
      return
    }
    const from = initiator.url ?? initiator.stack?.callFrames[0]?.url ?? initiator.stack?.parent?.callFrames[0]?.url
    const round = type === "Document" ? 0 : (roundOf.get(from) ?? 0) + 1
    roundOf.set(request.url, Math.min(roundOf.get(request.url) ?? round, round))
    deepest = Math.max(deepest, round)
  })
  cdp.on("Network.webSocketCreated", ({initiator}) => {
    const from = initiator?.url ?? initiator?.stack?.callFrames[0]?.url
    websocket ??= Math.max(deepest, (roundOf.get(from) ?? 0) + 1)
  })
  return () => websocket
}

/** For the bytes section, which times nothing: polling the page is fine there. */
export const untilRendered = (page) =>
  page.waitForFunction(() => window.__firstRender != null, null, {timeout: RENDER_TIMEOUT_MS, polling: 50})
export const untilLoaded = (page) => page.waitForLoadState("load")

/** Runs the page's `__run(n)` once BokehJS is in the page; returns what it resolves to. */
export async function inPageRun(browser, url, n) {
  const {context, page, errors} = await newPage(browser)
  try {
    await page.goto(url)
    await page.waitForFunction(() => window.__ready === true, null, {timeout: RENDER_TIMEOUT_MS, polling: 20})
    return await page.evaluate((count) => window.__run(count), n)
  } catch (error) {
    throw new Error(`${url} n=${n}: ${error.message}. Page errors: ${errors.join(" | ") || "none"}`, {cause: error})
  } finally {
    await context.close()
  }
}

async function heapAfterGc(cdp) {
  for (let i = 0; i < 3; i++) {
    await cdp.send("HeapProfiler.collectGarbage")
  }
  const {usedSize} = await cdp.send("Runtime.getHeapUsage")
  return usedSize
}

/** Heap and BokehJS documents before and after `cycles` create/ready/remove cycles, after one warm-up cycle. */
export async function createRemoveCycles(browser, url, cycles) {
  const {context, page, errors} = await newPage(browser)
  try {
    const cdp = await context.newCDPSession(page)
    await page.goto(url)
    await page.waitForFunction(() => window.__ready === true, null, {timeout: RENDER_TIMEOUT_MS})
    await page.evaluate(() => window.__cycles(1))
    const before = {heap: await heapAfterGc(cdp), ...(await page.evaluate(() => window.__inspect()))}
    await page.evaluate((n) => window.__cycles(n), cycles)
    // Let the server's close frames and any pending timers run before counting.
    await page.waitForTimeout(500)
    const after = {heap: await heapAfterGc(cdp), ...(await page.evaluate(() => window.__inspect()))}
    if (errors.length > 0) {
      throw new Error(`cycles: page errors: ${errors.join(" | ")}`)
    }
    return {
      cycles,
      before,
      after,
      heapGrowthBytes: after.heap - before.heap,
      documentsRetained: after.documents - before.documents,
    }
  } finally {
    await context.close()
  }
}
