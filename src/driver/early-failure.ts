/**
 * The failure of a connect whose socket ended before the document arrived, told from the socket alone, before any
 * BokehJS is loaded (the session code cannot know which BokehJS to load without the document's version, and a
 * refused session never sends one). The same words as the driver's classification of BokehJS's own errors.
 */
import type {BokehSessionError} from "../core/errors.js"
import type {SocketOutcome} from "../session/session-socket.js"
import {closedBeforeDocument, refusedSession, websocketFailure, type FailureContext} from "./failures.js"
import {probeServer} from "./probe.js"

export async function earlyFailure(
  context: FailureContext,
  outcome: Extract<SocketOutcome, {document: false}>,
): Promise<BokehSessionError> {
  if (!outcome.opened) {
    // What BokehJS calls "Could not open websocket": the origin, the path, or nothing there.
    return websocketFailure(context, await probeServer(context.websocketUrl))
  }
  const detail = `close code ${outcome.code}${outcome.reason === "" ? "" : `, ${JSON.stringify(outcome.reason)}`}`
  // Bokeh before 3.7 refuses a bad signature by raising in the websocket's open(): Tornado then drops the
  // connection without a close frame (1006), as a crash would. A server that still answers did not crash.
  if (outcome.code === 1006 && (await probeServer(context.websocketUrl)) === "app-exists") {
    return refusedSession(context, `${detail}, from a server that is still up`)
  }
  return closedBeforeDocument(context, outcome.code, outcome.reason)
}
