// Where the time to the first render goes: a Chrome trace of each page (the element and Bokeh's own embed, the plot
// and the widget app, cold and on a repeat visit), its main thread's time between navigation and the first render
// split by what the renderer did (scripts by file, style, layout, paint, HTML) and what it waited for (idle: the
// network, the server). Run after `npm run build`:
//   node bench/profile.mjs                      both profiles, 5 trials per page, medians
//   node bench/profile.mjs --trials 3 --network none
// Prints a table per profile; docs/performance.md has the breakdown this gave.
import {execFileSync} from "node:child_process"
import {join} from "node:path"
import {parseArgs} from "node:util"
import {chromium} from "@playwright/test"
import {startBokehServer} from "../scripts/lib/bokeh-server.mjs"
import {CHROMIUM_ARGS, chromiumExecutable} from "../scripts/lib/chromium.mjs"
import {ROOT, ensurePythonEnv} from "../scripts/lib/python-env.mjs"
import {startStaticServer} from "../scripts/lib/static-server.mjs"
import {APPS, makePages} from "./lib/pages.mjs"
import {parseNetwork} from "./lib/measure.mjs"
import {summarize} from "./lib/stats.mjs"

const {values: options} = parseArgs({
  options: {
    trials: {type: "string", default: "5"},
    network: {type: "string", multiple: true, default: ["none", "20mbit,20ms"]},
    dist: {type: "string", default: join(ROOT, "dist")},
  },
})
const log = (text) => process.stderr.write(`${text}\n`)

const env = {bokehOrigin: "", nodelayOrigin: "", releaseOrigin: "", embeds: {}, releaseEmbeds: {}, bokehJsUrls: {}}
const staticServer = await startStaticServer({
  mounts: {"/dist/": options.dist, "/plain/dist/": options.dist},
  withoutCacheHeaders: ["/plain/"],
  page: makePages(env),
})
const bokeh = await startBokehServer({
  apps: ["demo/apps/echo.py", "e2e/apps/widgets.py", "demo/apps/live.py"],
  origins: [`127.0.0.1:${staticServer.port}`],
  args: ["--unused-session-lifetime", "2000", "--check-unused-sessions", "1000"],
})
env.bokehOrigin = bokeh.origin
const generated = JSON.parse(
  execFileSync(
    ensurePythonEnv({log}),
    [join(ROOT, "bench", "lib", "bokeh_embed.py"), bokeh.origin, JSON.stringify(APPS)],
    {encoding: "utf8"},
  ),
)
env.embeds = generated.embeds

/** Trace event names, grouped as DevTools' summary groups them. */
const GROUPS = [
  ["style", /^(UpdateLayoutTree|RecalculateStyles|ParseAuthorStyleSheet|ScheduleStyleRecalculation)$/],
  ["layout", /^(Layout|UpdateLayerTree|IntersectionObserverController::computeIntersections)$/],
  ["paint", /^(Paint|PaintImage|PrePaint|Layerize|CompositeLayers|UpdateLayer|RasterTask|Commit|Decode.*)$/],
  ["html", /^(ParseHTML)$/],
  ["gc", /^(MinorGC|MajorGC|V8\.GC.*|BlinkGC.*)$/],
  ["compile", /^(v8\.compile|v8\.compileModule|V8\.CompileCode|v8\.produceModuleCache|v8\.parseOnBackground)$/],
  [
    "script",
    /^(EvaluateScript|v8\.evaluateModule|FunctionCall|v8\.run|TimerFire|EventDispatch|RunMicrotasks|FireAnimationFrame|v8\.callFunction|XHRReadyStateChange)$/,
  ],
]

/** A script's file: its URL's last segment without the chunk hash, or the page's inline scripts. */
function fileOf(url) {
  const name = url.split("?")[0].split("/").pop()
  // A page's inline scripts (Bokeh's embed names them by element id) and its own URL.
  return /\.m?js$/.test(name) ? name.replace(/-[\w-]{8}\.js$/, ".js") : "(page, inline scripts)"
}

