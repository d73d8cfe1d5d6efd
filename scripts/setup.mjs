// First-run preparation for `npm test` and `npm run demo`, using only Node's standard library (node_modules may
// not exist yet): npm dependencies, the Python venv with the matching bokeh, with --browser a Chromium, and with
// --releases a venv per older Bokeh release that the cross-version tests serve.
import {spawnSync} from "node:child_process"
import {existsSync, statSync} from "node:fs"
import {join} from "node:path"
import {ROOT, ensureReleaseEnvs, ensureSessionPackage} from "./lib/python-env.mjs"
import {chromiumExecutable} from "./lib/chromium.mjs"

function run(command, args) {
  const result = spawnSync(command, args, {cwd: ROOT, stdio: "inherit"})
  if (result.status !== 0) {
    throw new Error(`"${command} ${args.join(" ")}" failed with exit code ${result.status}`)
  }
}

const lock = join(ROOT, "package-lock.json")
const installed = join(ROOT, "node_modules", ".package-lock.json")
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
  console.log("Installing npm dependencies (npm ci) ...")
  run("npm", ["ci", "--no-audit", "--no-fund"])
}

ensureSessionPackage()

if (process.argv.includes("--browser") && chromiumExecutable() == null) {
  console.log("No system Chromium (set CHROMIUM_PATH, or apt-get install chromium); downloading Playwright's ...")
  run("npx", ["playwright", "install", "chromium"])
}

if (process.argv.includes("--releases")) {
  ensureReleaseEnvs()
}
