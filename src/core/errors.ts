/**
 * Stable error codes. Each one has a section in docs/errors.md that says what to do.
 * Codes are part of the public API: add new ones, never rename.
 */
export type BokehSessionErrorCode =
  | "invalid-url"
  | "invalid-arguments"
  | "invalid-token"
  | "token-unavailable"
  | "unreachable"
  | "handshake-rejected"
  | "session-rejected"
  | "signed-required"
  | "timeout"
  | "unknown-model"
  | "render-failed"
  | "connection-lost"
  | "update-rejected"
  | "load-failed"
  | "invalid-option"
  | "csp-blocked"
  | "internal-error"
  | "unsupported-server"

/** An error with a stable `code` and a message that names the cause and the fix. */
export class BokehSessionError extends Error {
  override readonly name = "BokehSessionError"
  readonly code: BokehSessionErrorCode

  constructor(code: BokehSessionErrorCode, message: string, options?: {cause?: unknown}) {
    super(message, options)
    this.code = code
  }
}

export function isBokehSessionError(value: unknown): value is BokehSessionError {
  return value instanceof BokehSessionError
}

/**
 * What to do when a file of the package could not be fetched. Most browsers keep a failed module fetch until the
 * page reloads (the HTML standard dropped that rule only recently, whatwg/html#10327), so `restart()` helps only in
 * those that do not.
 */
const RELOAD =
  "reload the page (restart() fetches it again only in a browser that does not keep failed module loads until a reload)."

/**
 * `importing`, or when the browser could not fetch the code (offline, or a redeploy removed the old hashed files)
 * `load-failed`: the browser's message names the file. Callers import again on the next attempt, never caching a
 * failed import, so `restart()` fetches it anew.
 */
export const loaded = <T>(importing: Promise<T>): Promise<T> =>
  importing.catch((error: unknown) => {
    throw new BokehSessionError("load-failed", `${String(error)}: ${RELOAD}`, {
      cause: error,
    })
  })
