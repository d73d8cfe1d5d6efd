/** When the lifecycle tries to reopen a lost session, and which failures end the trying. */
import {BokehSessionError, type BokehSessionErrorCode} from "../core/errors.js"

/** Failures that another attempt cannot fix. */
const FINAL_CODES: ReadonlySet<BokehSessionErrorCode> = new Set([
  "invalid-url",
  "invalid-arguments",
  "invalid-token",
  "invalid-option",
  "unknown-model",
  "csp-blocked",
  "internal-error",
])

/** True for a failure that another attempt cannot fix: reconnecting stops at once. */
export const isFinal = (error: BokehSessionError): boolean => FINAL_CODES.has(error.code)

const reconnectDelay = (attempt: number): number => Math.min(5000, 250 * 2 ** attempt)

/** Waits before reconnect attempt number `attempt` (from 0): 250 ms, doubling each time, at most 5 s. */
export const backOff = (attempt: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, reconnectDelay(attempt)))

/** Throws `invalid-option` unless `reconnect-timeout` is absent or a non-negative number of milliseconds. */
export function checkReconnectTimeout(value: number | null): void {
  if (value != null && !(Number.isFinite(value) && value >= 0)) {
    throw new BokehSessionError(
      "invalid-option",
      `reconnect-timeout must be a non-negative number of milliseconds (0: never reconnect), got ${String(value)}: ` +
        `e.g. reconnect-timeout="300000".`,
    )
  }
}
