// `npm run bench`: <bokeh-session> against Bokeh's own server_document embed and against raw BokehJS, side by
// side in one run. Starts its own bokeh serve (a stock one and one with TCP_NODELAY), its own static server for
// dist/, drives headless Chromium, prints medians, spreads and ratios, and writes bench-results/<time>.json.
//
//   npm run bench                       (npm run build first)
//   npm run bench -- --trials 25        more trials per variant (default 15)
//   npm run bench -- --dist /tmp/dist   benchmark another build, e.g. an older commit's dist/
//   npm run bench -- --only cycles      some sections: render, layout, lazy, bytes, concurrency (with Nagle),
//                                       cycles, live
//   npm run bench -- --network none     the network profiles of the first render and layout sections, each a
//                                       CDP network emulation of every page (default: none and 20mbit,20ms)
//   npm run bench -- --variants element,embed   only these variants in the first render section
//   npm run bench -- --no-pin           do not pin bokeh serve and the browser to separate CPU cores
//   npm run bench -- --compare /tmp/old another build's element as one more variant of the first render, release and
//                                       bytes sections, interleaved with the rest (before/after in one run)
//   npm run bench -- --release 3.4.3    the release of the "release" section's server (default 3.6.0): the element
//                                       renders its documents with that server's own BokehJS, beside its own embed
//   npm run bench -- --only profile     first render in a persistent browser profile (a disk cache and V8's code
//                                       cache, as a user's browser has), element, embed and raw BokehJS
import {execFileSync} from "node:child_process"
import {existsSync, mkdirSync, writeFileSync} from "node:fs"
import {availableParallelism} from "node:os"
import {join, resolve} from "node:path"
import {parseArgs} from "node:util"
import {chromium} from "@playwright/test"
import {startBokehServer} from "../scripts/lib/bokeh-server.mjs"
import {CHROMIUM_ARGS, chromiumExecutable} from "../scripts/lib/chromium.mjs"
import {ROOT, ensurePythonEnv, ensureReleaseEnv} from "../scripts/lib/python-env.mjs"
import {APPS, DOCUMENT_ONLY, PAGE_GIVEN_SIZE, makePages} from "./lib/pages.mjs"
import {
  createRemoveCycles,
  inPageRun,
  scriptBytes,
  layoutShift,
  parseNetwork,
  timeToFirstRender,
  timeToFirstRenderInProfile,
  untilLoaded,
  untilRendered,
} from "./lib/measure.mjs"
import {printReport} from "./lib/report.mjs"
import {measureLiveArguments, printLiveArguments} from "./lib/live.mjs"
import {rotated, summarize} from "./lib/stats.mjs"
import {startStaticServer} from "../scripts/lib/static-server.mjs"

const {values: options} = parseArgs({
  options: {
    trials: {type: "string", default: "15"},
    dist: {type: "string", default: join(ROOT, "dist")},
    cycles: {type: "string", default: "100"},
    only: {type: "string", default: "render,release,profile,layout,lazy,bytes,concurrency,cycles,live"},
    release: {type: "string", default: "3.6.0"},
    compare: {type: "string"},
    network: {type: "string", multiple: true, default: ["none", "20mbit,20ms"]},
    "no-pin": {type: "boolean", default: false},
    variants: {type: "string", default: "element,element-plain,compare,embed,raw"},
  },
})
const trials = Number(options.trials)
const sections = new Set(options.only.split(","))
const profiles = options.network.map((spec) => ({spec, network: parseNetwork(spec)}))
const distDir = resolve(options.dist)
if (!existsSync(join(distDir, "bokeh-session.js"))) {
  throw new Error(`${distDir}/bokeh-session.js is missing: run \`npm run build\` first.`)
}
const log = (text) => process.stderr.write(`${text}\n`)

