import {customAlphabet} from "nanoid"
import {BokehSessionError} from "../core/errors.js"

/** Bokeh's own session ids: 44 characters over [0-9A-Za-z], about 262 bits from the crypto RNG. */
const SESSION_ID_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
export const SESSION_ID_LENGTH = 44

/** nanoid draws from `crypto.getRandomValues`, never `Math.random`. */
export const mintSessionId: () => string = customAlphabet(SESSION_ID_ALPHABET, SESSION_ID_LENGTH)

/**
 * How long a minted token stays valid. The server checks expiry only when a websocket opens, and every connect
 * and reconnect mints a fresh token (BokehJS's own reconnect, which would reuse the first token, is disabled in
 * the adapter), so this only has to cover a client clock up to 2 hours behind the server's, plus a margin.
 */
export const UNSIGNED_TOKEN_LIFETIME_SECONDS = 3 * 60 * 60

export interface TokenPayload {
  session_id: string
  session_expiry: number
  [key: string]: unknown
}

/**
 * An unsigned Bokeh session token: the base64url (unpadded) JSON payload that `bokeh.util.token` builds when
 * session signing is off. Servers with `BOKEH_SIGN_SESSIONS=yes` reject it: they need a token from a backend.
 */
export function mintUnsignedToken(sessionId: string, nowMs: number = Date.now()): string {
  const payload: TokenPayload = {
    session_id: sessionId,
    session_expiry: Math.floor(nowMs / 1000) + UNSIGNED_TOKEN_LIFETIME_SECONDS,
  }
  return base64UrlEncode(JSON.stringify(payload))
}

/** Reads a token's payload (signed or not; the signature is not checked here). */
export function parseToken(token: string): TokenPayload {
  const fix = "pass the token exactly as the backend's bokeh.util.token.generate_jwt_token returned it"
  if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)?$/.test(token)) {
    throw new BokehSessionError(
      "invalid-token",
      `token is not a Bokeh session token (expected base64url, optionally ".signature"): ${fix}.`,
    )
  }
  let payload: unknown
  try {
    payload = JSON.parse(base64UrlDecode(token.split(".")[0]))
  } catch (error) {
    throw new BokehSessionError("invalid-token", `token does not decode to a JSON payload: ${fix}.`, {cause: error})
  }
  const record = payload as Partial<TokenPayload> | null
  if (typeof record?.session_id !== "string" || record.session_id === "" || typeof record.session_expiry !== "number") {
    throw new BokehSessionError("invalid-token", `token payload lacks "session_id" or "session_expiry": ${fix}.`)
  }
  return record as TokenPayload
}

export function base64UrlEncode(text: string): string {
  const bytes = new TextEncoder().encode(text)
  let binary = ""
  for (const byte of bytes) {
    binary += String.fromCharCode(byte)
  }
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")
}

export function base64UrlDecode(encoded: string): string {
  const base64 = encoded.replace(/-/g, "+").replace(/_/g, "/")
  const padded = base64 + "=".repeat((4 - (base64.length % 4)) % 4)
  const binary = atob(padded)
  return new TextDecoder("utf-8", {fatal: true}).decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)))
}
