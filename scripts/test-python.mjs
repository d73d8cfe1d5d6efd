// `npm run test:python`: pytest with the bundled BokehJS's release (.venv: python/ and demo/, as pytest.ini says),
// then python/tests, the app-side package, under each older release the cross-version e2e specs serve
// (python-env.mjs OLDER_RELEASES): bokeh_session must work on every server it is installed on.
import {spawnSync} from "node:child_process"
import {OLDER_RELEASES, PYTHON, ROOT, ensureReleaseEnv} from "./lib/python-env.mjs"

function pytest(python, args, label) {
  console.log(`pytest (${label})`)
  const result = spawnSync(python, ["-m", "pytest", "-q", ...args], {cwd: ROOT, stdio: "inherit"})
  if (result.status !== 0) {
    process.exit(result.status ?? 1)
  }
}

pytest(PYTHON, [], "the bundled BokehJS's bokeh")
for (const version of OLDER_RELEASES) {
  pytest(ensureReleaseEnv(version), ["python/tests"], `bokeh ${version}`)
}
