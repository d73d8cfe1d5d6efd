// Creates .venv with the Bokeh version that matches the bundled BokehJS, on first use, and reuses it after; and, for
// the cross-version tests, one venv per older Bokeh release (.venvs/bokeh-<version>), each installed by its version.
import {execFileSync, spawnSync} from "node:child_process"
import {existsSync, readFileSync, writeFileSync} from "node:fs"
import {join} from "node:path"
import {fileURLToPath, pathToFileURL} from "node:url"

export const ROOT = fileURLToPath(new URL("../..", import.meta.url))
export const VENV = join(ROOT, ".venv")
export const PYTHON = join(VENV, "bin", "python")

/** Python's bokeh must match @bokeh/bokehjs exactly: the wire protocol and the model set are versioned together. */
export function bokehVersion() {
  const pkg = JSON.parse(readFileSync(join(ROOT, "node_modules/@bokeh/bokehjs/package.json"), "utf8"))
  return pkg.version
}

/**
 * Test-only Python packages, installed beside bokeh: pytest (`npm run test:python`), networkx (the graph app of
 * e2e/apps/plots), pandas (Bokeh's own example apps: export_csv reads its CSV with it; Bokeh 3.9 no longer installs it).
 */
const TEST_PACKAGES = ["pytest", "networkx", "pandas"]

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

const PACKAGE_DIR = join(ROOT, "python")

/**
 * The extras of python/pyproject.toml that the tests and demos use: the three framework adapters' frameworks, and
 * `test` (pytest, the TestClient's httpx2, uvicorn for the FastAPI demo); with one module each proves installed.
 */
const EXTRAS = ["flask", "fastapi", "django", "test"]
const EXTRA_MODULES = ["flask", "fastapi", "django", "pytest", "httpx2", "uvicorn"]

/** Where the installed bokeh-session package points (an editable install's source folder), or null when it, or a
 * module of its extras, is missing. */
function installedSessionPackage(python = PYTHON) {
  const script =
    "import json, importlib.metadata as m, importlib.util as u\n" +
    `if any(u.find_spec(name) is None for name in ${JSON.stringify(EXTRA_MODULES)}):\n    raise SystemExit(1)\n` +
    "try:\n    d = m.distribution('bokeh-session')\nexcept m.PackageNotFoundError:\n    raise SystemExit(1)\n" +
    "print(json.loads(d.read_text('direct_url.json') or '{}').get('url', ''))"
  const result = spawnSync(python, ["-c", script], {encoding: "utf8"})
  return result.status === 0 ? result.stdout.trim() : null
}

/**
 * Installs python/ (import name bokeh_session) into .venv, editable, with the extras the tests need, so that
 * `.venv/bin/bokeh serve demo/apps/echo.py` works by hand. Skipped when it is already installed from this checkout
 * with those extras (a single `python -c` that imports nothing, no pip).
 */
export function ensureSessionPackage({log = console.log} = {}) {
  const python = ensurePythonEnv({log})
  if (installedSessionPackage() === pathToFileURL(PACKAGE_DIR).href) {
    return python
  }
  log(`Installing ${PACKAGE_DIR}[${EXTRAS.join(",")}] (bokeh_session) into ${VENV}, editable ...`)
  execFileSync(python, ["-m", "pip", "install", "--quiet", "--editable", `${PACKAGE_DIR}[${EXTRAS.join(",")}]`], {
    stdio: "inherit",
    env: {PIP_RETRIES: "0", ...process.env},
  })
  return python
}

/** The older Bokeh releases whose real servers the cross-version e2e specs run, beside the bundled BokehJS's. */
export const OLDER_RELEASES = ["3.4.3", "3.6.0"]

/** Where the venv of an older release lives. */
export function releaseVenv(version) {
  return join(ROOT, ".venvs", `bokeh-${version}`)
}

/**
 * Older releases come from PyPI where it is reachable, else from a folder of wheels: pip's PIP_FIND_LINKS (.ci/run
 * sets it), to which the checkout's sibling ../shared/wheels is added when it exists (this team's machines).
 */
function findLinks() {
  const shared = join(ROOT, "..", "shared", "wheels")
  const given = (process.env.PIP_FIND_LINKS ?? "").split(/\s+/).filter(Boolean)
  return [...given, ...(existsSync(shared) && !given.includes(shared) ? [shared] : [])].join(" ")
}

/**
 * The Python of a venv with `bokeh==version` and python/ installed editable with the extras its tests need (the
 * whole of python/tests runs under each release: scripts/test-python.mjs), created on first use.
 */
export function ensureReleaseEnv(version, {log = console.log} = {}) {
  if (version === bokehVersion()) {
    return ensurePythonEnv({log})
  }
  const venv = releaseVenv(version)
  const python = join(venv, "bin", "python")
  const check = () =>
    existsSync(python) &&
    spawnSync(python, ["-c", "import bokeh, pytest; print(bokeh.__version__)"], {encoding: "utf8"}).stdout.trim() ===
      version &&
    installedSessionPackage(python) === pathToFileURL(PACKAGE_DIR).href
  if (check()) {
    return python
  }
  if (!existsSync(python)) {
    log(`Creating the Python virtual environment for bokeh ${version} in ${venv} ...`)
    const created = spawnSync(process.env.PYTHON ?? "python3", ["-m", "venv", venv], {stdio: "inherit"})
    if (created.status !== 0) {
      throw new Error(`Could not create ${venv}: install Python 3.10+ with venv (apt-get install python3-venv).`)
    }
  }
  log(
    `Installing bokeh==${version}, ${TEST_PACKAGES.join(", ")} and ${PACKAGE_DIR}[${EXTRAS.join(",")}] into ${venv} ...`,
  )
  const links = findLinks()
  // bokeh-session asks for bokeh>=3 only: the pinned release stays.
  const packages = [`bokeh==${version}`, ...TEST_PACKAGES, "--editable", `${PACKAGE_DIR}[${EXTRAS.join(",")}]`]
  const installed = spawnSync(python, ["-m", "pip", "install", "--quiet", ...packages], {
    stdio: "inherit",
    env: {PIP_RETRIES: "0", ...process.env, ...(links === "" ? {} : {PIP_FIND_LINKS: links})},
  })
  if (installed.status !== 0 || !check()) {
    throw new Error(
      `Could not install bokeh==${version} into ${venv} (pip exit code ${installed.status}): the cross-version ` +
        `tests need a real server of that release. Where PyPI is not reachable, put its wheel in a folder and set ` +
        `PIP_FIND_LINKS to it (tried: ${links || "none"}).`,
    )
  }
  return python
}

/** The Python of every release the cross-version tests run (the bundled one's .venv, then each older release's). */
export function ensureReleaseEnvs({log = console.log} = {}) {
  return [bokehVersion(), ...OLDER_RELEASES].map((version) => ({version, python: ensureReleaseEnv(version, {log})}))
}
