import type {NormalizedArguments} from "./arguments.js"

/** The name of the ColumnDataSource through which an app echoes the arguments it received. */
export const ECHO_SOURCE_NAME = "bokeh-session-echo"

/** What the server received: each argument name with its values, in order. A record without a prototype. */
export type EchoedArguments = Record<string, string[]>

/**
 * The echo table's size before the echo arrives, as the CSS custom properties the element's styles read: one row
 * per name sent, one line per value (at least one). A name only the app reports, or a long value that wraps, still
 * grows the table when the echo comes.
 */
export function echoSpace(sent: NormalizedArguments | null): string {
  const values = Object.values(sent ?? {})
  return `--rows:${values.length};--lines:${values.reduce((lines, list) => lines + (list.length || 1), 0)}`
}

export interface EchoComparisonRow {
  name: string
  sent: string[]
  /** Null when the server did not receive the name at all. */
  received: string[] | null
  matches: boolean
}

/**
 * One row per name, sent names first (in order), then names only the server reports. Either record may be a
 * plain object (`{}` from a caller): only own properties count.
 */
export function compareEcho(sent: NormalizedArguments, echo: EchoedArguments): EchoComparisonRow[] {
  const names = [...new Set([...Object.keys(sent), ...Object.keys(echo)])]
  return names.map((name) => {
    const sentValues = Object.hasOwn(sent, name) ? sent[name] : []
    const received = Object.hasOwn(echo, name) ? echo[name] : null
    const matches =
      received == null
        ? sentValues.length === 0
        : received.length === sentValues.length && received.every((value, index) => value === sentValues[index])
    return {name, sent: sentValues, received, matches}
  })
}
