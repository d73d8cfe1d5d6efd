import {describe, expect, it} from "vitest"
import {
  MAX_FIELDS,
  MAX_QUERY_BYTES,
  denormalizeArguments,
  encodeArguments,
  normalizeArguments,
  parseArgumentsAttribute,
} from "./arguments.js"
import {BokehSessionError} from "./errors.js"

function failure(run: () => unknown): BokehSessionError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(BokehSessionError)
    expect((error as BokehSessionError).code).toBe("invalid-arguments")
    return error as BokehSessionError
  }
  throw new Error("expected a BokehSessionError")
}

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
    expect(failure(() => normalizeArguments(value)).message).toBe(message)
  })

  it("rejects a bigint and quotes a key that is not an identifier", () => {
    expect(failure(() => normalizeArguments({"my key": 1n})).message).toBe(
      'arguments["my key"] must be a string or an array of strings, got bigint 1n: write "1".',
    )
  })

  it("rejects a non-object", () => {
    expect(failure(() => normalizeArguments(42)).message).toMatch(
      /^arguments must be an object of strings, got number 42/,
    )
    expect(failure(() => normalizeArguments(["a"])).message).toMatch(
      /^arguments must be an object of strings, got array \["a"\]/,
    )
  })

  it("rejects an empty key", () => {
    expect(failure(() => normalizeArguments({"": "x"})).message).toMatch(/empty key/)
  })

  it("rejects keys Bokeh reserves, suggesting a name", () => {
    expect(failure(() => normalizeArguments({"bokeh-session-id": "x"})).message).toBe(
      'arguments["bokeh-session-id"]: keys starting with "bokeh-" are reserved by the Bokeh server, which drops them: rename the key, e.g. "session-id".',
    )
  })

  it("rejects lone surrogates in keys and values", () => {
    expect(failure(() => normalizeArguments({a: "x\uD800y"})).message).toMatch(
      /^arguments\.a contains a lone surrogate \(U\+D800\)/,
    )
    expect(failure(() => normalizeArguments({["k\uDC00"]: "x"})).message).toMatch(/lone surrogate \(U\+DC00\)/)
    expect(failure(() => normalizeArguments({a: ["ok", "\uDBFF"]})).message).toMatch(
      /^arguments\.a\[1\] contains a lone surrogate/,
    )
  })

  it("accepts paired surrogates (emoji)", () => {
    expect(normalizeArguments({"🎉": "🎉"})).toEqual({"🎉": ["🎉"]})
  })

  it("fails early above the server's field limit, with the count and the limit", () => {
    const values = Array.from({length: MAX_FIELDS + 1}, (_, index) => String(index))
    expect(failure(() => normalizeArguments({k: values})).message).toMatch(
      new RegExp(`^arguments has ${MAX_FIELDS + 1} values, over the limit of ${MAX_FIELDS}`),
    )
    expect(normalizeArguments({k: values.slice(1)}).k).toHaveLength(MAX_FIELDS)
  })

  it("fails early above the server's request size, with the measured size and the limit", () => {
    const big = "é".repeat(MAX_QUERY_BYTES / 6 + 1) // "%C3%A9": 6 bytes each when encoded
    const message = failure(() => normalizeArguments({v: big})).message
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
    const message = failure(() => parseArgumentsAttribute('{"N": 10,}')).message
    expect(message).toMatch(
      /^The arguments attribute is not valid JSON \(.+\): write a JSON object such as \{"N":"10"\} or a query string such as N=10\.$/,
    )
  })

  it("rejects JSON that is not an object", () => {
    expect(failure(() => parseArgumentsAttribute('["N"]')).message).toMatch(
      /^arguments must be an object of strings, got array/,
    )
    expect(failure(() => parseArgumentsAttribute('{"N": 10}')).message).toMatch(/^arguments\.N must be a string/)
  })

  it("rejects reserved keys in the query form too", () => {
    expect(failure(() => parseArgumentsAttribute("bokeh-app-path=x")).message).toMatch(/reserved by the Bokeh server/)
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
