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
  | "timeout"
  | "unknown-model"
  | "connection-lost"
  | "update-rejected"

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
