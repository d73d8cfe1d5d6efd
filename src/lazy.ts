// The session code (lifecycle, pull, token, failures) loads on first use, with BokehJS, so that a page that only
// defines the element fetches little: see the "before any element connects" row in docs/performance.md.
import type {PullSessionOptions, PulledSession} from "./pull-session.js"
import type {SessionLifecycle} from "./session-lifecycle.js"

let lifecycleModule: Promise<typeof import("./session-lifecycle.js")> | null = null

export function loadSessionLifecycle(): Promise<{SessionLifecycle: typeof SessionLifecycle}> {
  return (lifecycleModule ??= import("./session-lifecycle.js"))
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
  const session = await import("./pull-session.js")
  return session.pullSession(url, options)
}