const env = {bokehOrigin: "", nodelayOrigin: "", releaseOrigin: "", embeds: {}, releaseEmbeds: {}, bokehJsUrls: {}}
const compareDir = options.compare == null ? undefined : resolve(options.compare)
const staticServer = await startStaticServer({
  mounts: {
    "/dist/": distDir,
    "/plain/dist/": distDir,
    ...(compareDir == null ? {} : {"/dist-compare/": compareDir, "/plain/dist-compare/": compareDir}),
  },
  // The element page with ?cache=none loads the same build from /plain/: the case of a server left unconfigured.
  withoutCacheHeaders: ["/plain/"],
  page: makePages(env),
})
const {port} = staticServer
const pageOrigin = `http://127.0.0.1:${port}`
const bokehOptions = {
  apps: ["demo/apps/echo.py", "e2e/apps/widgets.py", "demo/apps/live.py"],
  origins: [`127.0.0.1:${port}`],
  // Every page load opens sessions; let the servers drop them soon after their websockets close.
  args: ["--unused-session-lifetime", "2000", "--check-unused-sessions", "1000"],
}
const stock = await startBokehServer(bokehOptions)
const nodelay = await startBokehServer({
  ...bokehOptions,
  env: {PYTHONPATH: [join(ROOT, "bench", "nodelay"), join(ROOT, "python")].join(":")},
})
env.bokehOrigin = stock.origin
env.nodelayOrigin = nodelay.origin
// A server of another release than the bundled BokehJS's: the element renders with its own BokehJS (bokehjs="auto").
const otherRelease = sections.has("release")
  ? await startBokehServer({...bokehOptions, release: options.release})
  : null
env.releaseOrigin = otherRelease?.origin ?? ""

/**
 * The Bokeh servers on the last CPU core, this process and the browser it launches (threads and children inherit
 * it) on the others, as a server machine and a user's machine would be: else the server's session creation and
 * the browser's evaluation of BokehJS compete for the same cores and hide what runs in parallel.
 */
function pinToSeparateCores() {
  const cpus = availableParallelism()
  if (options["no-pin"] || cpus < 2) {
    return options["no-pin"] ? "off (--no-pin)" : "off (one CPU core)"
  }
  const pin = (pid, list) => execFileSync("taskset", ["-a", "-p", "-c", list, String(pid)], {stdio: "ignore"})
  try {
    for (const server of [stock, nodelay, otherRelease].filter((server) => server != null)) {
      pin(server.process.pid, String(cpus - 1))
    }
    pin(process.pid, cpus === 2 ? "0" : `0-${cpus - 2}`)
  } catch (error) {
    return `off (taskset failed: ${error.message})`
  }
  return `bokeh serve on CPU ${cpus - 1}; the browser and the bench on CPU ${cpus === 2 ? "0" : `0-${cpus - 2}`}`
}
const pinning = pinToSeparateCores()
log(`CPU pinning: ${pinning}`)

const generated = JSON.parse(
  execFileSync(
    ensurePythonEnv({log}),
    [join(ROOT, "bench", "lib", "bokeh_embed.py"), stock.origin, JSON.stringify(APPS)],
    {
      encoding: "utf8",
    },
  ),
)
env.embeds = generated.embeds
if (otherRelease != null) {
  // That release's own server_document(), as its users embed it.
  env.releaseEmbeds = JSON.parse(
    execFileSync(
      ensureReleaseEnv(options.release, {log}),
      [join(ROOT, "bench", "lib", "bokeh_embed.py"), otherRelease.origin, JSON.stringify(APPS)],
      {encoding: "utf8"},
    ),
  ).embeds
}
const bundle = (name) => {
  const url = generated.js_files.find((file) => new RegExp(`/bokeh${name}(-[\\d.]+)?(\\.min)?\\.js`).test(file))
  if (url == null) {
    throw new Error(`No ${name || "core"} bundle among Bokeh's resources: ${generated.js_files.join(", ")}`)
  }
  return url
}
env.bokehJsUrls = {plot: [bundle("")], widgets: [bundle(""), bundle("-widgets"), bundle("-tables")]}

const browser = await chromium.launch({executablePath: chromiumExecutable(), args: CHROMIUM_ARGS})
const page = (name, query = {}) => `${pageOrigin}/page/${name}?${new URLSearchParams(query)}`
const results = {
  date: new Date().toISOString(),
  trials,
  dist: distDir,
  compare: compareDir ?? null,
  network: options.network,
  pinning,
  chromium: browser.version(),
  bokeh: generated.js_files[0],
}

