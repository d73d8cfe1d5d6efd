// Starts the stdlib token endpoint (python -m bokeh_session.token_server, the package's adapter without a framework)
// for the signed-session tests and benchmarks, and waits until it prints its URL.
import {spawn} from "node:child_process"
import {join} from "node:path"
import {ROOT, ensurePythonEnv} from "./python-env.mjs"

/**
 * @param {object} options
 * @param {string} options.pageOrigin the origin allowed to ask for tokens (CORS)
 * @param {string} options.appUrl the app the tokens are for
 * @param {string} options.secret BOKEH_SECRET_KEY, shared with the Bokeh servers
 * @returns {Promise<{url: string, stop: () => void}>} rejects with the endpoint's output if it exits first
 */
export async function startTokenServer({pageOrigin, appUrl, secret}) {
  const child = spawn(
    ensurePythonEnv(),
    [
      "-m",
      "bokeh_session.token_server",
      "--port",
      "0",
      "--allow-origin",
      pageOrigin,
      "--app-url",
      appUrl,
      // The tests and benchmarks play both the page and an attacker who edits its arguments: sign what is asked.
      "--demo-sign-requested-arguments",
    ],
    {
      cwd: ROOT,
      env: {...process.env, PYTHONPATH: join(ROOT, "python"), BOKEH_SECRET_KEY: secret, PYTHONUNBUFFERED: "1"},
      stdio: ["ignore", "pipe", "pipe"],
    },
  )
  let output = ""
  const url = await new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      output += chunk
      const match = /listening on (http:\S+)/.exec(output)
      if (match) {
        resolve(match[1])
      }
    })
    child.stderr.on("data", (chunk) => (output += chunk))
    child.once("exit", (code) => reject(new Error(`token server exited with code ${code}:\n${output}`)))
  })
  return {url, stop: () => child.kill()}
}
