// Builds the Bokeh extensions the e2e tests serve (e2e/extensions/<package>/) with `bokeh build`, as an extension's
// author would, and reuses the output while its sources are unchanged. An extension without package.json needs no
// `npm install`: `bokeh build` compiles it against the BokehJS inside the Python package, offline.
import {spawnSync} from "node:child_process"
import {existsSync, readdirSync, statSync} from "node:fs"
import {join} from "node:path"
import {ROOT, ensurePythonEnv} from "./python-env.mjs"

export const EXTENSIONS_DIR = join(ROOT, "e2e", "extensions")

/** The newest modification time of the files `bokeh build` reads (sources and configuration). */
function sourcesTime(dir) {
  return Math.max(
    ...readdirSync(dir)
      .filter((name) => /\.(ts|json)$/.test(name))
      .map((name) => statSync(join(dir, name)).mtimeMs),
  )
}

/**
 * Runs `bokeh build` for every extension under e2e/extensions that has an index.ts, unless its dist/ is newer than
 * its sources. Type errors (there is no node_modules with BokehJS's types) do not stop the bundle being written, so
 * success is the bundle's presence, not the exit code.
 */
export function buildTestExtensions({log = console.log} = {}) {
  const python = ensurePythonEnv({log})
  for (const name of readdirSync(EXTENSIONS_DIR)) {
    const dir = join(EXTENSIONS_DIR, name)
    if (!existsSync(join(dir, "index.ts"))) {
      continue
    }
    const bundle = join(dir, "dist", `${name}.min.js`)
    if (existsSync(bundle) && statSync(bundle).mtimeMs >= sourcesTime(dir)) {
      continue
    }
    log(`Building the test extension ${name} with bokeh build ...`)
    const result = spawnSync(python, ["-m", "bokeh", "build", dir], {cwd: ROOT, encoding: "utf8"})
    if (!existsSync(bundle) || statSync(bundle).mtimeMs < sourcesTime(dir)) {
      throw new Error(`bokeh build ${dir} wrote no ${bundle}:\n${result.stdout}\n${result.stderr}`)
    }
  }
}
