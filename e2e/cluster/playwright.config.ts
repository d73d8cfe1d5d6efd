// `npm run test:cluster`: the element behind nginx with three `bokeh serve` processes (see global-setup.ts).
import {defineConfig} from "@playwright/test"
import {CHROMIUM_ARGS, chromiumExecutable} from "../../scripts/lib/chromium.mjs"

export default defineConfig({
  testDir: ".",
  // Not *.spec.ts, so that the main config (testDir e2e) does not pick these up without their cluster.
  testMatch: "**/*.cluster.ts",
  globalSetup: "./global-setup.ts",
  forbidOnly: true,
  // No retries: a flaky test is a bug to fix, not to hide.
  retries: 0,
  // The tests kill backends: they share the cluster, so they run one at a time.
  workers: 1,
  timeout: 180_000,
  reporter: [["list"]],
  use: {
    browserName: "chromium",
    launchOptions: {executablePath: chromiumExecutable(), args: CHROMIUM_ARGS},
  },
})