try {
  // 1. Navigation to first render: (a) element, (b) Bokeh's embed, (c) raw BokehJS, for both apps; the element also
  // from a server without cache headers; every profile, interleaved trial by trial.
  const variants = []
  for (const app of Object.keys(APPS)) {
    const render = APPS[app].render
    variants.push({key: `element/${app}`, url: page("element", {app, render})})
    variants.push({key: `element-plain/${app}`, url: page("element", {app, render, cache: "none"})})
    if (compareDir != null) {
      variants.push({key: `compare/${app}`, url: page("element", {app, render, build: "compare"})})
    }
    for (const kind of ["embed", "raw"]) {
      variants.push({key: `${kind}/${app}`, url: page(kind, {app, render})})
    }
  }
  const kinds = new Set(options.variants.split(","))
  const runs = profiles.flatMap((profile) =>
    variants.filter(({key}) => kinds.has(key.split("/")[0])).map((variant) => ({...variant, profile})),
  )
  const firstRender = Object.fromEntries(profiles.map(({spec}) => [spec, {}]))
  for (let trial = 0; trial < trials && sections.has("render"); trial++) {
    log(`first render: trial ${trial + 1}/${trials}`)
    for (const {key, url, profile} of rotated(runs, trial)) {
      const visits = await timeToFirstRender(browser, url, `${key} (${profile.spec})`, profile.network)
      for (const [visit, measured] of Object.entries(visits)) {
        ;((firstRender[profile.spec][key] ??= {})[visit] ??= []).push(measured)
      }
    }
  }
  if (sections.has("render")) {
    results.firstRender = firstRender
  }

  // 1a. The same against a server of another release: the element renders with that server's own BokehJS, Bokeh's
  // embed is that server's own. Cold: the page knows nothing of the server (it fetches the bundled BokehJS too,
  // until the document says which release it is); reload and repeat visit: the page remembers it.
  const releaseRuns = profiles.flatMap((profile) =>
    Object.keys(APPS).flatMap((app) =>
      [
        {key: `element/${app}`, url: page("element", {app, render: APPS[app].render, server: "release"})},
        ...(compareDir == null
          ? []
          : [
              {
                key: `compare/${app}`,
                url: page("element", {app, render: APPS[app].render, server: "release", build: "compare"}),
              },
            ]),
        {key: `embed/${app}`, url: page("embed", {app, render: APPS[app].render, server: "release"})},
      ].map((variant) => ({...variant, profile})),
    ),
  )
  const release = Object.fromEntries(profiles.map(({spec}) => [spec, {}]))
  for (let trial = 0; trial < trials && sections.has("release"); trial++) {
    log(`first render, Bokeh ${options.release} server: trial ${trial + 1}/${trials}`)
    for (const {key, url, profile} of rotated(releaseRuns, trial)) {
      const visits = await timeToFirstRender(
        browser,
        url,
        `${key} @${options.release} (${profile.spec})`,
        profile.network,
      )
      for (const [visit, measured] of Object.entries(visits)) {
        ;((release[profile.spec][key] ??= {})[visit] ??= []).push(measured)
      }
    }
  }
  if (sections.has("release")) {
    results.release = {version: options.release, firstRender: release}
  }

  // 1c. The first render section's pages in a persistent browser profile, one per trial and variant: a user's
  // browser keeps its HTTP cache on disk and V8's code cache (written on a script's second load, read from its
  // third: the repeat visit), which a browser context has not.
  const launchProfile = (dir) =>
    chromium.launchPersistentContext(dir, {executablePath: chromiumExecutable(), args: CHROMIUM_ARGS})
  const profileRuns = profiles.flatMap((profile) =>
    Object.keys(APPS).flatMap((app) =>
      ["element", "embed", "raw"].map((kind) => ({
        key: `${kind}/${app}`,
        url: page(kind, {app, render: APPS[app].render}),
        profile,
      })),
    ),
  )
  const inProfile = Object.fromEntries(profiles.map(({spec}) => [spec, {}]))
  for (let trial = 0; trial < trials && sections.has("profile"); trial++) {
    log(`first render in a persistent profile: trial ${trial + 1}/${trials}`)
    for (const {key, url, profile} of rotated(profileRuns, trial)) {
      const visits = await timeToFirstRenderInProfile(
        launchProfile,
        url,
        `${key} in a profile (${profile.spec})`,
        profile.network,
      )
      for (const [visit, measured] of Object.entries(visits)) {
        ;((inProfile[profile.spec][key] ??= {})[visit] ??= []).push(measured)
      }
    }
  }
  if (sections.has("profile")) {
    results.profile = {firstRender: inProfile}
  }

  // 1b. Cumulative layout shift, element vs Bokeh's embed. The element as the README's snippet includes it (its
  // script with blocking="render"), and what each part does: the same page with the script not blocking, and with
  // that, a page that gives the size in CSS, or hides the status line and the echo table.
  const shifting = Object.keys(APPS).flatMap((app) => {
    const render = APPS[app].render
    return [
      {key: `element/${app}`, url: page("element", {app, render, blocking: "render"})},
      ...(compareDir == null
        ? []
        : [{key: `compare/${app}`, url: page("element", {app, render, blocking: "render", build: "compare"})}]),
      {key: `element-nonblocking/${app}`, url: page("element", {app, render})},
      ...(PAGE_GIVEN_SIZE[app] == null
        ? []
        : [
            {key: `element-sized/${app}`, url: page("element", {app, render, css: PAGE_GIVEN_SIZE[app]})},
            {key: `element-bare/${app}`, url: page("element", {app, render, css: DOCUMENT_ONLY})},
          ]),
      {key: `embed/${app}`, url: page("embed", {app, render})},
    ]
  })
  const layoutTrials = Math.min(trials, 3)
  const layout = Object.fromEntries(profiles.map(({spec}) => [spec, {}]))
  for (let trial = 0; trial < layoutTrials && sections.has("layout"); trial++) {
    log(`layout shift: trial ${trial + 1}/${layoutTrials}`)
    for (const profile of profiles) {
      for (const {key, url} of rotated(shifting, trial)) {
        const {first, repeat} = await layoutShift(browser, url, key, profile.network)
        const entry = (layout[profile.spec][key] ??= {first: [], repeat: []})
        entry.first.push(first)
        entry.repeat.push(repeat)
      }
    }
  }
  if (sections.has("layout")) {
    results.layoutShift = layout
  }

  // 1c. A long page of ten elements, one above the fold: navigation to the first visible plot with every element
  // eager (ten sessions at once) and with loading="lazy" (only those near the viewport); both profiles, interleaved.
  const longPages = ["eager", "lazy"].map((loading) => ({
    key: loading,
    url: page("long-page", {app: "plot", render: "canvas", within: "#plot-0", loading}),
  }))
  const lazy = Object.fromEntries(profiles.map(({spec}) => [spec, {}]))
  for (let trial = 0; trial < trials && sections.has("lazy"); trial++) {
    log(`long page, eager vs lazy: trial ${trial + 1}/${trials}`)
    for (const profile of profiles) {
      for (const {key, url} of rotated(longPages, trial)) {
        const visits = await timeToFirstRender(browser, url, `long page ${key} (${profile.spec})`, profile.network)
        for (const [visit, measured] of Object.entries(visits)) {
          ;((lazy[profile.spec][key] ??= {})[visit] ??= []).push(measured)
        }
      }
    }
  }
  if (sections.has("lazy")) {
    results.lazy = lazy
  }

  // 2. Bytes of JavaScript (gzip).
  if (sections.has("bytes")) {
    log("script bytes")
    results.bytes = {idle: await scriptBytes(browser, page("idle"), untilLoaded)}
    for (const {key, url} of variants.filter(({key}) => !key.startsWith("element-plain/"))) {
      results.bytes[key] = await scriptBytes(browser, url, untilRendered)
    }
  }

  // 3. N elements at once vs N raw pulls, BokehJS already loaded and run in both (one session opened and closed
  // first); and the server's Nagle delay.
  const concurrency = {}
  const counts = [1, 10, 30]
  const concurrent = counts.flatMap((n) => [
    {key: `elements/${n}`, url: page("many-elements", {app: "plot"}), n},
    {key: `raw/${n}`, url: page("many-raw", {app: "plot"}), n},
  ])
  const nagle = [
    {key: "raw/stock", url: page("many-raw", {app: "plot"}), n: 1},
    {key: "raw/nodelay", url: page("many-raw", {app: "plot", server: "nodelay"}), n: 1},
    {key: "elements/stock", url: page("many-elements", {app: "plot"}), n: 1},
    {key: "elements/nodelay", url: page("many-elements", {app: "plot", server: "nodelay"}), n: 1},
  ]
  const nagleResults = {}
  for (let trial = 0; trial < trials && sections.has("concurrency"); trial++) {
    log(`concurrency and Nagle: trial ${trial + 1}/${trials}`)
    for (const {key, url, n} of rotated(concurrent, trial)) {
      const result = await inPageRun(browser, url, n)
      ;(concurrency[key] ??= []).push(typeof result === "number" ? result : result.totalMs)
    }
    for (const {key, url, n} of rotated(nagle, trial)) {
      const result = await inPageRun(browser, url, n)
      const entry = (nagleResults[key] ??= {total: [], pull: []})
      entry.total.push(typeof result === "number" ? result : result.totalMs)
      if (typeof result === "object") {
        entry.pull.push(result.pullMs)
      }
    }
  }
  if (sections.has("concurrency")) {
    results.concurrency = concurrency
    results.nagle = nagleResults
  }

  // 4. Create/remove cycles.
  if (sections.has("cycles")) {
    log(`${options.cycles} create/remove cycles`)
    results.cycles = {}
    for (const app of Object.keys(APPS)) {
      results.cycles[app] = await createRemoveCycles(browser, page("cycles", {app}), Number(options.cycles))
    }
  }

  // 5. Live arguments: a change in place against a rebuild of the same app.
  if (sections.has("live")) {
    results.liveArguments = await measureLiveArguments(browser, {
      pageUrl: page("idle"),
      appUrl: `${stock.origin}/live`,
      trials,
      log,
    })
  }
} finally {
  await browser.close()
  await staticServer.close()
  await Promise.all([stock.stop(), nodelay.stop(), otherRelease?.stop()])
}

