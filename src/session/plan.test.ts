import {describe, expect, it} from "vitest"
import type {NormalizedArguments} from "../core/arguments.js"
import {MAX_QUERY_AND_TOKEN_BYTES} from "./request-size.js"
import type {BokehSessionError} from "../core/errors.js"
import {obtainCredentials, planSession} from "./plan.js"
import {failure} from "../core/test-helpers.js"
import {base64UrlEncode} from "./token.js"

/** A token of about `bytes` bytes, like a signed one whose payload carries arguments (`__bk__zlib_`). */
function bigToken(bytes: number): string {
  const payload = {session_id: "s".repeat(44), session_expiry: 2_000_000_000, __bk__zlib_: "A".repeat((bytes * 3) / 4)}
  return `${base64UrlEncode(JSON.stringify(payload))}.${"s".repeat(43)}`
}

async function rejection(promise: Promise<unknown>): Promise<BokehSessionError> {
  try {
    await promise
  } catch (error) {
    return error as BokehSessionError
  }
  throw new Error("expected a rejection")
}

describe("planSession: a url with a query", () => {
  it("sends the url's query as arguments, and the arguments win for a name in both", () => {
    const plan = planSession("http://host:5006/app?theme=dark&N=1#x", {arguments: {N: "10", color: "red"}})
    expect(Object.entries(plan.arguments)).toEqual([
      ["theme", ["dark"]],
      ["N", ["10"]],
      ["color", ["red"]],
    ])
    expect(plan.query).toBe("theme=dark&N=10&color=red")
    expect(plan.websocketUrl).toBe("ws://host:5006/app/ws")
  })

  it("keeps names that Object.prototype has, from the url and the arguments", () => {
    const plan = planSession("http://host/app?constructor=1", {arguments: "__proto__=2&toString=3"})
    expect(plan.query).toBe("constructor=1&__proto__=2&toString=3")
  })
})

describe("the URL budget counts the token", () => {
  const query = {v: "a".repeat(40_000)}

  it("refuses a given token that does not fit beside the query, before any network use", () => {
    const token = bigToken(MAX_QUERY_AND_TOKEN_BYTES - 40_000)
    expect(
      failure("invalid-arguments", () => planSession("http://host/app", {arguments: query, token})).message,
    ).toMatch(/-byte token together take \d+ bytes, over the limit of/)
  })

  it("refuses a provider's token that does not fit beside the query", async () => {
    const token = bigToken(MAX_QUERY_AND_TOKEN_BYTES - 40_000)
    const plan = planSession("http://host/app", {arguments: query})
    const error = await rejection(obtainCredentials(plan, {tokenProvider: () => token}))
    expect(error.code).toBe("invalid-arguments")
    expect(error.message).toMatch(/a signed token repeats the arguments in its payload/)
  })

  it("lets a small token through beside a query at the query limit", async () => {
    const plan = planSession("http://host/app", {arguments: {v: "a".repeat(60 * 1024 - 2)}})
    const credentials = await obtainCredentials(plan, {tokenProvider: () => bigToken(600)})
    expect(credentials.minted).toBe(false)
    const args: NormalizedArguments = plan.arguments
    expect(args.v[0]).toHaveLength(60 * 1024 - 2)
  })
})

describe("planSession: extensions", () => {
  it('is "auto" unless "none" is asked for (an empty attribute counts as unset)', () => {
    expect(planSession("http://host/app").extensions).toBe("auto")
    expect(planSession("http://host/app", {extensions: ""}).extensions).toBe("auto")
    expect(planSession("http://host/app", {extensions: null}).extensions).toBe("auto")
    expect(planSession("http://host/app", {extensions: "none"}).extensions).toBe("none")
  })

  it("refuses anything else before any network use, with the values it takes", () => {
    expect(failure("invalid-option", () => planSession("http://host/app", {extensions: "off"})).message).toBe(
      'extensions must be "auto" or "none", got "off": e.g. extensions="none".',
    )
  })
})

describe("planSession: options", () => {
  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])(
    "timeout %s is invalid-option, naming the value",
    (timeout) => {
      expect(failure("invalid-option", () => planSession("http://host:5006/app", {timeout})).message).toBe(
        `timeout must be a positive number of milliseconds, got ${timeout}: e.g. timeout="30000".`,
      )
    },
  )
})

describe("planSession: bokehjs", () => {
  it("is auto by default, and takes bundled or server", () => {
    expect(planSession("http://host/app").bokehjs).toBe("auto")
    expect(planSession("http://host/app", {bokehjs: ""}).bokehjs).toBe("auto")
    expect(planSession("http://host/app", {bokehjs: "bundled"}).bokehjs).toBe("bundled")
    expect(planSession("http://host/app", {bokehjs: "server"}).bokehjs).toBe("server")
  })

  it("refuses anything else with invalid-option, naming the values", () => {
    expect(failure("invalid-option", () => planSession("http://host/app", {bokehjs: "cdn"})).message).toBe(
      'bokehjs must be "auto", "bundled" or "server", got "cdn": e.g. bokehjs="server" to render with the Bokeh ' +
        "server's own BokehJS.",
    )
  })

  it("knows the app URL its server knows it by", () => {
    expect(planSession("https://host/prefix/app/?x=1#top").appUrl).toBe("https://host/prefix/app")
  })
})
