// Why <bokeh-session> needs no sticky sessions, measured: three `bokeh serve` processes behind nginx doing plain
// round robin, and the same app loaded LOADS times (default 30) per scenario, each load in a fresh browser context:
//  - Bokeh's own embed (`server_document`): its autoload.js request creates the session over HTTP on one process,
//    then its websocket may land on another, which builds the app a second time;
//  - <bokeh-session>: the session is created on the websocket itself, so exactly one process builds it.
// Both again with signed session ids (one BOKEH_SECRET_KEY shared by all processes; the element gets its tokens from
// python -m bokeh_session.token_server). The app (e2e/apps/count_builds.py) logs one line per build; the table counts
// them per load.
//
//   npm run bench:sticky        (builds first; needs nginx; LOADS=n npm run bench:sticky to change the count)
import {execFileSync} from "node:child_process"
import {randomBytes} from "node:crypto"
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs"
import {tmpdir} from "node:os"
import {join} from "node:path"
import {chromium} from "@playwright/test"
import {freePort, startBokehServer} from "../scripts/lib/bokeh-server.mjs"
import {CHROMIUM_ARGS, chromiumExecutable} from "../scripts/lib/chromium.mjs"
import {startNginx} from "../scripts/lib/nginx.mjs"
import {ROOT, ensurePythonEnv} from "../scripts/lib/python-env.mjs"
import {startTokenServer} from "../scripts/lib/token-server.mjs"

const LOADS = Number(process.env.LOADS ?? 30)
const BACKENDS = 3
const ARGUMENTS = {N: "10"}
const SECRET = randomBytes(33).toString("base64url")

const elementReady = () => document.querySelector("bokeh-session")?.status === "connected"
// BokehJS's embed adds the session's document to its global list once the websocket delivered it.
const embedReady = () => globalThis.Bokeh?.documents?.length === 1

/** Three processes with the counting app behind nginx, plus the two pages; `signed` turns on signed session ids. */
async function startCluster(work, signed) {
  const buildLog = join(work, "builds.log")
  writeFileSync(buildLog, "")
  const proxyPort = await freePort()
  const proxyOrigin = `http://127.0.0.1:${proxyPort}`
  const appUrl = `${proxyOrigin}/count_builds`
  const stops = []
  const stop = async () => {
    for (const stopOne of stops.reverse()) {
      await stopOne()
    }
  }
  try {
    const env = {BUILD_LOG: buildLog, ...(signed ? {BOKEH_SIGN_SESSIONS: "yes", BOKEH_SECRET_KEY: SECRET} : {})}
    const backends = []
    for (let index = 0; index < BACKENDS; index++) {
      const backend = await startBokehServer({
        apps: ["e2e/apps/count_builds.py"],
        origins: [`127.0.0.1:${proxyPort}`],
        env,
      })
      stops.push(() => backend.stop())
      backends.push(backend)
    }
    // Bokeh's own embed, exactly as server_document writes it; with signing on, the server signs the id it makes.
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
    let tokenProvider = ""
    if (signed) {
      const tokenServer = await startTokenServer({pageOrigin: proxyOrigin, appUrl, secret: SECRET})
      stops.push(() => tokenServer.stop())
      tokenProvider = `element.tokenProvider = async (request) => {
        const response = await fetch(${JSON.stringify(tokenServer.url)}, {method: "POST", headers: {"content-type": "application/json"}, body: JSON.stringify(request)})
        return (await response.json()).token
      }`
    }
    writeFileSync(
      join(work, "element.html"),
      `<!doctype html><html><body><script type="module">
        import "/dist/bokeh-session.js"
        const element = document.createElement("bokeh-session")
        element.arguments = ${JSON.stringify(ARGUMENTS)}
        ${tokenProvider}
        element.url = ${JSON.stringify(appUrl)}
        document.body.append(element)
      </script></body></html>`,
    )
    const nginx = await startNginx({
      port: proxyPort,
      backendPorts: backends.map((backend) => backend.port),
      staticFolders: {"/dist/": join(ROOT, "dist"), "/measure/": work},
    })
    stops.push(() => nginx.stop())
  } catch (error) {
    await stop()
    throw error
  }
  const builds = () =>
    readFileSync(buildLog, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => line.split(" "))
  return {proxyOrigin, builds, stop}
}

/** Loads a page LOADS times, each in a fresh context, and counts the app builds each load caused. */
async function measure(browser, cluster, name, page, ready) {
  let total = 0
  let builtTwice = 0
  let sameIdOnTwoProcesses = 0
  for (let load = 0; load < LOADS; load++) {
    const before = cluster.builds().length
    const context = await browser.newContext()
    const tab = await context.newPage()
    await tab.goto(`${cluster.proxyOrigin}/measure/${page}`)
    await tab.waitForFunction(ready, undefined, {timeout: 30_000})
    await context.close()
    const these = cluster.builds().slice(before)
    total += these.length
    builtTwice += these.length > 1 ? 1 : 0
    const processesPerId = new Map()
    for (const [pid, id] of these) {
      processesPerId.set(id, new Set([...(processesPerId.get(id) ?? []), pid]))
    }
    sameIdOnTwoProcesses += [...processesPerId.values()].some((pids) => pids.size > 1) ? 1 : 0
  }
  return {scenario: name, loads: LOADS, builds: total, buildsPerLoad: total / LOADS, builtTwice, sameIdOnTwoProcesses}
}

const results = []
const browser = await chromium.launch({executablePath: chromiumExecutable(), args: CHROMIUM_ARGS})
try {
  for (const signed of [false, true]) {
    const work = mkdtempSync(join(tmpdir(), "bokeh-session-sticky-"))
    const cluster = await startCluster(work, signed)
    const suffix = signed ? ", signed ids" : ""
    try {
      results.push(
        await measure(browser, cluster, `Bokeh server_document${suffix}`, "server-document.html", embedReady),
      )
      results.push(await measure(browser, cluster, `<bokeh-session>${suffix}`, "element.html", elementReady))
    } finally {
      await cluster.stop()
      rmSync(work, {recursive: true, force: true})
    }
  }
} finally {
  await browser.close()
}

console.log(
  `${BACKENDS} bokeh serve processes behind nginx round robin, ${LOADS} page loads each, fresh browser context per load:`,
)
console.table(results)
for (let index = 0; index < results.length; index += 2) {
  const [embed, element] = [results[index], results[index + 1]]
  console.log(
    `App builds per page load, ${embed.scenario} / ${element.scenario}: ${(embed.buildsPerLoad / element.buildsPerLoad).toFixed(2)}`,
  )
}
