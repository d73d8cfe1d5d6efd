import {describe, expect, it} from "vitest"
import {
  MAX_FIELDS,
  MAX_QUERY_BYTES,
  denormalizeArguments,
  encodeArguments,
  normalizeArguments,
  parseArgumentsAttribute,
} from "./arguments.js"
import {mergeArguments} from "./merge-arguments.js"
import {failure} from "./test-helpers.js"

describe("normalizeArguments", () => {
  it("turns strings into one-item lists and keeps arrays in order", () => {
    expect(normalizeArguments({N: "10", k: ["b", "a", "b"], empty: "", none: []})).toEqual({
      N: ["10"],
      k: ["b", "a", "b"],
      empty: [""],
      none: [],
    })
  })

  it("treats null and undefined as no arguments", () => {
    expect(normalizeArguments(null)).toEqual({})
    expect(normalizeArguments(undefined)).toEqual({})
  })

  it("accepts URLSearchParams and strings in the attribute's forms", () => {
    expect(normalizeArguments(new URLSearchParams("a=1&a=2"))).toEqual({a: ["1", "2"]})
    expect(normalizeArguments('{"a":"1"}')).toEqual({a: ["1"]})
  })

  it.each([
    [{N: 10}, 'arguments.N must be a string or an array of strings, got number 10: write "10".'],
    [{flag: true}, 'arguments.flag must be a string or an array of strings, got boolean true: write "true".'],
    [
      {N: null},
      'arguments.N must be a string or an array of strings, got null: write "" for an empty value, or leave the key out.',
    ],
    [
      {N: undefined},
      'arguments.N must be a string or an array of strings, got undefined: write "" for an empty value, or leave the key out.',
    ],
    [
      {cfg: {a: 1}},
      'arguments.cfg must be a string or an array of strings, got object {"a":1}: send it as a string, e.g. JSON.stringify(value), and parse it in the app.',
    ],
    [{N: ["1", 2]}, 'arguments.N[1] must be a string, got number 2: write "2".'],
    [{N: [["1"]]}, 'arguments.N[0] must be a string, got array ["1"]: flatten it to an array of strings.'],
  ])("rejects %j naming the key and the fix", (value, message) => {
    expect(failure("invalid-arguments", () => normalizeArguments(value)).message).toBe(message)
  })

  it("rejects a bigint and quotes a key that is not an identifier", () => {
    expect(failure("invalid-arguments", () => normalizeArguments({"my key": 1n})).message).toBe(
      'arguments["my key"] must be a string or an array of strings, got bigint 1n: write "1".',
    )
  })

  it("rejects a non-object", () => {
    expect(failure("invalid-arguments", () => normalizeArguments(42)).message).toMatch(
      /^arguments must be an object of strings, got number 42/,
    )
    expect(failure("invalid-arguments", () => normalizeArguments(["a"])).message).toMatch(
      /^arguments must be an object of strings, got array \["a"\]/,
    )
  })

  it("rejects an empty key", () => {
    expect(failure("invalid-arguments", () => normalizeArguments({"": "x"})).message).toMatch(/empty key/)
  })

  it("rejects keys Bokeh reserves, suggesting a name", () => {
    expect(failure("invalid-arguments", () => normalizeArguments({"bokeh-session-id": "x"})).message).toBe(
      `arguments["bokeh-session-id"]: keys starting with "bokeh-" are the Bokeh server's own parameters: rename the key, e.g. "session-id".`,
    )
  })

  it("rejects lone surrogates in keys and values", () => {
    expect(failure("invalid-arguments", () => normalizeArguments({a: "x\uD800y"})).message).toMatch(
      /^arguments\.a contains a lone surrogate \(U\+D800\)/,
    )
    expect(failure("invalid-arguments", () => normalizeArguments({["k\uDC00"]: "x"})).message).toMatch(
      /lone surrogate \(U\+DC00\)/,
    )
    expect(failure("invalid-arguments", () => normalizeArguments({a: ["ok", "\uDBFF"]})).message).toMatch(
      /^arguments\.a\[1\] contains a lone surrogate/,
    )
  })

  it("accepts paired surrogates (emoji)", () => {
    expect(normalizeArguments({"🎉": "🎉"})).toEqual({"🎉": ["🎉"]})
  })

  it("fails early above the server's field limit, with the count and the limit", () => {
    const values = Array.from({length: MAX_FIELDS + 1}, (_, index) => String(index))
    expect(failure("invalid-arguments", () => normalizeArguments({k: values})).message).toMatch(
      new RegExp(`^arguments has ${MAX_FIELDS + 1} values, over the limit of ${MAX_FIELDS}`),
    )
    expect(normalizeArguments({k: values.slice(1)}).k).toHaveLength(MAX_FIELDS)
  })

  it("fails early above the server's request size, with the measured size and the limit", () => {
    const big = "é".repeat(MAX_QUERY_BYTES / 6 + 1) // "%C3%A9": 6 bytes each when encoded
    const message = failure("invalid-arguments", () => normalizeArguments({v: big})).message
    expect(message).toMatch(
      new RegExp(`^arguments encode to a ${2 + big.length * 6}-byte query, over the limit of ${MAX_QUERY_BYTES} bytes`),
    )
  })
})