/**
 * The main thread's self time per group between navigation start and `renderAt` (ms after it), from `events`:
 * nested complete events ("X", and B/E pairs) on the renderer's main thread, each counted once, at its innermost.
 */
function breakdown(events, renderAt) {
  const main = events.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain" && e.ph === "M")
  const start =
    events.find((e) => e.name === "navigationStart" && e.tid === main?.tid)?.ts ??
    events.find((e) => e.name === "navigationStart")?.ts
  if (main == null || start == null) {
    throw new Error("the trace has no renderer main thread or no navigationStart")
  }
  const end = start + renderAt * 1000
  const spans = []
  const open = new Map()
  for (const e of events) {
    if (e.pid !== main.pid || e.tid !== main.tid) {
      continue
    }
    if (e.ph === "X" && e.dur != null) {
      spans.push({name: e.name, from: e.ts, to: e.ts + e.dur, event: e})
    } else if (e.ph === "B") {
      ;(open.get(e.name) ?? open.set(e.name, []).get(e.name)).push(e)
    } else if (e.ph === "E") {
      const began = open.get(e.name)?.pop()
      if (began != null) {
        spans.push({name: e.name, from: began.ts, to: e.ts, event: began})
      }
    }
  }
  // Innermost wins: sweep by start, a stack of enclosing spans, each span's self time = its time minus children's.
  spans.sort((a, b) => a.from - b.from || b.to - a.to)
  const totals = {}
  const add = (key, ms) => (totals[key] = (totals[key] ?? 0) + ms)
  const stack = []
  const clip = (from, to) => Math.max(0, Math.min(to, end) - Math.max(from, start))
  for (const span of spans) {
    while (stack.length > 0 && stack.at(-1).to <= span.from) {
      stack.pop()
    }
    const parent = stack.at(-1)
    if (parent != null) {
      parent.children += clip(span.from, Math.min(span.to, parent.to))
    }
    span.children = 0
    stack.push(span)
  }
  let busy = 0
  for (const span of spans) {
    const group = GROUPS.find(([, pattern]) => pattern.test(span.name))?.[0]
    if (group == null) {
      continue
    }
    const self = Math.max(0, clip(span.from, span.to) - span.children) / 1000
    busy += self
    add(group, self)
  }
  add("idle (network, server, other)", Math.max(0, renderAt - busy))
  // JavaScript by file, from V8's sampling profiler (self time of the sampled function's script), as DevTools'
  // bottom-up view groups it.
  for (const [file, ms] of Object.entries(samplesByFile(events, main, start, end))) {
    add(`  js: ${file}`, ms)
  }
  return totals
}

/** Sampled JavaScript self time (ms) per script file of the main thread's profile, between `start` and `end`. */
function samplesByFile(events, main, start, end) {
  const nodes = new Map()
  const byFile = {}
  // The main thread's profile starts on it; its chunks come from the sampling thread, with the profile's id.
  const profile = events.find((e) => e.name === "Profile" && e.pid === main.pid && e.tid === main.tid)
  if (profile == null) {
    return byFile
  }
  let time = profile.args?.data?.startTime ?? profile.ts
  for (const e of events) {
    if (e.name !== "ProfileChunk" || e.pid !== main.pid || e.id !== profile.id) {
      continue
    }
    const {cpuProfile, timeDeltas = []} = e.args?.data ?? {}
    for (const node of cpuProfile?.nodes ?? []) {
      nodes.set(node.id, node)
    }
    const samples = cpuProfile?.samples ?? []
    for (let i = 0; i < samples.length; i++) {
      time += timeDeltas[i] ?? 0
      const next = time + (timeDeltas[i + 1] ?? 0)
      if (time < start || time > end) {
        continue
      }
      const frame = nodes.get(samples[i])?.callFrame
      const url = frame?.url ?? ""
      const name = frame?.functionName === "(garbage collector)" || url === "" ? "(native, GC, idle)" : fileOf(url)
      byFile[name] = (byFile[name] ?? 0) + Math.max(0, next - time) / 1000
    }
  }
  return byFile
}

