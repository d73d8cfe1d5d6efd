import {BokehSessionError} from "../core/errors.js"

const EXAMPLE = "write the app URL that `bokeh serve` prints, e.g. http://localhost:5006/app"

const WEBSOCKET_SCHEME: Record<string, string> = {
  "http:": "ws:",
  "https:": "wss:",
  "ws:": "ws:",
  "wss:": "wss:",
}

/**
 * The app URL as users copy it from `bokeh serve`'s log, resolved against the page, with query and hash dropped
 * (arguments go in the `arguments` attribute) and trailing slashes removed.
 */
export function normalizeAppUrl(url: string, base: string | undefined = globalThis.location?.href): URL {
  const text = url.trim()
  if (text === "") {
    throw new BokehSessionError("invalid-url", `url is empty: ${EXAMPLE}.`)
  }
  let parsed: URL
  try {
    parsed = new URL(text, base)
  } catch (error) {
    const why = base == null ? "is not an absolute URL (there is no page to resolve it against)" : "is not a valid URL"
    throw new BokehSessionError("invalid-url", `url ${JSON.stringify(url)} ${why}: ${EXAMPLE}.`, {cause: error})
  }
  if (!(parsed.protocol in WEBSOCKET_SCHEME)) {
    throw new BokehSessionError(
      "invalid-url",
      `url ${JSON.stringify(url)} uses ${parsed.protocol.replace(/:$/, "")}:, but a Bokeh server speaks http(s) or ws(s): ${EXAMPLE}.`,
    )
  }
  parsed.search = ""
  parsed.hash = ""
  parsed.pathname = parsed.pathname.replace(/\/+$/, "")
  return parsed
}

/**
 * `http://host:5006/app` -> `ws://host:5006/app/ws` (https -> wss). A ws(s) URL that already ends in `/ws` is
 * taken as the websocket URL itself.
 */
export function appUrlToWebSocketUrl(url: string, base?: string): string {
  const app = normalizeAppUrl(url, base)
  const alreadyWebSocket = (app.protocol === "ws:" || app.protocol === "wss:") && app.pathname.endsWith("/ws")
  app.protocol = WEBSOCKET_SCHEME[app.protocol]
  if (!alreadyWebSocket) {
    // An app at the root normalizes to pathname "/", hence the strip.
    app.pathname = `${app.pathname.replace(/\/+$/, "")}/ws`
  }
  return app.href
}