describe("parseArgumentsAttribute", () => {
  it("parses a JSON object", () => {
    expect(parseArgumentsAttribute(' {"N":"10","k":["a","b"]} ')).toEqual({N: ["10"], k: ["a", "b"]})
  })

  it("parses a query string, with or without ?", () => {
    expect(parseArgumentsAttribute("N=10&color=red&k=1&k=2")).toEqual({N: ["10"], color: ["red"], k: ["1", "2"]})
    expect(parseArgumentsAttribute("?a=b+c%26d&e=")).toEqual({a: ["b c&d"], e: [""]})
  })

  it("treats empty as no arguments", () => {
    expect(parseArgumentsAttribute(null)).toEqual({})
    expect(parseArgumentsAttribute("  ")).toEqual({})
  })

  it("reports malformed JSON with the parser's reason and both accepted forms", () => {
    const message = failure("invalid-arguments", () => parseArgumentsAttribute('{"N": 10,}')).message
    expect(message).toMatch(
      /^The arguments attribute is not valid JSON \(.+\): write a JSON object such as \{"N":"10"\} or a query string such as N=10\.$/,
    )
  })

  it("rejects JSON that is not an object", () => {
    expect(failure("invalid-arguments", () => parseArgumentsAttribute('["N"]')).message).toMatch(
      /^arguments must be an object of strings, got array/,
    )
    expect(failure("invalid-arguments", () => parseArgumentsAttribute('{"N": 10}')).message).toMatch(
      /^arguments\.N must be a string/,
    )
  })

  it("rejects reserved keys in the query form too", () => {
    expect(failure("invalid-arguments", () => parseArgumentsAttribute("bokeh-app-path=x")).message).toMatch(
      /the Bokeh server.s own parameters/,
    )
  })
})

describe("encodeArguments", () => {
  it("repeats a key once per value, in order", () => {
    expect(encodeArguments({k: ["1", "2"], N: ["10"]})).toBe("k=1&k=2&N=10")
  })

  it("round-trips tricky values through URLSearchParams", () => {
    const args = {"a b": ["& = # + %"], ключ: ["значение", ""], "+": ["%20"]}
    expect(normalizeArguments(new URLSearchParams(encodeArguments(args)))).toEqual(args)
  })

  it("sends nothing for an empty list", () => {
    expect(encodeArguments({k: []})).toBe("")
  })
})

describe("denormalizeArguments", () => {
  it("gives single values as strings and several as arrays", () => {
    expect(denormalizeArguments({a: ["1"], b: ["1", "2"], c: []})).toEqual({a: "1", b: ["1", "2"], c: []})
  })
})

/** Names that are members of Object.prototype: a record built on `{}` finds them before anything is sent. */
const UNUSUAL_NAMES = ["constructor", "__proto__", "toString", "valueOf", "hasOwnProperty", "isPrototypeOf"]