const CATEGORIES = [
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "v8.execute",
  "v8",
  "blink.user_timing",
  "loading",
  "disabled-by-default-v8.cpu_profiler",
].join(",")

/** One traced navigation of `page` to `url`: the render time and its breakdown. */
async function traced(browser, page, url) {
  await browser.startTracing(page, {categories: CATEGORIES.split(",")})
  // Heard over the DevTools protocol, as bench/lib/measure.mjs does: polling would run Playwright's script in the page.
  const rendered = page.waitForEvent("console", {
    predicate: (message) => message.text() === "bench:first-render",
    timeout: 60_000,
  })
  await page.goto(url)
  await rendered
  const renderAt = await page.evaluate(() => window.__firstRender)
  const trace = JSON.parse((await browser.stopTracing()).toString("utf8"))
  return {render: renderAt, parts: breakdown(trace.traceEvents ?? trace, renderAt)}
}

async function throttled(context, page, network) {
  if (network != null) {
    const cdp = await context.newCDPSession(page)
    await cdp.send("Network.enable")
    await cdp.send("Network.emulateNetworkConditions", network)
  }
}

const browser = await chromium.launch({executablePath: chromiumExecutable(), args: CHROMIUM_ARGS})
const pageUrl = (kind, app) =>
  `${staticServer.origin}/page/${kind}?${new URLSearchParams({app, render: APPS[app].render})}`
const results = {}
try {
  for (const spec of options.network) {
    const network = parseNetwork(spec)
    for (let trial = 0; trial < Number(options.trials); trial++) {
      log(`profile ${spec}: trial ${trial + 1}/${options.trials}`)
      for (const app of Object.keys(APPS)) {
        for (const kind of ["element", "embed"]) {
          const context = await browser.newContext()
          try {
            const first = await context.newPage()
            await throttled(context, first, network)
            const cold = await traced(browser, first, pageUrl(kind, app))
            await first.close()
            const next = await context.newPage()
            await throttled(context, next, network)
            const repeat = await traced(browser, next, pageUrl(kind, app))
            for (const [visit, run] of Object.entries({cold, repeat})) {
              ;((results[spec] ??= {})[`${kind}/${app}/${visit}`] ??= []).push(run)
            }
          } finally {
            await context.close()
          }
        }
      }
    }
  }
} finally {
  await browser.close()
  await staticServer.close()
  await bokeh.stop()
}

for (const [spec, byPage] of Object.entries(results)) {
  console.log(`\nMain thread from navigation to first render, ms (median of ${options.trials}), network ${spec}`)
  const keys = Object.keys(byPage)
  const rows = new Set()
  for (const runs of Object.values(byPage)) {
    runs.forEach((run) => Object.keys(run.parts).forEach((row) => rows.add(row)))
  }
  // The groups, then the files that script and compile time went to.
  const order = [
    ...[...rows].filter((row) => !row.startsWith("  ")),
    ...[...rows].filter((row) => row.startsWith("  ")),
  ]
  const table = [
    ["", ...keys],
    ["first render", ...keys.map((key) => summarize(byPage[key].map((r) => r.render)).median.toFixed(0))],
  ]
  for (const row of order) {
    table.push([row, ...keys.map((key) => summarize(byPage[key].map((run) => run.parts[row] ?? 0)).median.toFixed(0))])
  }
  const widths = table[0].map((_, column) => Math.max(...table.map((line) => String(line[column]).length)))
  for (const line of table) {
    console.log(line.map((cell, column) => String(cell).padStart(widths[column])).join("  "))
  }
}
