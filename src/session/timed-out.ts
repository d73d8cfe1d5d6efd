import {BokehSessionError} from "../core/errors.js"

// Apart from src/driver/failures.ts, as connection-lost.ts: the session code needs it before any BokehJS is chosen.

export function timedOut(websocketUrl: string, timeoutMs: number): BokehSessionError {
  return new BokehSessionError(
    "timeout",
    `No document from ${websocketUrl} within ${timeoutMs} ms: the server accepted the connection but did not ` +
      `answer (stuck or overloaded), or the app takes longer to build; raise the timeout attribute if it is just slow.`,
  )
}
