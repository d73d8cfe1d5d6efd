// Creates .venv with the Bokeh version that matches the bundled BokehJS, on first use, and reuses it after.
import {execFileSync, spawnSync} from "node:child_process"
import {existsSync, readFileSync, writeFileSync} from "node:fs"
import {join} from "node:path"
import {fileURLToPath} from "node:url"

export const ROOT = fileURLToPath(new URL("../..", import.meta.url))
export const VENV = join(ROOT, ".venv")
export const PYTHON = join(VENV, "bin", "python")

/** Python's bokeh must match @bokeh/bokehjs exactly: the wire protocol and the model set are versioned together. */
export function bokehVersion() {
  const pkg = JSON.parse(readFileSync(join(ROOT, "node_modules/@bokeh/bokehjs/package.json"), "utf8"))
  return pkg.version
}

/** Test-only Python packages, installed beside bokeh (`npm run test:python`). */
const TEST_PACKAGES = ["pytest"]

/** The installed bokeh version, or null when bokeh or any of TEST_PACKAGES is missing. */
function installedBokehVersion() {
  if (!existsSync(PYTHON)) {
    return null
  }
  const imports = ["bokeh", ...TEST_PACKAGES].join(", ")
  const result = spawnSync(PYTHON, ["-c", `import ${imports}; print(bokeh.__version__)`], {encoding: "utf8"})
  return result.status === 0 ? result.stdout.trim() : null
}

/**
 * Bokeh compiles inline TypeScript models (`__implementation__`) and runs `bokeh build` with node and its own
 * bokeh/server/static/js/compiler.js, a CommonJS file. Inside this repository, whose package.json says
 * "type": "module", node would load it as an ES module and fail ("require is not defined in ES module scope"):
 * a package.json at the venv's root is the nearest one for every file under it.
 */
function letNodeRunBokehCompiler() {
  const marker = join(VENV, "package.json")
  if (existsSync(VENV) && !existsSync(marker)) {
    writeFileSync(marker, `{"type": "commonjs"}\n`)
  }
}

export function ensurePythonEnv({log = console.log} = {}) {
  const wanted = bokehVersion()
  if (installedBokehVersion() === wanted) {
    letNodeRunBokehCompiler()
    return PYTHON
  }
  if (!existsSync(PYTHON)) {
    log(`Creating the Python virtual environment in ${VENV} ...`)
    const python = process.env.PYTHON ?? "python3"
    const created = spawnSync(python, ["-m", "venv", VENV], {stdio: "inherit"})
    if (created.status !== 0) {
      throw new Error(
        `Could not create ${VENV} with "${python} -m venv": install Python 3.10+ with venv ` +
          `(Debian: apt-get install python3-venv), or set PYTHON to a Python that has it.`,
      )
    }
  }
  log(`Installing bokeh==${wanted} and ${TEST_PACKAGES.join(", ")} into ${VENV} ...`)
  // PIP_RETRIES=0: where the default index is unreachable and a mirror is configured, pip moves on at once.
  execFileSync(PYTHON, ["-m", "pip", "install", "--quiet", `bokeh==${wanted}`, ...TEST_PACKAGES], {
    stdio: "inherit",
    env: {PIP_RETRIES: "0", ...process.env},
  })
  letNodeRunBokehCompiler()
  return PYTHON
}
