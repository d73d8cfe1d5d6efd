import {parseArgumentsAttribute, type NormalizedArguments} from "../core/arguments.js"
import {BokehSessionError} from "../core/errors.js"

const EXAMPLE = "write the app URL that `bokeh serve` prints, e.g. http://localhost:5006/app"

const WEBSOCKET_SCHEME: ReadonlyMap<string, string> = new Map([
  ["http:", "ws:"],
  ["https:", "wss:"],
  ["ws:", "ws:"],
  ["wss:", "wss:"],
])

/**
 * The app URL as users copy it from `bokeh serve`'s log, resolved against the page, with query and hash dropped
 * (the query becomes arguments: see `argumentsInAppUrl`) and trailing slashes removed.
 */
export function normalizeAppUrl(url: string, base: string | undefined = globalThis.location?.href): URL {
  const parsed = parseAppUrl(url, base)
  parsed.search = ""
  parsed.hash = ""
  parsed.pathname = parsed.pathname.replace(/\/+$/, "")
  return parsed
}

/**
 * The arguments in the app URL's query: `http://host/app?theme=dark` sends `theme=dark` rather than dropping it
 * silently (a URL copied from a browser's address bar keeps its query). Merged with the `arguments` input, which
 * wins for a name in both (see `mergeArguments`). A reserved key (`bokeh-*`) is refused as `invalid-url`.
 */
export function argumentsInAppUrl(
  url: string,
  base: string | undefined = globalThis.location?.href,
): NormalizedArguments {
  const query = parseAppUrl(url, base).search
  try {
    return parseArgumentsAttribute(query)
  } catch (error) {
    throw new BokehSessionError(
      "invalid-url",
      `url ${JSON.stringify(url)} has a query that cannot be sent as arguments: ${(error as Error).message}`,
      {cause: error},
    )
  }
}

function parseAppUrl(url: string, base: string | undefined): URL {
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
  if (!WEBSOCKET_SCHEME.has(parsed.protocol)) {
    throw new BokehSessionError(
      "invalid-url",
      `url ${JSON.stringify(url)} uses ${parsed.protocol.replace(/:$/, "")}:, but a Bokeh server speaks http(s) or ws(s): ${EXAMPLE}.`,
    )
  }
  return parsed
}

/**
 * `http://host:5006/app` -> `ws://host:5006/app/ws` (https -> wss). A ws(s) URL that already ends in `/ws` is
 * taken as the websocket URL itself.
 */
export function appUrlToWebSocketUrl(url: string, base?: string): string {
  const app = normalizeAppUrl(url, base)
  const alreadyWebSocket = (app.protocol === "ws:" || app.protocol === "wss:") && app.pathname.endsWith("/ws")
  app.protocol = WEBSOCKET_SCHEME.get(app.protocol)!
  if (!alreadyWebSocket) {
    // An app at the root normalizes to pathname "/", hence the strip.
    app.pathname = `${app.pathname.replace(/\/+$/, "")}/ws`
  }
  return app.href
}

/** `ws://host:5006/app/ws` -> `http://host:5006/app` (wss -> https): the app URL a websocket URL belongs to. */
export function appUrlOf(websocketUrl: string): string {
  const url = new URL(websocketUrl)
  url.protocol = url.protocol === "wss:" ? "https:" : "http:"
  url.pathname = url.pathname.replace(/\/ws$/, "")
  return url.href.replace(/\/$/, "")
}
