import {
  checkRequestSize,
  encodeArguments,
  mergeArguments,
  normalizeArguments,
  type NormalizedArguments,
  type SessionArguments,
} from "../core/arguments.js"
import {DEFAULT_TIMEOUT_MS} from "../core/defaults.js"
import {BokehSessionError} from "../core/errors.js"
import type {EchoedArguments} from "../core/echo.js"
import {mintSessionId, mintUnsignedToken, parseToken} from "./token.js"
import {appUrlToWebSocketUrl, argumentsInAppUrl} from "./url.js"
import type {BokehClientSession, BokehDocument, DisconnectInfo} from "../core/bokeh-objects.js"

export type {DisconnectInfo}

export {DEFAULT_TIMEOUT_MS}

/** What a token provider is given: mint a token for this app and these arguments. */
export interface TokenRequest {
  /** The app URL, as given. */
  url: string
  arguments: NormalizedArguments
}

/** Returns a session token signed by your backend (see docs/deploy.md). Called for every connect and reconnect. */
export type TokenProvider = (request: TokenRequest) => string | Promise<string>

export interface PullSessionOptions {
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
  /** Aborts the connect; the promise then rejects with the signal's reason. */
  signal?: AbortSignal
  /** Called once when the live session's websocket closes without `close()` (server gone, network lost). */
  onDisconnect?: (info: DisconnectInfo) => void
  /** Called when something works but deserves attention, e.g. a Bokeh version mismatch. */
  onWarning?: (message: string) => void
  /**
   * Called once when the live session fails after it opened, e.g. a later change brings a model type that
   * BokehJS cannot resolve (`unknown-model`). The session is already closed (socket, document, views).
   */
  onFatal?: (error: unknown) => void
}

/** Everything checked before any network use. */
export interface SessionPlan {
  url: string
  websocketUrl: string
  arguments: NormalizedArguments
  query: string
  timeoutMs: number
  extensions: "auto" | "none"
}

/** The token for one connect, and the session id inside it. */
export interface SessionCredentials {
  token: string
  sessionId: string
  /** Minted here, unsigned (no backend involved). */
  minted: boolean
}

export interface PulledSession {
  /** The BokehJS `ClientSession`. */
  readonly session: BokehClientSession
  /** The BokehJS `Document` of the session. */
  readonly document: BokehDocument
  readonly sessionId: string
  /** The arguments sent, normalized. */
  readonly arguments: NormalizedArguments
  /** The arguments the server echoed (see `echo_arguments` in the Python helper), or null if the app does not echo. */
  readonly echo: EchoedArguments | null
  /** The server's Bokeh version, as reported with the document. */
  readonly serverVersion: string | null
  /** Renders the document's roots into `container`. */
  render(container: HTMLElement): Promise<void>
  /** Closes the websocket (the server then discards the session) and frees the document and its views. */
  close(): void
}

/** Validates url, arguments, timeout and a given token; throws `BokehSessionError` before any network use. */
export function planSession(url: string, options: PullSessionOptions = {}): SessionPlan {
  const websocketUrl = appUrlToWebSocketUrl(url)
  const args = mergeArguments(argumentsInAppUrl(url), normalizeArguments(options.arguments))
  const timeoutMs = options.timeout ?? DEFAULT_TIMEOUT_MS
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
    throw new BokehSessionError(
      "invalid-arguments",
      `timeout must be a positive number of milliseconds, got ${String(options.timeout)}: e.g. timeout="30000".`,
    )
  }
  const extensions = options.extensions || "auto"
  if (extensions !== "auto" && extensions !== "none") {
    throw new BokehSessionError(
      "invalid-arguments",
      `extensions must be "auto" or "none", got ${JSON.stringify(extensions)}: e.g. extensions="none".`,
    )
  }
  const query = encodeArguments(args)
  if (options.tokenProvider == null && options.token != null && options.token !== "") {
    parseToken(options.token.trim())
    checkRequestSize(query, options.token.trim())
  }
  return {url, websocketUrl, arguments: args, query, timeoutMs, extensions}
}

/**
 * The token for one connect: from the provider (fresh every time), else the given token, else minted here. A
 * minted token keeps `sessionId` when given, so a reconnect finds the same server session if it still exists.
 */
export async function obtainCredentials(
  plan: SessionPlan,
  options: Pick<PullSessionOptions, "token" | "tokenProvider">,
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

/**
 * Starts loading BokehJS once the inputs are known to be valid, in parallel with getting a token: invalid input
 * downloads nothing. `openPlannedSession` awaits the same import, where a failure surfaces.
 */
export function prefetchBokehJs(): void {
  import("../bokeh/adapter.js").catch(() => undefined)
}

/** Opens a planned session: loads BokehJS on first use, connects, and reads the echo. */
export async function openPlannedSession(
  plan: SessionPlan,
  credentials: SessionCredentials,
  options: Pick<PullSessionOptions, "signal" | "onDisconnect" | "onWarning" | "onFatal"> = {},
): Promise<PulledSession> {
  const {openSession} = await import("../bokeh/adapter.js")
  options.signal?.throwIfAborted()
  const opened = await openSession({
    websocketUrl: plan.websocketUrl,
    token: credentials.token,
    tokenMinted: credentials.minted,
    query: plan.query,
    timeoutMs: plan.timeoutMs,
    extensions: plan.extensions,
    signal: options.signal,
    onDisconnect: options.onDisconnect,
    onWarning: options.onWarning,
    onFatal: options.onFatal,
  })
  return {
    session: opened.session,
    document: opened.document,
    sessionId: credentials.sessionId,
    arguments: plan.arguments,
    echo: opened.readEcho(),
    serverVersion: opened.serverVersion,
    render: opened.render,
    close: opened.close,
  }
}

/**
 * Opens a Bokeh server session from the browser with the given arguments as URL query params, without the
 * element. Rejects with a `BokehSessionError`.
 *
 * @example
 * const pulled = await pullSession("http://localhost:5006/echo", {arguments: {N: "10"}})
 * await pulled.render(document.querySelector("#plot")!)
 * console.log(pulled.echo) // {N: ["10"]}
 * pulled.close()
 */
export async function pullSession(url: string, options: PullSessionOptions = {}): Promise<PulledSession> {
  const plan = planSession(url, options)
  prefetchBokehJs()
  const credentials = await obtainCredentials(plan, options)
  options.signal?.throwIfAborted()
  return openPlannedSession(plan, credentials, options)
}
