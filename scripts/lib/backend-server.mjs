// Starts one of the demo backends of demo/site (a Flask or a FastAPI app with its own login, whose page embeds a
// signed Bokeh session) as a user runs it, for the e2e specs and `npm run demo -- flask`; waits until it listens.
import {spawn} from "node:child_process"
import {join} from "node:path"
import {freePort, waitForPort} from "./bokeh-server.mjs"
import {ROOT, ensureSessionPackage} from "./python-env.mjs"

const SITE = join(ROOT, "demo", "site")

/** Each framework's own command for serving the app (Flask's development server, uvicorn for FastAPI). */
const COMMANDS = {
  flask: (port) => ["-m", "flask", "--app", join(SITE, "flask_app.py"), "run", "--host", "127.0.0.1", "--port", port],
  fastapi: (port) => ["-m", "uvicorn", "--app-dir", SITE, "fastapi_app:app", "--host", "127.0.0.1", "--port", port],
}

/** @type {Array<keyof typeof COMMANDS>} */
export const BACKEND_FRAMEWORKS = /** @type {any} */ (Object.keys(COMMANDS))

/** The venv's python, checked (with the frameworks installed) once per process, not once per app started. */
let python = null

/**
 * @param {object} options
 * @param {keyof typeof COMMANDS} options.framework
 * @param {string} options.bokehAppUrl the signed Bokeh app the page embeds
 * @param {string} options.secret BOKEH_SECRET_KEY, shared with the Bokeh server
 * @param {number} [options.port] defaults to a free port
 * @param {number} [options.loginSeconds] how long a login lasts (the framework's own session cookie)
 * @param {(line: string) => void} [options.onOutput]
 */
export async function startBackend({framework, bokehAppUrl, secret, port, loginSeconds = 3600, onOutput}) {
  python ??= ensureSessionPackage({log: () => {}})
  const listenPort = port ?? (await freePort())
  const child = spawn(python, COMMANDS[framework](String(listenPort)), {
    cwd: ROOT,
    env: {
      ...process.env,
      BOKEH_SECRET_KEY: secret,
      BOKEH_APP_URL: bokehAppUrl,
      LOGIN_SECONDS: String(loginSeconds),
      PYTHONUNBUFFERED: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  })
  let log = ""
  const collect = (chunk) => {
    log += chunk
    for (const line of chunk.toString().split("\n").filter(Boolean)) {
      onOutput?.(line)
    }
  }
  child.stdout.on("data", collect)
  child.stderr.on("data", collect)
  try {
    await waitForPort(listenPort, child, 60_000, `the ${framework} app`)
  } catch (error) {
    child.kill("SIGKILL")
    throw new Error(`${error.message}\n--- ${framework} output ---\n${log}`, {cause: error})
  }
  const exited = new Promise((resolve) => child.once("exit", resolve))
  return {
    origin: `http://127.0.0.1:${listenPort}`,
    port: listenPort,
    process: child,
    log: () => log,
    async stop() {
      if (child.exitCode == null && child.signalCode == null) {
        child.kill("SIGTERM")
      }
      await exited
    },
  }
}