/** @template T, U @param {Record<string, T>} record @param {(value: T) => U} f @returns {Record<string, U>} */
const mapValues = (record, f) => Object.fromEntries(Object.entries(record).map(([key, value]) => [key, f(value)]))
results.summary = {
  // Per profile, variant and visit: the first render and each websocket milestone (ms from navigation start).
  firstRender: mapValues(results.firstRender ?? {}, (byVariant) =>
    mapValues(byVariant, (byVisit) =>
      mapValues(byVisit, (measured) => ({
        render: summarize(measured.map((m) => m.render)),
        ...Object.fromEntries(
          ["defined", "created", "open", "ack", "document"].map((milestone) => [
            milestone,
            summarize(measured.map((m) => m.websocket?.[milestone]).filter((t) => t != null)),
          ]),
        ),
      })),
    ),
  ),
  lazy: mapValues(results.lazy ?? {}, (byVariant) =>
    mapValues(byVariant, (byVisit) =>
      mapValues(byVisit, (measured) => ({
        render: summarize(measured.map((m) => m.render)),
        sockets: summarize(measured.map((m) => m.websocket?.sockets ?? 0)),
      })),
    ),
  ),
  release: mapValues(results.release?.firstRender ?? {}, (byVariant) =>
    mapValues(byVariant, (byVisit) => mapValues(byVisit, (measured) => summarize(measured.map((m) => m.render)))),
  ),
  profile: mapValues(results.profile?.firstRender ?? {}, (byVariant) =>
    mapValues(byVariant, (byVisit) => mapValues(byVisit, (measured) => summarize(measured.map((m) => m.render)))),
  ),
  layoutShift: mapValues(results.layoutShift ?? {}, (byVariant) =>
    mapValues(byVariant, ({first, repeat}) => ({first: summarize(first), repeat: summarize(repeat)})),
  ),
  concurrency: Object.fromEntries(
    Object.entries(results.concurrency ?? {}).map(([key, times]) => [key, summarize(times)]),
  ),
  nagle: Object.fromEntries(
    Object.entries(results.nagle ?? {}).map(([key, {total, pull}]) => [
      key,
      {total: summarize(total), pull: pull.length ? summarize(pull) : null},
    ]),
  ),
}
const outDir = join(ROOT, "bench-results")
mkdirSync(outDir, {recursive: true})
const outFile = join(outDir, `${results.date.replace(/[:.]/g, "-")}.json`)
writeFileSync(outFile, JSON.stringify(results, null, 2))
printReport(results)
if (results.liveArguments != null) {
  printLiveArguments(results.liveArguments)
}
console.log(`\nRaw trials and per-file script sizes: ${outFile}`)
