import {describe, expect, it} from "vitest"
import {MAX_QUERY_BYTES} from "../core/arguments.js"
import {failure} from "../core/test-helpers.js"
import {MAX_QUERY_AND_TOKEN_BYTES, checkRequestSize} from "./request-size.js"

describe("checkRequestSize", () => {
  it("lets an ordinary token pass beside a query at the limit", () => {
    expect(() => checkRequestSize("v=" + "a".repeat(MAX_QUERY_BYTES - 2), "t".repeat(200))).not.toThrow()
  })

  it("counts a signed token's payload: a query and a token over the budget together fail, naming both", () => {
    const query = "v=" + "a".repeat(40_000)
    const token = "t".repeat(MAX_QUERY_AND_TOKEN_BYTES - query.length + 1)
    expect(failure("invalid-arguments", () => checkRequestSize(query, token)).message).toBe(
      `the ${query.length}-byte query and the ${token.length}-byte token together take ${MAX_QUERY_AND_TOKEN_BYTES + 1} ` +
        `bytes, over the limit of ${MAX_QUERY_AND_TOKEN_BYTES} (the Bokeh server refuses request headers over 64 KiB, ` +
        `and a signed token repeats the arguments in its payload): send less, e.g. an id the app looks up.`,
    )
  })
})
