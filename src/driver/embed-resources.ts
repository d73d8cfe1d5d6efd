/**
 * What a Bokeh server's own embed of a session loads, read from the server's autoload.js for that session: the URLs
 * of its BokehJS bundles (with their `?v=` content hashes, behind `--prefix`, or on Bokeh's CDN when the server is
 * configured so), of its packaged extensions, and the compiled code of its inline TypeScript models. autoload.js
 * for an existing session's id returns that session (bokeh/server/views/session_handler.py
 * `create_session_if_needed`): asking creates no second session, as long as the session exists, so it is asked only
 * after the server's ACK. Its code is not run: its last entry would embed the session a second time.
 *
 * The template (bokeh/core/_templates/autoload_js.js.jinja) is the same from 3.0 to 3.9: `const js_urls = [...];`
 * on one line, then `const inline_js = [` with one `function(Bokeh) {` entry per piece of code, each indented by
 * six spaces (Jinja's `indent(6)`) and closed by a line of exactly four spaces and `},`.
 */
import {autoloadOf} from "../session/autoload-request.js"

/** The BokehJS bundles of a release, by the name BokehJS's build gives them. */
export type BokehJsBundle = "core" | "gl" | "widgets" | "tables" | "mathjax" | "api"

export interface EmbedResources {
  /** BokehJS's own bundles, as the server names them. */
  readonly bokehjs: Partial<Record<BokehJsBundle, string>>
  /** Every other script: packaged extensions' bundles, in the server's order. */
  readonly extensions: string[]
  /** The code of inline models (one plugin bundle each), to run after BokehJS is loaded. */
  readonly inline: string[]
}

const BUNDLE = /\/bokeh(?:-(gl|widgets|tables|mathjax|api))?(?:-\d[\w.+-]*)?(?:\.min)?\.js(?:[?#]|$)/

/** The parts of an autoload.js, or null when the text is not one. */
export function parseAutoload(text: string): EmbedResources | null {
  const urls = /^ {2}const js_urls = (\[.*\]);$/m.exec(text)
  if (urls == null) {
    return null
  }
  let js: unknown
  try {
    js = JSON.parse(urls[1]!)
  } catch {
    return null
  }
  if (!Array.isArray(js) || !js.every((url): url is string => typeof url === "string")) {
    return null
  }
  const bokehjs: Partial<Record<BokehJsBundle, string>> = {}
  const extensions: string[] = []
  for (const url of js) {
    const bundle = BUNDLE.exec(new URL(url, "http://x/").pathname)
    if (bundle != null && !/\/extensions\//.test(url)) {
      bokehjs[(bundle[1] ?? "core") as BokehJsBundle] = url
    } else {
      extensions.push(url)
    }
  }
  return {bokehjs, extensions, inline: inlineModelCode(text)}
}

/** The entries of `inline_js` that register models (plugin bundles), each as a script that runs it. */
function inlineModelCode(text: string): string[] {
  const lines = text.split("\n")
  const start = lines.findIndex((line) => /^ {2}const inline_js = \[/.test(line))
  const end = lines.findIndex((line, index) => index > start && line === "  ];")
  if (start === -1 || end === -1) {
    return []
  }
  const body = [lines[start]!.replace(/^ {2}const inline_js = \[/, ""), ...lines.slice(start + 1, end)].join("\n")
  return (
    body
      .split(/\n {4}\},\n/)
      // The last entry, the template's own (empty) block, keeps its closing brace; it registers nothing.
      .map((entry) => entry.trim().replace(/^function\(Bokeh\) \{/, ""))
      .filter((code) => code.includes("register_plugin") && !code.includes("embed_items"))
      .map((code) => `(function(Bokeh) {${code}\n}).call(window, window.Bokeh);`)
  )
}

/**
 * What the server's autoload.js for the existing session `sessionId` of `appUrl` names (asked once per app URL while
 * it succeeds: src/session/autoload-request.ts); null when it cannot be read.
 */
export async function embedResourcesOf(appUrl: string, sessionId: string): Promise<EmbedResources | null> {
  const text = await autoloadOf(appUrl, sessionId)
  return text == null ? null : parseAutoload(text)
}
