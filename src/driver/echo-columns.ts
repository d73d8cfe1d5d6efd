// The echo as the driver reads it from a document; here, not in src/core/echo.ts, which the first script imports.
import {appendValue, createRecord} from "../core/arguments.js"
import type {EchoedArguments} from "../core/echo.js"

/**
 * Builds the echo from the echo source's two columns, `name` and `value`, one row per received value. Returns
 * null when the columns are not two equally long lists of strings (the app does not follow the contract).
 */
export function echoFromColumns(
  names: ArrayLike<unknown> | null,
  values: ArrayLike<unknown> | null,
): EchoedArguments | null {
  if (names == null || values == null || names.length !== values.length) {
    return null
  }
  const echo = createRecord<string[]>()
  for (let row = 0; row < names.length; row++) {
    const name = names[row]
    const value = values[row]
    if (typeof name !== "string" || typeof value !== "string") {
      return null
    }
    appendValue(echo, name, value)
  }
  return echo
}
