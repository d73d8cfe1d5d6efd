import {spawnSync} from "node:child_process"
import {describe, expect, it, vi} from "vitest"
import {PYTHON} from "../../scripts/lib/python-env.mjs"
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

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

interface ReadByBokeh {
  session_id: string
  payload: Record<string, unknown>
  /** Seconds until the server refuses the token, by the server's own clock. */
  remaining: number
}

/**
 * What Bokeh's own Python makes of each token: bokeh.util.token's get_session_id and get_token_payload, and the
 * seconds left before the expiry check of bokeh/server/views/ws.py (same clock expression) refuses it.
 */
function readByBokeh(tokens: string[]): ReadByBokeh[] {
  const script = [
    "import calendar, datetime as dt, json, sys",
    "from bokeh.util.token import get_session_id, get_token_payload",
    "now = calendar.timegm(dt.datetime.now(tz=dt.timezone.utc).timetuple())",
    "read = [(get_session_id(t), get_token_payload(t)) for t in json.load(sys.stdin)]",
    'print(json.dumps([{"session_id": i, "payload": p, "remaining": p["session_expiry"] - now} for i, p in read]))',
  ].join("\n")
  const result = spawnSync(PYTHON, ["-c", script], {input: JSON.stringify(tokens), encoding: "utf8"})
  if (result.status !== 0) {
    throw new Error(`${PYTHON} failed on ${JSON.stringify(tokens)}: ${result.error?.message ?? result.stderr}`)
  }
  return JSON.parse(result.stdout) as ReadByBokeh[]
}

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

  it("is made of crypto.getRandomValues' bytes, each taken modulo 62 (bytes from 248 up skipped, as unbiased)", () => {
    // Bytes 0, 7, 14, ...: the ones at 248 and above (every 256 / 7 or so) must be skipped, the others mapped.
    const byteAt = (index: number): number => (index * 7) % 256
    const getRandomValues = vi
      .spyOn(crypto, "getRandomValues")
      .mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
        const bytes = new Uint8Array(array!.buffer, array!.byteOffset, array!.byteLength)
        bytes.forEach((_, index) => (bytes[index] = byteAt(index)))
        return array
      })
    try {
      // nanoid's Node build draws the bytes of 128 ids at a time into a pool: the id that refills it is made of the
      // refill's first bytes alone. A generator that never asks crypto.getRandomValues fails here.
      let id = ""
      for (let mint = 0; mint <= 128 && getRandomValues.mock.calls.length === 0; mint++) {
        id = mintSessionId()
      }
      expect(getRandomValues).toHaveBeenCalledTimes(1)
      // nanoid reads each draw of 73 bytes from the last one down.
      const step = Math.ceil((1.6 * 256 * SESSION_ID_LENGTH) / 248)
      const expected = Array.from({length: step}, (_, index) => byteAt(step - 1 - index))
        .filter((byte) => byte < 248)
        .map((byte) => ALPHABET[byte % 62])
        .join("")
        .slice(0, SESSION_ID_LENGTH)
      expect(expected).toHaveLength(SESSION_ID_LENGTH)
      expect(id).toBe(expected)
    } finally {
      getRandomValues.mockRestore()
    }
  })
})

describe("mintUnsignedToken", () => {
  it("encodes {session_id, session_expiry} as unpadded base64url JSON that bokeh.util.token reads", () => {
    const ids = ["abc", mintSessionId(), "s".repeat(44), "a?>b"]
    const tokens = ids.map((id) => mintUnsignedToken(id, 1_700_000_000_500))
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]+$/)
    }
    expect(readByBokeh(tokens).map(({session_id, payload}) => ({session_id, payload}))).toEqual(
      ids.map((id) => ({session_id: id, payload: {session_expiry: 1_700_000_000 + UNSIGNED_TOKEN_LIFETIME_SECONDS}})),
    )
  })

  it("minted by a client clock two hours behind the server, is still valid there for a while", () => {
    const behind = Date.now() - 2 * 60 * 60 * 1000
    const [read] = readByBokeh([mintUnsignedToken("late", behind)])
    expect(read.session_id).toBe("late")
    // A minute at least: the connect (and its retries' fresh tokens) happen well within it.
    expect(read.remaining).toBeGreaterThan(60)
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
