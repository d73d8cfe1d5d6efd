// Starts a real `bokeh serve` for the demo, the tests and the benchmarks, and waits until it accepts connections.
import {spawn} from "node:child_process"
import {createConnection, createServer} from "node:net"
import {join} from "node:path"
import {ROOT, ensureReleaseEnv, ensurePythonEnv} from "./python-env.mjs"

/** A port that was free a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const {port} = server.address()
      server.close(() => resolve(port))
    })
  })
}

/** Resolves once something accepts TCP connections on the port (a plain connect: it creates no Bokeh session). */
export async function waitForPort(port, child, timeoutMs, name = "bokeh serve") {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode != null) {
      throw new Error(`${name} exited with code ${child.exitCode} before listening on port ${port}`)
    }
    const open = await new Promise((resolve) => {
      const socket = createConnection({port, host: "127.0.0.1"})
      socket.once("connect", () => {
        socket.destroy()
        resolve(true)
      })
      socket.once("error", () => resolve(false))
    })
    if (open) {
      return
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`${name} did not listen on port ${port} within ${timeoutMs} ms`)
}

/**
 * @param {object} options
 * @param {string[]} options.apps paths of the app scripts, relative to the repository root
 * @param {string[]} options.origins hosts (host:port) allowed to open websockets
 * @param {number} [options.port] defaults to a free port
 * @param {string[]} [options.args] more `bokeh serve` arguments
 * @param {Record<string, string>} [options.env]
 * @param {(line: string) => void} [options.onOutput] receives the server's log lines
 * @param {string} [options.release] the Bokeh release to serve (python-env.mjs OLDER_RELEASES); default the bundled
 *   BokehJS's
 */
export async function startBokehServer({apps, origins, port, args = [], env = {}, onOutput, release}) {
  const python = release == null ? ensurePythonEnv() : ensureReleaseEnv(release)
  const listenPort = port ?? (await freePort())
  const child = spawn(
    python,
    [
      "-m",
      "bokeh",
      "serve",
      ...apps.map((app) => join(ROOT, app)),
      "--port",
      String(listenPort),
      "--address",
      "127.0.0.1",
      ...origins.map((origin) => `--allow-websocket-origin=${origin}`),
      ...args,
    ],
    {
      cwd: ROOT,
      // The echo helper ships as a single module in python/, importable without installing it.
      env: {...process.env, PYTHONPATH: join(ROOT, "python"), PYTHONUNBUFFERED: "1", ...env},
      stdio: ["ignore", "pipe", "pipe"],
    },
  )
  let log = ""
  const collect = (chunk) => {
    const text = chunk.toString()
    log += text
    if (onOutput != null) {
      for (const line of text.split("\n").filter(Boolean)) {
        onOutput(line)
      }
    }
  }
  child.stdout.on("data", collect)
  child.stderr.on("data", collect)
  try {
    await waitForPort(listenPort, child, 60_000)
  } catch (error) {
    child.kill("SIGKILL")
    throw new Error(`${error.message}\n--- bokeh serve output ---\n${log}`, {cause: error})
  }
  const exited = new Promise((resolve) => child.once("exit", resolve))
  return {
    port: listenPort,
    process: child,
    origin: `http://127.0.0.1:${listenPort}`,
    log: () => log,
    async stop(signal = "SIGTERM") {
      if (child.exitCode == null && child.signalCode == null) {
        child.kill(signal)
      }
      await exited
    },
  }
}
