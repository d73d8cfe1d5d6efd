// Builds a framework demo (demo/react, demo/vue) with Vite into a folder the e2e static server serves, pointed
// at the test's bokeh serve. Each build gets its own folder, so concurrent test runs never share output.
import {rmSync} from "node:fs"
import {join} from "node:path"
import {build} from "vite"
import {ROOT} from "../../scripts/lib/python-env.mjs"

export interface BuiltDemo {
  /** The page's path on the e2e static server. */
  path: string
  remove(): void
}

export async function buildFrameworkDemo(
  framework: "react" | "vue" | "angular",
  bokehAppUrl: string,
): Promise<BuiltDemo> {
  const folder = `frameworks/${framework}-${process.pid}-${Date.now()}`
  const outDir = join(ROOT, "e2e", "pages", folder)
  const previous = process.env.VITE_BOKEH_APP_URL
  const previousLive = process.env.VITE_BOKEH_LIVE_URL
  process.env.VITE_BOKEH_APP_URL = bokehAppUrl
  // The live demo app (demo/apps/live.py) on the same server, for the demos that link to it.
  process.env.VITE_BOKEH_LIVE_URL = new URL("live", bokehAppUrl.replace(/[^/]*$/, "")).href
  try {
    await build({
      configFile: join(ROOT, "demo", framework, "vite.config.ts"),
      base: `/e2e/pages/${folder}/`,
      logLevel: "warn",
      // BokehJS chunks are large by nature; the size warning would only be noise in the test log.
      build: {outDir, emptyOutDir: true, chunkSizeWarningLimit: 4096},
    })
  } finally {
    if (previous === undefined) delete process.env.VITE_BOKEH_APP_URL
    else process.env.VITE_BOKEH_APP_URL = previous
    if (previousLive === undefined) delete process.env.VITE_BOKEH_LIVE_URL
    else process.env.VITE_BOKEH_LIVE_URL = previousLive
  }
  return {path: `/e2e/pages/${folder}/index.html`, remove: () => rmSync(outDir, {recursive: true, force: true})}
}
