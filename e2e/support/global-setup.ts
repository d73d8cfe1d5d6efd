// Starts what every e2e spec shares: a static server for the built dist/ and the test pages (served as a user
// should serve them, scripts/lib/static-server.mjs), and one real
// `bokeh serve` with the demo echo app and the test apps, allowing the static server's origin.
import {existsSync, readdirSync} from "node:fs"
import {delimiter, join} from "node:path"
import {startBokehServer} from "../../scripts/lib/bokeh-server.mjs"
import {EXTENSIONS_DIR, buildTestExtensions} from "../../scripts/lib/bokeh-extensions.mjs"
import {ROOT, ensureReleaseEnvs} from "../../scripts/lib/python-env.mjs"
import {startStaticServer} from "../../scripts/lib/static-server.mjs"
import {embedPage} from "./bokeh-embed.js"
import {policyHeaders} from "./csp.js"

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(join(ROOT, "dist", "bokeh-session.js"))) {
    throw new Error("dist/bokeh-session.js is missing: run `npm run build` first (npm test does).")
  }
  const bokehPlaceholder = "%BOKEH_ORIGIN%"
  const replacements: Record<string, string> = {}
  const mounts = {"/dist/": join(ROOT, "dist"), "/e2e/pages/": join(ROOT, "e2e", "pages")}
  const served = {
    replacements,
    // /page/bokeh-embed?app=echo&nonce=...: Bokeh's own embed as parsed HTML (its inline script with a nonce).
    page: (name: string, query: URLSearchParams) =>
      name === "bokeh-embed" ? embedPage(replacements[bokehPlaceholder] ?? "", query) : null,
    // ?csp=...: the page (and only it) is served with that Content-Security-Policy.
    headers: policyHeaders,
  }
  const pages = await startStaticServer({mounts, ...served})
  // The project "server-bokehjs": the same pages, whose entry defaults to bokehjs="server" (see that file).
  const serverPages = await startStaticServer({
    mounts: {
      "/dist/bokeh-session.js": join(ROOT, "e2e", "support", "server-bokehjs-entry.js"),
      "/dist/server-bokehjs-defaults.js": join(ROOT, "e2e", "support", "server-bokehjs-defaults.js"),
      "/dist/bokeh-session.under-test.js": join(ROOT, "dist", "bokeh-session.js"),
      ...mounts,
    },
    ...served,
  })
  const pageHost = new URL(pages.origin).host
  // Every release the cross-version specs serve has its venv before any test runs (a first run installs them).
  ensureReleaseEnvs()
  buildTestExtensions()
  const bokeh = await startBokehServer({
    apps: [
      "demo/apps/echo.py",
      "demo/apps/live.py",
      "e2e/apps/widgets.py",
      "e2e/apps/custom_model.py",
      "e2e/apps/late_models.py",
      "e2e/apps/late_unknown_model.py",
      "e2e/apps/bokeh_global.py",
      "e2e/apps/duplicate_echo.py",
      "e2e/apps/no_echo.py",
      "e2e/apps/echo_altered.py",
      "e2e/apps/rewritten_bokehjs.py",
      "e2e/apps/csp_widgets.py",
      "e2e/apps/csp_customjs.py",
      "e2e/apps/model_gallery.py",
      "e2e/apps/clicks.py",
      // Bokeh's own gallery examples as apps (bar charts, colour bars, graphs...): e2e/user-plots.spec.ts.
      ...readdirSync(join(ROOT, "e2e/apps/plots"))
        .filter((name) => name.endsWith(".py"))
        .map((name) => `e2e/apps/plots/${name}`),
      ...["packaged_extension", "late_extension", "old_extension", "inline_model", "inline_model_plain"].map(
        (app) => `e2e/apps/${app}.py`,
      ),
    ],
    origins: [pageHost, new URL(serverPages.origin).host],
    // Let tests see the server discard sessions within seconds instead of Bokeh's 15 s / 17 s defaults.
    args: ["--unused-session-lifetime", "1000", "--check-unused-sessions", "500"],
    // The test extensions are importable packages, as an installed extension (or Panel) would be.
    env: {PYTHONPATH: [join(ROOT, "python"), EXTENSIONS_DIR].join(delimiter)},
  })
  // Bokeh compiles inline TypeScript models with node inside the server's event loop, blocking every other session
  // for seconds: once per server process, here, rather than in the middle of other tests.
  await fetch(`${bokeh.origin}/inline_model`)
  replacements[bokehPlaceholder] = bokeh.origin
  process.env.E2E_PAGE_ORIGIN = `http://${pageHost}`
  process.env.E2E_SERVER_BOKEHJS_PAGE_ORIGIN = serverPages.origin
  process.env.E2E_BOKEH_ORIGIN = bokeh.origin
  return async () => {
    await pages.close()
    await serverPages.close()
    await bokeh.stop()
  }
}
