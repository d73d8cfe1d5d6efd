import {appUrlOf} from "../session/url.js"
import type {ProbeResult} from "./failures.js"

const PROBE_TIMEOUT_MS = 3000

/**
 * Bokeh's autoload.js handler has no head(), so Tornado answers a HEAD with 405 (and the handler's default
 * header "Access-Control-Allow-Origin: *", so any page can read it). Static servers and proxies answer a HEAD
 * with 200, 404 or 502, never 405: only this status says "a Bokeh app is there".
 */
export const BOKEH_AUTOLOAD_HEAD_STATUS = 405

/**
 * Tells "nothing answers" from "the server refused the websocket", which the browser reports alike (close code
 * 1006, no status). Neither request creates a Bokeh session: only a GET of the app or its autoload.js does.
 */
export async function probeServer(websocketUrl: string): Promise<ProbeResult> {
  const app = appUrlOf(websocketUrl)
  const init: RequestInit = {method: "HEAD", cache: "no-store", credentials: "omit"}
  try {
    // Cross-origin, an unknown path gets an answer without Bokeh's CORS header, which fetch reports as a network
    // error. On the page's own origin (a relative url, a proxy) every answer is readable: a static server's 404
    // or a proxy's 502 then arrives here and must not count as the app.
    const response = await fetch(`${app}/autoload.js`, {...init, signal: AbortSignal.timeout(PROBE_TIMEOUT_MS)})
    return response.status === BOKEH_AUTOLOAD_HEAD_STATUS ? "app-exists" : {notBokeh: response.status}
  } catch {
    // fall through: no app there, or nothing answers at all
  }
  try {
    // An opaque (no-cors) answer says only that something answered, which is all that is needed here.
    await fetch(new URL("/", app), {...init, mode: "no-cors", signal: AbortSignal.timeout(PROBE_TIMEOUT_MS)})
    return "server-answers"
  } catch {
    return "no-answer"
  }
}
