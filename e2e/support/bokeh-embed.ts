// Bokeh's own embed of an app, for side-by-side comparisons: the exact `server_document()` output of the installed
// Bokeh (a script that fetches `<app>/autoload.js?bokeh-autoload-element=<id>&bokeh-app-path=...&bokeh-absolute-url=...`,
// which loads Bokeh's bundles from the server and renders after the script tag), in a page of the test origin.
import {execFileSync} from "node:child_process"
import type {Page} from "@playwright/test"
import {PYTHON} from "../../scripts/lib/python-env.mjs"
import {appUrl, pageOrigin} from "./helpers.js"

function serverDocument(url: string, python: string): {id: string; code: string} {
  const tag = execFileSync(
    python,
    ["-c", "import sys; from bokeh.embed import server_document; print(server_document(sys.argv[1]))", url],
    {encoding: "utf8"},
  )
  const match = /^\s*<script id="([^"]+)">([\s\S]*)<\/script>\s*$/.exec(tag)
  if (match == null) {
    throw new Error(`server_document() no longer returns one inline script tag: ${tag}`)
  }
  return {id: match[1]!, code: match[2]!}
}

/**
 * Opens a page of the test origin (which the Bokeh server allows) and adds `server_document(app)` to its body. The
 * page is served by the static server, not fulfilled by Playwright: Chromium lets only a page it fetched from a
 * loopback address request another loopback address (Local Network Access). `app`: an app of the shared server, or
 * any app URL; `python`: the Python whose Bokeh writes the embed (that of the server's release).
 */
export async function openBokehEmbed(page: Page, app: string, python: string = PYTHON): Promise<void> {
  const {id, code} = serverDocument(/^https?:/.test(app) ? app : appUrl(app), python)
  await page.goto(`${pageOrigin()}/e2e/pages/bokeh-embed.html`)
  await page.evaluate(
    ({id, code}) => {
      // A script element created and inserted runs, as the parsed tag would.
      const script = document.createElement("script")
      script.id = id
      script.textContent = code
      document.body.append(script)
    },
    {id, code},
  )
}
