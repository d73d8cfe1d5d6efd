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
  reporter: [["list"]],
  use: {
    browserName: "chromium",
    launchOptions: {executablePath: chromiumExecutable(), args: CHROMIUM_ARGS},
  },
})
