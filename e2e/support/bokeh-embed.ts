// Bokeh's own embed of an app, for side-by-side comparisons: the exact `server_document()` output of the installed
// Bokeh (a script that fetches `<app>/autoload.js?bokeh-autoload-element=<id>&bokeh-app-path=...&bokeh-absolute-url=...`,
// which loads Bokeh's bundles from the server and renders after the script tag), in a page of the test origin.
import {execFileSync} from "node:child_process"
import type {Page} from "@playwright/test"
import {PYTHON} from "../../scripts/lib/python-env.mjs"
import {appUrl, pageOrigin} from "./helpers.js"

export interface EmbedScript {
  id: string
  code: string
}

/**
 * `server_document(url, arguments=...)` for each arguments dict, in one Python run; `python`: the Python whose Bokeh
 * writes the embed (that of the server's release).
 */
export function serverDocuments(
  url: string,
  argumentsList: Record<string, string>[],
  python: string = PYTHON,
): EmbedScript[] {
  const tags = JSON.parse(
    execFileSync(
      python,
      [
        "-c",
        "import sys, json; from bokeh.embed import server_document\n" +
          "print(json.dumps([server_document(sys.argv[1], arguments=a or None) for a in json.loads(sys.argv[2])]))",
        url,
        JSON.stringify(argumentsList),
      ],
      {encoding: "utf8"},
    ),
  ) as string[]
  return tags.map((tag) => {
    const match = /^\s*<script id="([^"]+)">([\s\S]*)<\/script>\s*$/.exec(tag)
    if (match == null) {
      throw new Error(`server_document() no longer returns one inline script tag: ${tag}`)
    }
    return {id: match[1]!, code: match[2]!}
  })
}

function serverDocument(url: string, python: string = PYTHON): EmbedScript {
  return serverDocuments(url, [{}], python)[0]!
}

/**
 * The HTML of a page with nothing but `server_document(<bokeh origin>/<app>)` in its body, as a page that embeds
 * the app serves it: the tag is parsed, not inserted by a script, and carries the query's `nonce` (a policy's
 * `script-src 'nonce-...'` then lets it run). Loads the recorder of events and policy violations
 * (e2e/pages/record-events.js) first. For the static server's `page` option.
 */
export function embedPage(bokehOrigin: string, query: URLSearchParams): string {
  const {id, code} = serverDocument(`${bokehOrigin}/${query.get("app") ?? "echo"}`)
  const nonce = query.get("nonce")
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bokeh's own embed</title>` +
    `<script src="/e2e/pages/record-events.js"></script></head><body>` +
    `<script id="${id}"${nonce == null ? "" : ` nonce="${nonce}"`}>${code}</script></body></html>`
  )
}

/**
 * Adds `server_document(app)` to the page, in a new `<div id="{container}">`: the script as the parsed tag would run
 * it, whatever else the page has. `app`: an app of the shared server, or any app URL; `python`: the Python whose
 * Bokeh writes the embed (that of the server's release).
 */
export async function addBokehEmbed(
  page: Page,
  app: string,
  container = "bokeh-embed",
  python: string = PYTHON,
): Promise<void> {
  const {id, code} = serverDocument(/^https?:/.test(app) ? app : appUrl(app), python)
  await page.evaluate(
    ({id, code, container}) => {
      const holder = document.createElement("div")
      holder.id = container
      // A script element created and inserted runs, as the parsed tag would.
      const script = document.createElement("script")
      script.id = id
      script.textContent = code
      holder.append(script)
      document.body.append(holder)
    },
    {id, code, container},
  )
}

/**
 * Opens a page of the test origin (which the Bokeh server allows) and adds `server_document(app)` to its body. The
 * page is served by the static server, not fulfilled by Playwright: Chromium lets only a page it fetched from a
 * loopback address request another loopback address (Local Network Access).
 */
export async function openBokehEmbed(page: Page, app: string, python: string = PYTHON): Promise<void> {
  await page.goto(`${pageOrigin()}/e2e/pages/bokeh-embed.html`)
  await addBokehEmbed(page, app, "bokeh-embed", python)
}
