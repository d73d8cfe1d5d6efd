// A token "backend" inside the page, for tests of `tokenProvider` against the unsigned shared server: it mints
// unsigned Bokeh tokens (as bokeh.util.token does with signing off) for session ids it chooses, so a test knows
// which session id each provider call must produce.
import type {Page} from "@playwright/test"

export interface PageTokens {
  /** A fresh id in Bokeh's alphabet (44 characters), from the crypto RNG. */
  randomSessionId(): string
  /** An unsigned token for `sessionId`, valid for an hour. */
  mintToken(sessionId: string): string
}

/** Defines `window.tokens` (see PageTokens) in every document the page opens from now on. */
export async function installPageTokens(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    const tokens: PageTokens = {
      randomSessionId: () =>
        Array.from(crypto.getRandomValues(new Uint8Array(44)), (byte) => alphabet[byte % alphabet.length]).join(""),
      mintToken: (sessionId) =>
        btoa(JSON.stringify({session_id: sessionId, session_expiry: Math.floor(Date.now() / 1000) + 3600}))
          .replace(/\+/g, "-")
          .replace(/\//g, "_")
          .replace(/=+$/, ""),
    }
    ;(window as unknown as {tokens: PageTokens}).tokens = tokens
  })
}
