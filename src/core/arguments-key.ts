// How the element compares and reflects its `arguments`: pure, so the rules are unit-tested, not only end to end.
import {readableArguments, type ArgumentsInput} from "./arguments.js"

/**
 * What the server would receive, independent of key order (Bokeh's arguments are a dict), or null when the input
 * is invalid. Frameworks pass a new object on every render: equal keys mean no change, so no new session.
 */
export function argumentsKey(input: ArgumentsInput): string | null {
  const normalized = readableArguments(input)
  return normalized == null
    ? null
    : JSON.stringify(Object.entries(normalized).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/** The `arguments` attribute's text for a property value: strings as they are, objects as JSON. */
export function argumentsToAttribute(value: ArgumentsInput): string | null {
  if (value == null) {
    return null
  }
  if (typeof value === "string") {
    return value
  }
  if (value instanceof URLSearchParams) {
    return value.toString()
  }
  try {
    return JSON.stringify(value)
  } catch {
    return null
  }
}
