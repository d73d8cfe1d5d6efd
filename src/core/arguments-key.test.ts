import {describe, expect, it} from "vitest"
import {argumentsKey, argumentsToAttribute} from "./arguments-key.js"

describe("argumentsKey", () => {
  it("is the same for equal content, whatever the key order or form", () => {
    const key = argumentsKey({N: "10", k: ["a", "b"]})
    expect(argumentsKey({k: ["a", "b"], N: "10"})).toBe(key)
    expect(argumentsKey({N: ["10"], k: ["a", "b"]})).toBe(key)
    expect(argumentsKey('{"k":["a","b"],"N":"10"}')).toBe(key)
    expect(argumentsKey("k=a&N=10&k=b")).toBe(key)
    expect(argumentsKey(new URLSearchParams("N=10&k=a&k=b"))).toBe(key)
  })

  it("differs when a value, the order of a name's values, or a name differs", () => {
    const key = argumentsKey({N: "10", k: ["a", "b"]})
    expect(argumentsKey({N: "11", k: ["a", "b"]})).not.toBe(key)
    expect(argumentsKey({N: "10", k: ["b", "a"]})).not.toBe(key)
    expect(argumentsKey({N: "10", k: ["a", "b"], extra: "1"})).not.toBe(key)
    expect(argumentsKey({n: "10", k: ["a", "b"]})).not.toBe(key)
  })

  it("treats no arguments and an empty object alike", () => {
    expect(argumentsKey(null)).toBe(argumentsKey({}))
    expect(argumentsKey("")).toBe(argumentsKey({}))
  })

  it("is null for invalid arguments", () => {
    expect(argumentsKey({N: 10} as never)).toBeNull()
    expect(argumentsKey('{"N": ')).toBeNull()
  })
})

describe("argumentsToAttribute", () => {
  it("keeps text as it is and writes objects as JSON", () => {
    expect(argumentsToAttribute("N=10&k=a")).toBe("N=10&k=a")
    expect(argumentsToAttribute('{"N":"10"}')).toBe('{"N":"10"}')
    expect(argumentsToAttribute({N: "10", k: ["a", "b"]})).toBe('{"N":"10","k":["a","b"]}')
    expect(
      argumentsToAttribute(
        new URLSearchParams([
          ["N", "10"],
          ["k", "a b"],
        ]),
      ),
    ).toBe("N=10&k=a+b")
  })

  it("removes the attribute for null, and for what JSON cannot write", () => {
    expect(argumentsToAttribute(null)).toBeNull()
    const circular: Record<string, unknown> = {}
    circular.self = circular
    expect(argumentsToAttribute(circular as never)).toBeNull()
  })
})
