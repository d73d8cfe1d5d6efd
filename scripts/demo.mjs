// `npm run demo`: starts `bokeh serve` with the demo echo app and the Vite dev server for demo/, prints the URL
// to open, and stops both on Ctrl-C.
// `npm run demo -- react` (or any folder of demo/ with a vite.config.ts: react, vue, angular): the same for that
// framework demo, which imports the built package as an app would, so it builds first.
// `npm run demo -- flask` (or `fastapi`): a backend with a login of its own (demo/site) that signs each session's
// token, beside a `bokeh serve` that accepts only signed ones; it serves the built package too.
import {spawnSync} from "node:child_process"
import {randomBytes} from "node:crypto"
import {existsSync, readdirSync} from "node:fs"
import {join} from "node:path"
import {createServer} from "vite"
import {BACKEND_FRAMEWORKS, startBackend} from "./lib/backend-server.mjs"
import {freePort, startBokehServer} from "./lib/bokeh-server.mjs"
import {ROOT} from "./lib/python-env.mjs"

const FRAMEWORKS = readdirSync(join(ROOT, "demo"), {withFileTypes: true})
  .filter((entry) => entry.isDirectory() && existsSync(join(ROOT, "demo", entry.name, "vite.config.ts")))
  .map((entry) => entry.name)
  .sort()
const framework = process.argv[2]
const known = [...FRAMEWORKS, ...BACKEND_FRAMEWORKS]
if (process.argv.length > 3 || (framework != null && !known.includes(framework))) {
  console.error(`Usage: npm run demo [-- ${known.join("|")}]`)
  process.exit(2)
}
const backend = BACKEND_FRAMEWORKS.includes(framework)

if (framework != null) {
  const npm = process.platform === "win32" ? "npm.cmd" : "npm"
  const build = spawnSync(npm, ["run", "build"], {cwd: ROOT, stdio: "inherit"})
  if (build.status !== 0) {
    process.exit(build.status ?? 1)
  }
}

async function portOr(preferred) {
  const probe = await import("node:net").then(
    ({createServer: create}) =>
      new Promise((resolve) => {
        const server = create()
        server.once("error", () => resolve(false))
        server.listen(preferred, "127.0.0.1", () => server.close(() => resolve(true)))
      }),
  )
  return probe ? preferred : freePort()
}

const pagePort = await portOr(Number(process.env.DEMO_PORT ?? 5173))
const bokehPort = await portOr(Number(process.env.BOKEH_PORT ?? 5006))

// The page's origin, under both names a browser may use for it: Bokeh checks the websocket's Origin header.
const origins = [`localhost:${pagePort}`, `127.0.0.1:${pagePort}`]
let servers
if (backend) {
  // A fresh secret per run, shared by the Bokeh server and the backend only: the browser never sees it.
  const secret = randomBytes(33).toString("base64url")
  const bokeh = await startBokehServer({
    apps: ["demo/apps/echo.py"],
    port: bokehPort,
    origins,
    args: ["--session-ids", "external-signed"],
    env: {BOKEH_SECRET_KEY: secret},
    onOutput: (line) => console.log(`[bokeh] ${line}`),
  })
  const site = await startBackend({
    framework,
    bokehAppUrl: `http://127.0.0.1:${bokeh.port}/echo`,
    secret,
    port: pagePort,
    loginSeconds: Number(process.env.LOGIN_SECONDS ?? 600),
    onOutput: (line) => console.log(`[${framework}] ${line}`),
  })
  servers = {bokeh, stopPage: () => site.stop()}
  console.log(`
  bokeh serve:  http://127.0.0.1:${bokeh.port}/echo  (signed session ids only: --session-ids external-signed)
  ${framework} app:  http://127.0.0.1:${pagePort}/  (demo/site/${framework}_app.py, which signs the tokens)

  Open the app, log in as alice or bob, and edit the points or the arguments: the app decides what the Bokeh app
  receives. A login lasts ${process.env.LOGIN_SECONDS ?? 600} s (LOGIN_SECONDS). Ctrl-C stops both servers.
`)
} else {
  const bokeh = await startBokehServer({
    apps: ["demo/apps/echo.py", "demo/apps/live.py"],
    port: bokehPort,
    origins,
    onOutput: (line) => console.log(`[bokeh] ${line}`),
  })
  process.env.VITE_BOKEH_APP_URL = `http://127.0.0.1:${bokeh.port}/echo`
  process.env.VITE_BOKEH_LIVE_URL = `http://127.0.0.1:${bokeh.port}/live`

  const vite = await createServer({
    configFile: framework == null ? `${ROOT}/vite.config.ts` : `${ROOT}/demo/${framework}/vite.config.ts`,
    server: {port: pagePort, host: "localhost", strictPort: true},
  })
  await vite.listen()
  servers = {bokeh, stopPage: () => vite.close()}
  console.log(`
  bokeh serve:  http://127.0.0.1:${bokeh.port}/echo and /live  (allows websockets from ${origins.join(", ")})
  demo page:    http://localhost:${pagePort}/  (${framework ?? "plain HTML"})

  Open the demo page in a browser. Ctrl-C stops both servers.
`)
}
const {bokeh} = servers

let stopping = false
async function stop() {
  if (stopping) {
    return
  }
  stopping = true
  await Promise.allSettled([servers.stopPage(), bokeh.stop()])
  process.exit(0)
}
process.on("SIGINT", stop)
process.on("SIGTERM", stop)
bokeh.process.once("exit", (code) => {
  if (!stopping) {
    console.error(`bokeh serve exited unexpectedly (code ${code}); stopping the demo.`)
    void stop()
  }
})
