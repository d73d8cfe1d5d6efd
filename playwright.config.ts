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
  projects: [
    // bokehjs="auto": the bundled BokehJS for the 3.9.2 servers these specs start, a server's own for the older
    // releases of e2e/cross-version.spec.ts.
    {name: "bundled"},
    // What the element promises, again with the server's own BokehJS (bokehjs="server", from the 3.9.2 servers):
    // the pages' entry defaults to it (e2e/support/server-bokehjs-entry.js). Not the specs of the bundled BokehJS's
    // own chunks and build (lazy chunks, rewrites, load failures of chunks, the early session held by its core).
    {
      name: "server-bokehjs",
      testMatch: [
        "after-open",
        "bokeh-global",
        "cleanup",
        "echo-table",
        "embed",
        "error-codes",
        "extensions",
        "failure-causes",
        "live-arguments",
        "live-inputs",
        "patches",
        "pull-session",
        "reconnect",
        "restart-close",
        "signed",
        "token-unavailable",
        "unusual-names",
      ].map((name) => `**/${name}.spec.ts`),
    },
  ],
})
