import {BokehSessionError} from "./errors.js"

/** One argument value: a string, or several strings to send the key once per item. */
export type ArgumentValue = string | readonly string[]

/** Arguments as users write them: `{N: "10", color: ["red", "blue"]}`. */
export type SessionArguments = {readonly [name: string]: ArgumentValue}

/**
 * Arguments after validation, in the shape of Bokeh's `request.arguments`: every name maps to the list of
 * values sent for it, in order. Always a record without a prototype (see `createRecord`).
 */
export type NormalizedArguments = Record<string, string[]>

/** What the element's `arguments` property holds: the attribute's text, or the object a script set. */
export type ArgumentsInput = SessionArguments | URLSearchParams | string | null

/**
 * Keys with this prefix are Bokeh's own parameters. Its server removes only `bokeh-session-id` from a session's
 * arguments (`bokeh/server/contexts.py`) and passes the others to the app; its HTTP handlers read `bokeh-token`,
 * `bokeh-app-path`, `bokeh-autoload-element`, `bokeh-absolute-url`. Refusing the whole prefix keeps arguments
 * clear of names that Bokeh gives a meaning, today's and later ones.
 */
export const RESERVED_PREFIX = "bokeh-"

/**
 * Tornado, under Bokeh's server, refuses a request whose request line and headers exceed 64 KiB. The query
 * shares that block with the path and the headers (the token travels in `Sec-WebSocket-Protocol`, plus cookies,
 * user agent, origin), so the query gets 60 KiB and the rest keeps 4 KiB.
 */
export const MAX_QUERY_BYTES = 60 * 1024

/** The most fields a query may hold (one per value sent). */
export const MAX_FIELDS = 1000

/**
 * A record without a prototype. Argument names are the user's (`constructor`, `__proto__`, `toString` are
 * legitimate query parameters): on `{}` they would find Object.prototype's members, and assigning `__proto__`
 * would set the prototype instead of adding a key.
 */
export function createRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>
}

/**
 * Appends `value` to `record[name]`, creating the list. `record` comes from `createRecord`: with no prototype,
 * every name (`__proto__` too) is an own key, so plain assignment is safe.
 */
export function appendValue(record: Record<string, string[]>, name: string, value: string): void {
  ;(record[name] ??= []).push(value)
}

const EXAMPLE = `write a JSON object such as {"N":"10"} or a query string such as N=10`

/**
 * Parses the `arguments` attribute: a JSON object (`{"N":"10"}`) or a URL query string (`N=10&color=red`,
 * a leading `?` is allowed). An absent or blank attribute means no arguments.
 */
