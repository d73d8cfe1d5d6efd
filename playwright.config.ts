import {defineConfig} from "@playwright/test"
import {CHROMIUM_ARGS, chromiumExecutable} from "./scripts/lib/chromium.mjs"

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  globalSetup: "./e2e/support/global-setup.ts",
  forbidOnly: true,
  // No retries: a flaky test is a bug to fix, not to hide.
  retries: 0,
  workers: 2,
  timeout: 60_000,
  // Web-first assertions wait this long (Playwright's 5 s default is short for a first BokehJS render on a busy
  // 2-core machine running two workers and a bokeh serve). A wait, not a timed assertion: nothing asserts speed.
  expect: {timeout: 15_000},
  reporter: [["list"]],
  use: {
    browserName: "chromium",
    launchOptions: {executablePath: chromiumExecutable(), args: CHROMIUM_ARGS},
  },
})
