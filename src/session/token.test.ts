import {describe, expect, it} from "vitest"
import {
  SESSION_ID_LENGTH,
  UNSIGNED_TOKEN_LIFETIME_SECONDS,
  base64UrlDecode,
  base64UrlEncode,
  mintSessionId,
  mintUnsignedToken,
  parseToken,
} from "./token.js"
import {failure} from "../core/test-helpers.js"

describe("mintSessionId", () => {
  it("makes 44 characters over [0-9A-Za-z], like Bokeh's own ids", () => {
    const id = mintSessionId()
    expect(id).toHaveLength(SESSION_ID_LENGTH)
    expect(id).toMatch(/^[0-9A-Za-z]{44}$/)
  })

  it("does not repeat and uses the whole alphabet", () => {
    const ids = Array.from({length: 2000}, () => mintSessionId())
    expect(new Set(ids).size).toBe(ids.length)
    expect(new Set(ids.join("")).size).toBe(62)
  })
})

describe("mintUnsignedToken", () => {
  it("encodes {session_id, session_expiry} as unpadded base64url JSON, as bokeh.util.token does", () => {
    const token = mintUnsignedToken("abc", 1_700_000_000_500)
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(JSON.parse(base64UrlDecode(token))).toEqual({
      session_id: "abc",
      session_expiry: 1_700_000_000 + UNSIGNED_TOKEN_LIFETIME_SECONDS,
    })
  })

  it("outlives a client clock two hours behind the server", () => {
    expect(UNSIGNED_TOKEN_LIFETIME_SECONDS).toBeGreaterThan(2 * 60 * 60 + 60)
  })
})

describe("parseToken", () => {
  it("reads the payload of signed and unsigned tokens", () => {
    const token = mintUnsignedToken("sid", 0)
    expect(parseToken(token).session_id).toBe("sid")
    expect(parseToken(`${token}.c2lnbmF0dXJl`).session_id).toBe("sid")
  })

  it.each([
    ["not a token!", /is not a Bokeh session token/],
    ["%%%", /is not a Bokeh session token/],
    [base64UrlEncode("not json"), /does not decode to a JSON payload/],
    [base64UrlEncode('{"session_expiry": 1}'), /lacks "session_id"/],
    [base64UrlEncode('{"session_id": "x"}'), /lacks "session_id" or "session_expiry"/],
  ])("rejects %j with code invalid-token", (token, message) => {
    expect(failure("invalid-token", () => parseToken(token)).message).toMatch(message)
  })
})

describe("base64url", () => {
  it("round-trips UTF-8 without padding", () => {
    for (const text of ["", "a", "ab", "abc", "é🎉", "?>?"]) {
      const encoded = base64UrlEncode(text)
      expect(encoded).not.toMatch(/[=+/]/)
      expect(base64UrlDecode(encoded)).toBe(text)
    }
  })
})
