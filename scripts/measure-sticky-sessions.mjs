// Why <bokeh-session> needs no sticky sessions, measured: three `bokeh serve` processes behind nginx doing plain
// round robin, and the same app loaded LOADS times (default 30) by two pages, each load in a fresh browser context:
//  - Bokeh's own embed (`server_document`): its autoload.js request creates the session over HTTP on one process,
//    then its websocket may land on another, which builds the app a second time;
//  - <bokeh-session>: the session is created on the websocket itself, so exactly one process builds it.
// The app (e2e/apps/count_builds.py) logs one line per build. Prints builds per page load for both, side by side.
//
//   node scripts/measure-sticky-sessions.mjs        (needs `npm run build` and nginx; LOADS=n to change the count)
import {execFileSync} from "node:child_process"
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs"
import {tmpdir} from "node:os"
import {join} from "node:path"
import {chromium} from "@playwright/test"
import {freePort, startBokehServer} from "./lib/bokeh-server.mjs"
import {CHROMIUM_ARGS, chromiumExecutable} from "./lib/chromium.mjs"
import {startNginx} from "./lib/nginx.mjs"
import {ROOT, ensurePythonEnv} from "./lib/python-env.mjs"

const LOADS = Number(process.env.LOADS ?? 30)
const BACKENDS = 3
const ARGUMENTS = {N: "10"}

const work = mkdtempSync(join(tmpdir(), "bokeh-session-sticky-"))
const buildLog = join(work, "builds.log")
writeFileSync(buildLog, "")
const builds = () => readFileSync(buildLog, "utf8").split("\n").filter(Boolean).map((line) => line.split(" "))

const proxyPort = await freePort()
const proxyOrigin = `http://127.0.0.1:${proxyPort}`
const appUrl = `${proxyOrigin}/count_builds`
const SCENARIOS = [
  {
    name: "Bokeh server_document",
    page: "server-document.html",
    // BokehJS's embed adds the session's document to its global list once the websocket delivered it.
    ready: () => globalThis.Bokeh?.documents?.length === 1,
  },
  {
    name: "<bokeh-session>",
    page: "element.html",
    ready: () => document.querySelector("bokeh-session")?.status === "connected",
  },
]

/** Loads the scenario's page LOADS times, each in a fresh context, and counts the app builds each load caused. */
async function measure(browser, scenario) {
  let total = 0
  let builtTwice = 0
  let sameIdOnTwoProcesses = 0
  for (let load = 0; load < LOADS; load++) {
    const before = builds().length
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${proxyOrigin}/measure/${scenario.page}`)
    await page.waitForFunction(scenario.ready, undefined, {timeout: 30_000})
    await context.close()
    const these = builds().slice(before)
    total += these.length
    builtTwice += these.length > 1 ? 1 : 0
    const processesPerId = new Map()
    for (const [pid, id] of these) {
      processesPerId.set(id, new Set([...(processesPerId.get(id) ?? []), pid]))
    }
    sameIdOnTwoProcesses += [...processesPerId.values()].some((pids) => pids.size > 1) ? 1 : 0
  }
  return {scenario: scenario.name, loads: LOADS, builds: total, buildsPerLoad: total / LOADS, builtTwice, sameIdOnTwoProcesses}
}

const backends = []
let nginx = null
let browser = null
const results = []
try {
  for (let index = 0; index < BACKENDS; index++) {
    backends.push(
      await startBokehServer({apps: ["e2e/apps/count_builds.py"], origins: [`127.0.0.1:${proxyPort}`], env: {BUILD_LOG: buildLog}}),
    )
  }
  // Bokeh's own embed, exactly as server_document writes it for this app URL and these arguments.
  const embedScript = execFileSync(
    ensurePythonEnv(),
    [
      "-c",
      "import json, sys; from bokeh.embed import server_document; print(server_document(sys.argv[1], arguments=json.loads(sys.argv[2])))",
      appUrl,
      JSON.stringify(ARGUMENTS),
    ],
    {encoding: "utf8"},
  )
  writeFileSync(join(work, "server-document.html"), `<!doctype html><html><body>${embedScript}</body></html>`)
  writeFileSync(
    join(work, "element.html"),
    `<!doctype html><html><head><script type="module" src="/dist/bokeh-session.js"></script></head><body>` +
      `<bokeh-session url="${appUrl}" arguments='${JSON.stringify(ARGUMENTS)}'></bokeh-session></body></html>`,
  )
  nginx = await startNginx({
    port: proxyPort,
    backendPorts: backends.map((backend) => backend.port),
    staticFolders: {"/dist/": join(ROOT, "dist"), "/measure/": work},
  })
  browser = await chromium.launch({executablePath: chromiumExecutable(), args: CHROMIUM_ARGS})
  for (const scenario of SCENARIOS) {
    results.push(await measure(browser, scenario))
  }
} finally {
  await browser?.close()
  await nginx?.stop()
  await Promise.all(backends.map((backend) => backend.stop()))
  rmSync(work, {recursive: true, force: true})
}

console.log(`${BACKENDS} bokeh serve processes behind nginx round robin, ${LOADS} page loads each, fresh browser context per load:`)
console.table(results)
const [embed, element] = results
console.log(`App builds per page load, server_document / <bokeh-session>: ${(embed.buildsPerLoad / element.buildsPerLoad).toFixed(2)}`)

