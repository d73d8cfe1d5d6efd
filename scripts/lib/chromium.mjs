// Which Chromium the tests and benchmarks drive: CHROMIUM_PATH, else the system's, else Playwright's own download.
import {existsSync} from "node:fs"

const SYSTEM_CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]

/** Flags for machines without GPU or outside network (each background service otherwise retries refused hosts). */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
]

/** The executable to launch, or undefined for Playwright's own browser. */
export function chromiumExecutable() {
  if (process.env.CHROMIUM_PATH) {
    if (!existsSync(process.env.CHROMIUM_PATH)) {
      throw new Error(
        `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist: point it at a Chromium binary or unset it.`,
      )
    }
    return process.env.CHROMIUM_PATH
  }
  return SYSTEM_CHROMIUM.find((path) => existsSync(path))
}
