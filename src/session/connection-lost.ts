import {BokehSessionError} from "../core/errors.js"

// Kept apart from failures.ts, which only the BokehJS adapter imports: the session code that loads before BokehJS
// needs just this one, and sharing a module with the adapter would make it download BokehJS's core chunk.

export function connectionLost(
  websocketUrl: string,
  gaveUpAfterMs: number,
  last: BokehSessionError | null,
): BokehSessionError {
  return new BokehSessionError(
    "connection-lost",
    `Lost the connection to ${websocketUrl} and could not reconnect within ${Math.round(gaveUpAfterMs / 1000)} s` +
      `${last == null ? "" : ` (last attempt: ${last.message})`}. Call restart() once the server is back.`,
    {cause: last},
  )
}
