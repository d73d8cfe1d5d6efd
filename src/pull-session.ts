import {encodeArguments, normalizeArguments, type NormalizedArguments, type SessionArguments} from "./arguments.js"
import {BokehSessionError} from "./errors.js"
import type {EchoedArguments} from "./echo.js"
import {mintSessionId, mintUnsignedToken, parseToken} from "./token.js"
import {appUrlToWebSocketUrl} from "./url.js"
import type {ClientSession, Document} from "./bokeh/adapter.js"

/** Long enough for a slow app to build its document; far below BokehJS's own ~240 s hang on a stuck server. */
export const DEFAULT_TIMEOUT_MS = 30_000

export interface PullSessionOptions {
  /** An object (`{N: "10"}`, arrays send a key once per item), a JSON string or a query string. */
  arguments?: SessionArguments | URLSearchParams | string | null
  /** A token minted by a backend (needed when the server signs session ids). Minted here when absent. */
  token?: string | null
  /** Milliseconds to wait for the document before failing with code `timeout`. */
  timeout?: number
  /** Aborts the connect; the promise then rejects with the signal's reason. */
  signal?: AbortSignal
}

/** Everything known before any network use. */
export interface PreparedSession {
  websocketUrl: string
  sessionId: string
  token: string
  arguments: NormalizedArguments
  query: string
  timeoutMs: number
}

export interface PulledSession {
  /** The BokehJS `ClientSession`. */
  readonly session: ClientSession
  /** The BokehJS `Document` of the session. */
  readonly document: Document
  readonly sessionId: string
  /** The arguments sent, normalized. */
  readonly arguments: NormalizedArguments
  /** The arguments the server echoed (see `echo_arguments` in the Python helper), or null if the app does not echo. */
  readonly echo: EchoedArguments | null
  /** Renders the document's roots into `container`. */
  render(container: HTMLElement): Promise<void>
  /** Closes the websocket (the server then discards the session) and frees the document and its views. */
  close(): void
}

/** Validates the inputs and mints the token; throws `BokehSessionError` before any network use. */
export function prepareSession(url: string, options: Omit<PullSessionOptions, "signal"> = {}): PreparedSession {
  const websocketUrl = appUrlToWebSocketUrl(url)
  const args = normalizeArguments(options.arguments)
  const timeoutMs = options.timeout ?? DEFAULT_TIMEOUT_MS
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
    throw new BokehSessionError("invalid-arguments", `timeout must be a positive number of milliseconds, got ${String(options.timeout)}.`)
  }
  let sessionId: string
  let token: string
  if (options.token != null && options.token !== "") {
    token = options.token.trim()
    sessionId = parseToken(token).session_id
  } else {
    sessionId = mintSessionId()
    token = mintUnsignedToken(sessionId)
  }
  return {websocketUrl, sessionId, token, arguments: args, query: encodeArguments(args), timeoutMs}
}

/** Opens a prepared session: loads BokehJS on first use, connects, and reads the echo. */
export async function openPreparedSession(prepared: PreparedSession, signal?: AbortSignal): Promise<PulledSession> {
  const {openSession} = await import("./bokeh/adapter.js")
  signal?.throwIfAborted()
  const opened = await openSession({
    websocketUrl: prepared.websocketUrl,
    token: prepared.token,
    query: prepared.query,
    timeoutMs: prepared.timeoutMs,
    signal,
  })
  return {
    session: opened.session,
    document: opened.document,
    sessionId: prepared.sessionId,
    arguments: prepared.arguments,
    echo: opened.readEcho(),
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
  return openPreparedSession(prepareSession(url, options), options.signal)
}
