import {appUrlOf, type ProbeResult} from "./failures.js"

const PROBE_TIMEOUT_MS = 3000

/**
 * Tells "nothing answers" from "the server refused the websocket", which the browser reports alike (close code
 * 1006, no status). Neither request creates a Bokeh session: only a GET of the app or its autoload.js does.
 */
export async function probeServer(websocketUrl: string): Promise<ProbeResult> {
  const app = appUrlOf(websocketUrl)
  const init: RequestInit = {method: "HEAD", cache: "no-store", credentials: "omit"}
  try {
    // Bokeh's autoload.js handler has no head(): Tornado answers 405, with the handler's default header
    // "Access-Control-Allow-Origin: *", so any page can read that the app exists. An unknown path gets a 404
    // without that header, which fetch reports as a network error.
    await fetch(`${app}/autoload.js`, {...init, signal: AbortSignal.timeout(PROBE_TIMEOUT_MS)})
    return "app-exists"
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
