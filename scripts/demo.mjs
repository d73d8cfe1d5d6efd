// `npm run demo`: starts `bokeh serve` with the demo echo app and the Vite dev server for demo/, prints the URL
// to open, and stops both on Ctrl-C.
import {createServer} from "vite"
import {freePort, startBokehServer} from "./lib/bokeh-server.mjs"
import {ROOT} from "./lib/python-env.mjs"

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
const origins = [`localhost:${pagePort}`, `127.0.0.1:${pagePort}`]

const bokeh = await startBokehServer({
  apps: ["demo/apps/echo.py"],
  port: bokehPort,
  origins,
  onOutput: (line) => console.log(`[bokeh] ${line}`),
})
process.env.VITE_BOKEH_APP_URL = `http://127.0.0.1:${bokeh.port}/echo`

const vite = await createServer({
  configFile: `${ROOT}/vite.config.ts`,
  server: {port: pagePort, host: "localhost"},
})
await vite.listen()

console.log(`
  bokeh serve:  http://127.0.0.1:${bokeh.port}/echo  (allows websockets from ${origins.join(", ")})
  demo page:    http://localhost:${pagePort}/

  Open the demo page in a browser. Ctrl-C stops both servers.
`)

let stopping = false
async function stop() {
  if (stopping) {
    return
  }
  stopping = true
  await Promise.allSettled([vite.close(), bokeh.stop()])
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
