// What the first script loads later: the session code (lifecycle, pull, token, URL) on the first connect, and
// BokehJS with it, so that a page that only defines the element fetches little (docs/architecture.md).
import type {PullSessionOptions, PulledSession} from "../session/pull-session.js"
import type {
  SessionLifecycle,
  countBokehJsObjects,
  pullSession as pull,
  renderEchoTable,
  renderLoading,
  statusText,
  viewStyles,
} from "../session/lifecycle.js"
import {rememberedBundles} from "../core/bundles.js"
import {fetchBundledBokehJs} from "../core/fetch-bokehjs.js"
import {loaded} from "../core/errors.js"

/** The session code: the lifecycle, `pullSession`, and the element's views that show only once it runs. */
export interface SessionCode {
  SessionLifecycle: typeof SessionLifecycle
  countBokehJsObjects: typeof countBokehJsObjects
  pullSession: typeof pull
  renderEchoTable: typeof renderEchoTable
  renderLoading: typeof renderLoading
  statusText: typeof statusText
  viewStyles: typeof viewStyles
}

/**
 * The session code, or `load-failed`. Not cached here: the browser keeps a loaded module, and a failed import must
 * be tried again on the next attempt. One import() each for the session code and BokehJS's adapter: each names
 * its chunks once in the first script.
 */
export function loadSessionLifecycle(): Promise<SessionCode> {
  return loaded(import("../session/lifecycle.js"))
}

/**
 * Starts fetching the bundled BokehJS (its core and the adapter), which a connect most likely needs, without waiting
 * for the session code to ask for it: one round trip less. Callers ask for the session code first: it opens the
 * socket, and a server that answers one request at a time would otherwise send its 16 KB after the 280 KB core.
 * Fetched, not run: the session code runs it once it is there, or once the document says it needs it
 * (src/core/fetch-bokehjs.ts). Not for `bokehjs="server"`, nor when this page's documents were all rendered with
 * their servers' own BokehJS on the last visit (src/core/bundles.ts).
 */
export function startLoadingBokehJs(bokehjs?: string | null): void {
  if (bokehjs !== "server" && rememberedBundles()?.includes("bundled") !== false) {
    void fetchBundledBokehJs()
  }
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
  return (await loadSessionLifecycle()).pullSession(url, options)
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
  return (await loadSessionLifecycle()).countBokehJsObjects()
}