/** An own property for each name, `__proto__` included (an object literal would set the prototype instead). */
function ownRecord(entries: Array<[string, unknown]>): Record<string, unknown> {
  const record: Record<string, unknown> = {}
  for (const [name, value] of entries) {
    Object.defineProperty(record, name, {value, enumerable: true, writable: true, configurable: true})
  }
  return record
}

describe("names that Object.prototype also has", () => {
  const expected = (values: (name: string) => string[]): Array<[string, string[]]> =>
    UNUSUAL_NAMES.map((name) => [name, values(name)])

  it.each(UNUSUAL_NAMES)("the query form keeps %s with its values", (name) => {
    const parsed = parseArgumentsAttribute(`${name}=1&${name}=2`)
    expect(Object.entries(parsed)).toEqual([[name, ["1", "2"]]])
    expect(Object.getPrototypeOf(parsed)).toBeNull()
  })

  it("the query form keeps all of them at once, in order", () => {
    const parsed = parseArgumentsAttribute(UNUSUAL_NAMES.map((name) => `${name}=${name}!`).join("&"))
    expect(Object.entries(parsed)).toEqual(expected((name) => [`${name}!`]))
  })

  it("the JSON form keeps all of them, __proto__ included", () => {
    const json = `{${UNUSUAL_NAMES.map((name) => `"${name}":"${name}!"`).join(",")}}`
    const parsed = parseArgumentsAttribute(json)
    expect(Object.entries(parsed)).toEqual(expected((name) => [`${name}!`]))
    expect(Object.hasOwn(parsed, "__proto__")).toBe(true)
    expect(Object.getPrototypeOf(parsed)).toBeNull()
  })

  it("an object with them as own properties normalizes to exactly those", () => {
    const input = ownRecord(UNUSUAL_NAMES.map((name) => [name, [name, "b"]]))
    expect(Object.entries(normalizeArguments(input))).toEqual(expected((name) => [name, "b"]))
  })

  it("a name that is not sent is not found, whatever Object.prototype has", () => {
    const parsed = parseArgumentsAttribute("N=1")
    for (const name of UNUSUAL_NAMES) {
      expect(parsed[name]).toBeUndefined()
    }
  })

  it("encodes and reads back exactly", () => {
    const args = normalizeArguments(ownRecord(UNUSUAL_NAMES.map((name) => [name, `${name}?&=`])))
    const query = encodeArguments(args)
    expect(query).toBe(UNUSUAL_NAMES.map((name) => `${name}=${encodeURIComponent(`${name}?&=`)}`).join("&"))
    expect(Object.entries(parseArgumentsAttribute(query))).toEqual(Object.entries(args))
  })

  it("denormalizes to own properties only, on a record without a prototype", () => {
    const compact = denormalizeArguments(parseArgumentsAttribute("constructor=1&__proto__=a&__proto__=b"))
    expect(Object.entries(compact)).toEqual([
      ["constructor", "1"],
      ["__proto__", ["a", "b"]],
    ])
    expect(Object.getPrototypeOf(compact)).toBeNull()
    expect(compact.toString).toBeUndefined()
  })
})

describe("mergeArguments", () => {
  it("adds the url's names, and the arguments' values win for a name in both", () => {
    const merged = mergeArguments(
      parseArgumentsAttribute("theme=dark&N=1&N=2&k=x"),
      parseArgumentsAttribute('{"N":"10","color":"red"}'),
    )
    expect(Object.entries(merged)).toEqual([
      ["theme", ["dark"]],
      ["k", ["x"]],
      ["N", ["10"]],
      ["color", ["red"]],
    ])
    expect(Object.getPrototypeOf(merged)).toBeNull()
  })

  it("keeps an empty list from the arguments: the key then sends nothing, as the arguments say", () => {
    expect(Object.entries(mergeArguments(parseArgumentsAttribute("k=1"), {k: []}))).toEqual([["k", []]])
  })

  it("checks the merged size", () => {
    const half = "a".repeat(MAX_QUERY_BYTES / 2)
    expect(failure("invalid-arguments", () => mergeArguments({u: [half]}, {v: [half]})).message).toMatch(
      /over the limit of/,
    )
  })
})
