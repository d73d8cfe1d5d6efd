// The request-size check that needs the token, apart from core/arguments.ts: only the session code uses it, so its
// message stays out of the first script (which validates arguments, not tokens).
import {MAX_QUERY_BYTES} from "../core/arguments.js"
import {BokehSessionError} from "../core/errors.js"

/**
 * The query and the token together. The token travels in `Sec-WebSocket-Protocol`, inside the same 64 KiB: of the
 * 4 KiB left beside the query, 1 KiB is for an ordinary token (a minted one is about 110 bytes) and 3 KiB for the
 * path and the other headers. A signed token from a backend repeats the arguments in its payload, so it can be as
 * big as the query: its bytes over 1 KiB come out of the query's share.
 */
export const MAX_QUERY_AND_TOKEN_BYTES = MAX_QUERY_BYTES + 1024

/** Throws `invalid-arguments` when the query and the token would not fit in the server's request headers. */
export function checkRequestSize(query: string, token: string): void {
  const queryBytes = new TextEncoder().encode(query).length
  const tokenBytes = new TextEncoder().encode(token).length
  if (queryBytes + tokenBytes > MAX_QUERY_AND_TOKEN_BYTES) {
    throw new BokehSessionError(
      "invalid-arguments",
      `the ${queryBytes}-byte query and the ${tokenBytes}-byte token together take ${queryBytes + tokenBytes} ` +
        `bytes, over the limit of ${MAX_QUERY_AND_TOKEN_BYTES} (the Bokeh server refuses request headers over ` +
        `64 KiB, and a signed token repeats the arguments in its payload): send less, e.g. an id the app looks up.`,
    )
  }
}
