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
  | "connection-lost"
  | "update-rejected"
  | "load-failed"
  | "invalid-option"
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
 * `importing`, or when the browser could not fetch the code (offline, or a redeploy removed the old hashed files)
 * `load-failed`: the browser's message names the file. Callers import again on the next attempt, never caching a
 * failed import, so `restart()` fetches it anew.
 */
export const loaded = <T>(importing: Promise<T>): Promise<T> =>
  importing.catch((error: unknown) => {
    throw new BokehSessionError("load-failed", `${String(error)}: reload the page; restart() tries again.`, {
      cause: error,
    })
  })
