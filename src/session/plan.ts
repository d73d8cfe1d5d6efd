/**
 * Everything about a connect that needs no network: the options checked (url, arguments, timeout, extensions, a
 * given token) and the token to send. pull-session.ts opens what is planned here, and re-exports it.
 */
import {
  encodeArguments,
  normalizeArguments,
  type NormalizedArguments,
  type SessionArguments,
} from "../core/arguments.js"
import {DEFAULT_TIMEOUT_MS} from "../core/defaults.js"
import {mergeArguments} from "../core/merge-arguments.js"
import {BokehSessionError} from "../core/errors.js"
import {checkRequestSize} from "./request-size.js"
import {mintSessionId, mintUnsignedToken, parseToken} from "./token.js"
import {appUrlOf, appUrlToWebSocketUrl, argumentsInAppUrl} from "./url.js"

/** What a token provider is given: mint a token for this app and these arguments. */
export interface TokenRequest {
  /** The app URL, as given. */
  url: string
  arguments: NormalizedArguments
}

/** Returns a session token signed by your backend (see docs/deploy.md). Called for every connect and reconnect. */
export type TokenProvider = (request: TokenRequest) => string | Promise<string>

/** Which session to open, and with which token: what `planSession` checks and `obtainCredentials` uses. */
export interface SessionOptions {
  /**
   * An object (`{N: "10"}`, arrays send a key once per item), a JSON string or a query string. A query in the url
   * (`.../app?theme=dark`) is sent too; for a name in both, these values win.
   */
  arguments?: SessionArguments | URLSearchParams | string | null
  /** A token minted by a backend (needed when the server signs session ids). Minted here when absent. */
  token?: string | null
  /** Called for a fresh token on every connect; takes precedence over `token`. */
  tokenProvider?: TokenProvider | null
  /** Milliseconds to wait for the document before failing with code `timeout`. */
  timeout?: number | null
  /**
   * "auto" (default): load the code of custom models from the app's Bokeh server (packaged extensions' bundles,
   * inline TypeScript models the app published), which runs that server's JavaScript in the page. "none": never.
   */
  extensions?: string | null
  /**
   * Which BokehJS renders the document. "auto" (default): the bundled one when the server runs its release, else
   * the server's own (its bokeh.min.js and bundles, from the server, as Bokeh's own embed loads them). "bundled":
   * always the bundled one (another release may fail to render). "server": always the server's own.
   */
  bokehjs?: string | null
}

/** Which BokehJS renders a session's document (see `SessionOptions.bokehjs`). */
export type BokehJsChoice = "auto" | "bundled" | "server"

const BOKEHJS_CHOICES: readonly string[] = ["auto", "bundled", "server"]

/** Everything checked before any network use. */
export interface SessionPlan {
  url: string
  websocketUrl: string
  /** The app URL, normalized: `http://host:5006/app` (the origin and path its server knows it by). */
  appUrl: string
  arguments: NormalizedArguments
  query: string
  timeoutMs: number
  extensions: "auto" | "none"
  bokehjs: BokehJsChoice
}

/** The token for one connect, and the session id inside it. */
export interface SessionCredentials {
  token: string
  sessionId: string
  /** Minted here, unsigned (no backend involved). */
  minted: boolean
}

/** Validates url, arguments, timeout and a given token; throws `BokehSessionError` before any network use. */
export function planSession(url: string, options: SessionOptions = {}): SessionPlan {
  const websocketUrl = appUrlToWebSocketUrl(url)
  const args = mergeArguments(argumentsInAppUrl(url), normalizeArguments(options.arguments))
  const timeoutMs = options.timeout ?? DEFAULT_TIMEOUT_MS
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
    throw new BokehSessionError(
      "invalid-option",
      `timeout must be a positive number of milliseconds, got ${String(options.timeout)}: e.g. timeout="30000".`,
    )
  }
  const extensions = options.extensions || "auto"
  if (extensions !== "auto" && extensions !== "none") {
    throw new BokehSessionError(
      "invalid-option",
      `extensions must be "auto" or "none", got ${JSON.stringify(extensions)}: e.g. extensions="none".`,
    )
  }
  const bokehjs = options.bokehjs || "auto"
  if (!BOKEHJS_CHOICES.includes(bokehjs)) {
    throw new BokehSessionError(
      "invalid-option",
      `bokehjs must be "auto", "bundled" or "server", got ${JSON.stringify(bokehjs)}: e.g. bokehjs="server" to ` +
        `render with the Bokeh server's own BokehJS.`,
    )
  }
  const query = encodeArguments(args)
  if (options.tokenProvider == null && options.token != null && options.token !== "") {
    parseToken(options.token.trim())
    checkRequestSize(query, options.token.trim())
  }
  const appUrl = appUrlOf(websocketUrl)
  return {url, websocketUrl, appUrl, arguments: args, query, timeoutMs, extensions, bokehjs: bokehjs as BokehJsChoice}
}

/**
 * The token for one connect: from the provider (fresh every time), else the given token, else minted here. A
 * minted token keeps `sessionId` when given, so a reconnect finds the same server session if it still exists.
 */
export async function obtainCredentials(
  plan: SessionPlan,
  options: Pick<SessionOptions, "token" | "tokenProvider">,
  sessionId?: string | null,
): Promise<SessionCredentials> {
  if (options.tokenProvider != null) {
    let token: unknown
    try {
      token = await options.tokenProvider({url: plan.url, arguments: plan.arguments})
    } catch (error) {
      throw new BokehSessionError(
        "token-unavailable",
        `tokenProvider failed (${error instanceof Error ? error.message : String(error)}): check that your token ` +
          `endpoint is up and allows this page (CORS), or set the token attribute instead.`,
        {cause: error},
      )
    }
    if (typeof token !== "string") {
      throw new BokehSessionError(
        "token-unavailable",
        `tokenProvider returned ${token === null ? "null" : typeof token}, not a token string: return the token text ` +
          `your backend's bokeh.util.token.generate_jwt_token made.`,
      )
    }
    const sessionId = parseToken(token.trim()).session_id
    // A signed token repeats the arguments, so the provider's token can push the request over the server's limit.
    checkRequestSize(plan.query, token.trim())
    return {token: token.trim(), sessionId, minted: false}
  }
  if (options.token != null && options.token !== "") {
    const token = options.token.trim()
    return {token, sessionId: parseToken(token).session_id, minted: false}
  }
  const id = sessionId ?? mintSessionId()
  return {token: mintUnsignedToken(id), sessionId: id, minted: true}
}
