// `npm run demo:react` / `demo:vue` / `demo:angular`: starts `bokeh serve` with the demo echo app and the Vite dev
// server for demo/react, demo/vue or demo/angular (which import the built package), prints the URL to open, and
// stops both on Ctrl-C.
import {createServer} from "vite"
import {freePort, startBokehServer} from "./lib/bokeh-server.mjs"
import {ROOT} from "./lib/python-env.mjs"

const FRAMEWORKS = ["react", "vue", "angular"]
const framework = process.argv[2]
if (!FRAMEWORKS.includes(framework)) {
  console.error(`Usage: node scripts/demo-framework.mjs <${FRAMEWORKS.join("|")}>`)
  process.exit(2)
}

const pagePort = Number(process.env.DEMO_PORT ?? (await freePort()))
const origins = [`localhost:${pagePort}`, `127.0.0.1:${pagePort}`]
const bokeh = await startBokehServer({
  apps: ["demo/apps/echo.py"],
  origins,
  onOutput: (line) => console.log(`[bokeh] ${line}`),
})
process.env.VITE_BOKEH_APP_URL = `http://127.0.0.1:${bokeh.port}/echo`

const vite = await createServer({
  configFile: `${ROOT}/demo/${framework}/vite.config.ts`,
  server: {port: pagePort, host: "localhost", strictPort: true},
})
await vite.listen()

console.log(`
  bokeh serve:  http://127.0.0.1:${bokeh.port}/echo  (allows websockets from ${origins.join(", ")})
  ${framework} demo:   http://localhost:${pagePort}/

  Open the demo page in a browser. Ctrl-C stops both servers.
`)

let stopping = false
async function stop() {
  if (!stopping) {
    stopping = true
    await Promise.allSettled([vite.close(), bokeh.stop()])
    process.exit(0)
  }
}
process.on("SIGINT", stop)
process.on("SIGTERM", stop)
