// The cluster: three `bokeh serve` processes behind one nginx doing plain round robin, all on 127.0.0.1. nginx also
// serves dist/ and the test page, so the page, the app URL and the websockets share one origin, and each backend
// allows exactly that origin (behind a proxy Bokeh checks the browser's Origin header, i.e. the proxy's host:port).
import {existsSync} from "node:fs"
import {join} from "node:path"
import {freePort, startBokehServer} from "../../scripts/lib/bokeh-server.mjs"
import {startNginx} from "../../scripts/lib/nginx.mjs"
import {ROOT} from "../../scripts/lib/python-env.mjs"

export const BACKEND_COUNT = 3

export interface Backend {
  port: number
  pid: number
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(join(ROOT, "dist", "bokeh-session.js"))) {
    throw new Error("dist/bokeh-session.js is missing: run `npm run build` first.")
  }
  const proxyPort = (await freePort()) as number
  const started = await Promise.allSettled(
    Array.from({length: BACKEND_COUNT}, () =>
      startBokehServer({apps: ["e2e/apps/echo_pid.py"], origins: [`127.0.0.1:${proxyPort}`]}),
    ),
  )
  const backends = started.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []))
  const stopBackends = () => Promise.all(backends.map((backend) => backend.stop()))
  let nginx: Awaited<ReturnType<typeof startNginx>>
  try {
    const failed = started.find((result): result is PromiseRejectedResult => result.status === "rejected")
    if (failed != null) {
      throw failed.reason
    }
    nginx = await startNginx({
      port: proxyPort,
      backendPorts: backends.map((backend) => backend.port),
      staticFolders: {"/dist/": join(ROOT, "dist"), "/e2e/cluster/pages/": join(ROOT, "e2e", "cluster", "pages")},
    })
  } catch (error) {
    // Playwright runs no teardown when the setup throws: leave no bokeh processes behind.
    await stopBackends()
    throw error
  }
  process.env.CLUSTER_ORIGIN = nginx.origin
  process.env.CLUSTER_BACKENDS = JSON.stringify(
    backends.map((backend): Backend => ({port: backend.port, pid: backend.process.pid!})),
  )
  return async () => {
    await nginx.stop()
    await stopBackends()
  }
}