export function parseArgumentsAttribute(text: string | null | undefined): NormalizedArguments {
  const trimmed = (text ?? "").trim()
  if (trimmed === "" || trimmed === "?") {
    return {}
  }
  if (/^[{["]/.test(trimmed)) {
    let parsed: unknown
    try {
      parsed = JSON.parse(trimmed)
    } catch (error) {
      throw new BokehSessionError(
        "invalid-arguments",
        `The arguments attribute is not valid JSON (${(error as Error).message}): ${EXAMPLE}.`,
        {cause: error},
      )
    }
    return normalizeArguments(parsed)
  }
  const normalized = createRecord<string[]>()
  for (const [name, value] of new URLSearchParams(trimmed)) {
    // URLSearchParams decodes to well-formed strings, so only the name needs checking.
    checkName(name)
    appendValue(normalized, name, value)
  }
  checkSize(normalized)
  return normalized
}

/**
 * Validates arguments given as an object (or a `URLSearchParams`) and returns them normalized. Throws a
 * `BokehSessionError` with code `invalid-arguments` that names the key, the rule and what to write instead.
 */
export function normalizeArguments(value: unknown): NormalizedArguments {
  if (value == null) {
    return {}
  }
  if (typeof value === "string") {
    return parseArgumentsAttribute(value)
  }
  if (value instanceof URLSearchParams) {
    return parseArgumentsAttribute(value.toString())
  }
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new BokehSessionError(
      "invalid-arguments",
      `arguments must be an object of strings, got ${describe(value)}: ${EXAMPLE}.`,
    )
  }
  const normalized = createRecord<string[]>()
  // Own properties only: JSON.parse('{"__proto__":"x"}') makes `__proto__` an own key, which this keeps.
  for (const [name, item] of Object.entries(value)) {
    checkName(name)
    if (typeof item === "string") {
      checkWellFormed(item, label(name))
      normalized[name] = [item]
    } else if (Array.isArray(item)) {
      normalized[name] = item.map((element: unknown, index) => {
        const where = `${label(name)}[${index}]`
        if (typeof element !== "string") {
          throw new BokehSessionError(
            "invalid-arguments",
            `${where} must be a string, got ${describe(element)}: ${suggestion(element)}.`,
          )
        }
        checkWellFormed(element, where)
        return element
      })
    } else {
      throw new BokehSessionError(
        "invalid-arguments",
        `${label(name)} must be a string or an array of strings, got ${describe(item)}: ${suggestion(item)}.`,
      )
    }
  }
  checkSize(normalized)
  return normalized
}

/**
 * Encodes arguments as a URL query (without `?`). A name with several values appears once per value, which is
 * how Bokeh's `request.arguments` (a dict of lists) receives them.
 */
export function encodeArguments(args: NormalizedArguments): string {
  const params = new URLSearchParams()
  for (const [name, values] of Object.entries(args)) {
    for (const value of values) {
      params.append(name, value)
    }
  }
  return params.toString()
}

/** The compact public form: a single value stays a string, several stay an array. */
export function denormalizeArguments(args: NormalizedArguments): Record<string, string | string[]> {
  const compact = createRecord<string | string[]>()
  for (const [name, values] of Object.entries(args)) {
    compact[name] = values.length === 1 ? values[0] : values
  }
  return compact
}

function checkName(name: string): void {
  if (name === "") {
    throw new BokehSessionError(
      "invalid-arguments",
      `arguments has an empty key: every argument needs a name, e.g. {"N":"10"}.`,
    )
  }
  if (name.startsWith(RESERVED_PREFIX)) {
    const suggested = name.slice(RESERVED_PREFIX.length) || "name"
    throw new BokehSessionError(
      "invalid-arguments",
      // Short on purpose: this message ships in the first script (see RESERVED_PREFIX for the whole story).
      `${label(name)}: keys starting with "${RESERVED_PREFIX}" are the Bokeh server's own parameters: ` +
        `rename the key, e.g. "${suggested}".`,
    )
  }
  checkWellFormed(name, `the key ${JSON.stringify(name)}`)
}

function checkWellFormed(text: string, where: string): void {
  if (!text.isWellFormed()) {
    const lone = [...text].find((char) => /[\uD800-\uDFFF]/.test(char)) ?? ""
    const code = lone.charCodeAt(0).toString(16).toUpperCase()
    throw new BokehSessionError(
      "invalid-arguments",
      `${where} contains a lone surrogate (U+${code}), which has no UTF-8 encoding: ` +
        `fix the string (String.prototype.toWellFormed() replaces it with U+FFFD).`,
    )
  }
}

/** Throws `invalid-arguments` when the arguments are over the value count or the query size limit. */
export function checkSize(args: NormalizedArguments): void {
  const fields = Object.values(args).reduce((count, values) => count + values.length, 0)
  if (fields > MAX_FIELDS) {
    throw new BokehSessionError(
      "invalid-arguments",
      `arguments has ${fields} values, over the limit of ${MAX_FIELDS}: ` +
        `send fewer values, e.g. join a list into one string and split it in the app.`,
    )
  }
  const bytes = new TextEncoder().encode(encodeArguments(args)).length
  if (bytes > MAX_QUERY_BYTES) {
    throw new BokehSessionError(
      "invalid-arguments",
      `arguments encode to a ${bytes}-byte query, over the limit of ${MAX_QUERY_BYTES} bytes ` +
        `(the Bokeh server refuses request headers over 64 KiB): send less, e.g. an id the app looks up.`,
    )
  }
}

function label(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `arguments.${name}` : `arguments[${JSON.stringify(name)}]`
}

function describe(value: unknown): string {
  if (value === null) {
    return "null"
  }
  switch (typeof value) {
    case "undefined":
      return "undefined"
    case "string":
      return `string ${JSON.stringify(value)}`
    case "bigint":
      return `bigint ${value}n`
    case "function":
      return "a function"
    case "symbol":
      return value.toString()
    case "object":
      return `${Array.isArray(value) ? "array" : "object"} ${preview(value)}`
    default:
      return `${typeof value} ${String(value)}`
  }
}

function suggestion(value: unknown): string {
  switch (typeof value) {
    case "number":
    case "boolean":
    case "bigint":
      return `write ${JSON.stringify(String(value))}`
    case "undefined":
      return `write "" for an empty value, or leave the key out`
    case "object":
      if (value === null) {
        return `write "" for an empty value, or leave the key out`
      }
      return Array.isArray(value)
        ? `flatten it to an array of strings`
        : `send it as a string, e.g. JSON.stringify(value), and parse it in the app`
    default:
      return `write it as a string`
  }
}

function preview(value: unknown): string {
  let text: string
  try {
    text = JSON.stringify(value) ?? String(value)
  } catch {
    text = Object.prototype.toString.call(value)
  }
  return text.length > 40 ? `${text.slice(0, 37)}...` : text
}

/** The `arguments` property's read form: normalized, or null when the input is invalid (see the element's error). */
export function readableArguments(input: ArgumentsInput): NormalizedArguments | null {
  try {
    return normalizeArguments(input)
  } catch {
    return null
  }
}
