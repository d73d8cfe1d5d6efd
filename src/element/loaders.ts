// What the first script loads later: the session code (lifecycle, pull, token, URL) on the first connect, and
// BokehJS with it, so that a page that only defines the element fetches little (docs/architecture.md).
import type {PullSessionOptions, PulledSession} from "../session/pull-session.js"
import type {SessionLifecycle, echoStyles, renderEchoTable} from "../session/lifecycle.js"
import {loaded} from "../core/errors.js"

/**
 * The session code, or `load-failed`. Not cached here: the browser keeps a loaded module, and a failed import must
 * be tried again on the next attempt.
 */
export function loadSessionLifecycle(): Promise<{
  SessionLifecycle: typeof SessionLifecycle
  renderEchoTable: typeof renderEchoTable
  echoStyles: typeof echoStyles
}> {
  return loaded(import("../session/lifecycle.js"))
}

/**
 * Opens a Bokeh server session from the browser with the given arguments as URL query params, without the
 * element. Rejects with a `BokehSessionError`.
 *
 * @example
 * const pulled = await pullSession("http://localhost:5006/echo", {arguments: {N: "10"}})
 * await pulled.render(document.querySelector("#plot")!)
 * console.log(pulled.echo) // {N: ["10"]}
 * pulled.close()
 */
export async function pullSession(url: string, options: PullSessionOptions = {}): Promise<PulledSession> {
  const session = await loaded(import("../session/pull-session.js"))
  return session.pullSession(url, options)
}

/** What BokehJS holds on the whole page: how many documents its global list keeps and how many root views. */
export interface BokehJsCounts {
  documents: number
  rootViews: number
}

/**
 * Counts what BokehJS keeps page-wide, to check for leaks: after every element is removed (or every pulled
 * session closed) both are back to what they were before. Summed over every BokehJS that rendered a document here
 * (the bundled one, servers' own of other releases); loads none.
 */
export async function inspectBokehJs(): Promise<BokehJsCounts> {
  const {countBokehJsObjects} = await loaded(import("../session/choose-bokehjs.js"))
  return countBokehJsObjects()
}
