import {normalizeArguments, type NormalizedArguments, type SessionArguments} from "../core/arguments.js"
import {DEFAULT_TIMEOUT_MS} from "../core/defaults.js"
import {BokehSessionError} from "../core/errors.js"
import {watchPolicyBlocks} from "../core/policy-blocks.js"
import {asRenderError, asSessionError} from "./internal-error.js"
import type {EchoedArguments} from "../core/echo.js"
import type {LiveLink, OpenedSession} from "./bokehjs.js"
import {chooseBokehJs, prefetchBokehJsFor} from "./choose-bokehjs.js"
import {timedOut} from "./timed-out.js"
import {LiveArgumentsChannel, type UpdateSource} from "./live-arguments.js"
import {obtainCredentials, planSession, type SessionCredentials, type SessionOptions, type SessionPlan} from "./plan.js"
import {SessionSocket} from "./session-socket.js"
import type {BokehClientSession, BokehDocument, DisconnectInfo} from "../core/bokeh-objects.js"

// Validation and credentials (no network) live in plan.ts; importers of this module keep finding them here.
export {obtainCredentials, planSession}
export type {SessionCredentials, SessionOptions, SessionPlan, TokenProvider, TokenRequest} from "./plan.js"
export type {DisconnectInfo, UpdateSource}

/** A change of a live session's arguments, as the echo shows it. */
export interface ArgumentsChange {
  /** The arguments the app now holds (its echo). */
  arguments: EchoedArguments
  /** `page`: asked for with `updateArguments`; `server`: made by the app (`live.update(...)`). */
  source: UpdateSource
}

export {DEFAULT_TIMEOUT_MS}

/** The options of `pullSession`: which session to open (plan.ts), and how it reports. */
export interface PullSessionOptions extends SessionOptions {
  /**
   * Aborts the connect; the promise then rejects at once with the signal's reason. The socket, if one is open,
   * is closed when the server answers it (closing earlier would leave the session on the server).
   */
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
  /**
   * Live apps only (see `live`): called whenever the echo shows new arguments, those asked for with
   * `updateArguments` (`source: "page"`) and those the app set itself (`source: "server"`).
   */
  onArgumentsChange?: (change: ArgumentsChange) => void
  /**
   * Called when the page's Content-Security-Policy refuses something the running session needs, e.g. compiling a
   * CustomJS without `'unsafe-eval'` (a `csp-blocked` error, once per cause). The session keeps running.
   */
  onPolicyBlock?: (error: BokehSessionError) => void
}

export interface PulledSession {
  /** The BokehJS `ClientSession`. */
  readonly session: BokehClientSession
  /** The BokehJS `Document` of the session. */
  readonly document: BokehDocument
  readonly sessionId: string
  /** The arguments sent, normalized; in a live session, the ones the app accepted last. */
  readonly arguments: NormalizedArguments
  /** The arguments the server echoed (see `echo_arguments` in the Python helper), or null if the app does not echo. */
  readonly echo: EchoedArguments | null
  /** The app accepts live arguments (`live_arguments(doc, on_change)` in Python): `updateArguments` works. */
  readonly live: boolean
  /**
   * Changes the running session's arguments in place (live apps only). Resolves with the echo once the app
   * accepted them; rejects with a `BokehSessionError`: `update-rejected` (the app refused them, or is not live),
   * `invalid-arguments`, or `connection-lost` (closed before the app answered). While a change is in flight only
   * the latest one waits; the ones it replaced settle with its outcome.
   */
  updateArguments(args: SessionArguments | URLSearchParams | string | null): Promise<EchoedArguments>
  /** The server's Bokeh version, as reported with the document. */
  readonly serverVersion: string | null
  /**
   * The release of the BokehJS that renders the document: the bundled one's, or the server's own when the server
   * runs another release (see `bokehjs`).
   */
  readonly bokehJsVersion: string
  /**
   * Renders the document's roots into `container`. Rejects with `render-failed` when BokehJS throws while
   * rendering (the session is then closed).
   */
  render(container: HTMLElement): Promise<void>
  /** Closes the websocket (the server then discards the session) and frees the document and its views. */
  close(): void
}

/**
 * Starts loading the BokehJS the plan most likely needs once the inputs are known to be valid, in parallel with
 * getting a token: invalid input downloads nothing. `openPlannedSession` awaits the same imports, where a failure
 * surfaces.
 */
export function prefetchBokehJs(plan: SessionPlan): void {
  prefetchBokehJsFor(plan)
}

/** How openPlannedSession reports to its caller, beyond what `pullSession` users can pass. */
export interface OpenOptions extends Pick<
  PullSessionOptions,
  "signal" | "onDisconnect" | "onWarning" | "onFatal" | "onArgumentsChange" | "onPolicyBlock"
> {
  /**
   * Called when an aborted connect has rejected (at once) while its socket still waits for the server's answer,
   * with a promise that settles once that socket is closed: the lifecycle opens its next socket only then.
   */
  onAbandoned?: (socketClosed: Promise<void>) => void
}

/**
 * Opens a planned session: opens its socket, chooses and loads its BokehJS (the bundled one, or the server's own:
 * choose-bokehjs.ts), connects, and reads the echo. Rejects with a `BokehSessionError` (`load-failed` when BokehJS
 * could not be fetched, `internal-error` for an exception nobody anticipated), or with the signal's reason once
 * aborted.
 */
export async function openPlannedSession(
  plan: SessionPlan,
  credentials: SessionCredentials,
  options: OpenOptions = {},
): Promise<PulledSession> {
  let channel: LiveArgumentsChannel | null = null
  let opened: OpenedSession
  let socket: SessionSocket | null = null
  let handedOver = false
  const startedAt = performance.now()
  const warn = (message: string): void => {
    console.warn(`bokeh-session: ${message}`)
    options.onWarning?.(message)
  }
  try {
    options.signal?.throwIfAborted()
    // The socket opens now, so the server creates the session while BokehJS loads; the BokehJS takes it over.
    socket = new SessionSocket(plan.websocketUrl, plan.query, credentials.token)
    const chosen = await untilAborted(
      withTimeout(chooseBokehJs(plan, socket, credentials), plan.timeoutMs, plan.websocketUrl),
      options.signal,
    )
    if (chosen.warning != null) {
      warn(chosen.warning)
    }
    handedOver = true
    opened = await chosen.bokehjs.openSession({
      websocketUrl: plan.websocketUrl,
      token: credentials.token,
      socket,
      sessionId: credentials.sessionId,
      serverVersion: chosen.serverVersion,
      tokenMinted: credentials.minted,
      query: plan.query,
      timeoutMs: plan.timeoutMs,
      startedAt,
      extensions: plan.extensions,
      signal: options.signal,
      onDisconnect: (info) => {
        channel?.close(unanswered("the connection was lost"))
        options.onDisconnect?.(info)
      },
      onWarning: options.onWarning,
      onFatal: (error) => {
        channel?.close(unanswered("the session failed"))
        options.onFatal?.(error)
      },
      onAbandoned: options.onAbandoned,
    })
  } catch (error) {
    if (socket != null && !handedOver) {
      socket.abandon()
      if (options.signal?.aborted === true) {
        options.onAbandoned?.(socket.closed)
      }
    }
    if (options.signal?.aborted === true) {
      throw error
    }
    throw asSessionError(error)
  }
  const stopWatching = watchPolicyBlocks(opened.document, (error) => options.onPolicyBlock?.(error))
  // The document exists now: whatever fails from here closes the session before it rejects.
  let echo: EchoedArguments | null
  let link: LiveLink | null
  try {
    echo = opened.readEcho(warn)
    link = opened.linkLiveArguments((state, changed) => channel?.receive(state, changed))
  } catch (error) {
    stopWatching()
    opened.close()
    throw asSessionError(error)
  }
  if (link != null) {
    channel = new LiveArgumentsChannel(link.send, link.initial, {
      updated: (changed, source) => options.onArgumentsChange?.({arguments: changed, source}),
      rejected: () => undefined,
    })
  }
  const live = channel
  return {
    session: opened.session,
    document: opened.document,
    sessionId: credentials.sessionId,
    get arguments() {
      return live?.echo ?? plan.arguments
    },
    get echo() {
      return live?.echo ?? echo
    },
    live: live != null,
    serverVersion: opened.serverVersion,
    bokehJsVersion: opened.bokehJsVersion,
    render: (container) =>
      opened.render(container).catch((error: unknown) => {
        stopWatching()
        return Promise.reject(asRenderError(error))
      }),
    async updateArguments(args) {
      if (live == null) {
        throw new BokehSessionError(
          "update-rejected",
          "This app does not accept live arguments: call live_arguments(doc, on_change) from bokeh_session in " +
            "the app, or open a new session with the new arguments.",
        )
      }
      return live.request(normalizeArguments(args))
    },
    close() {
      stopWatching()
      link?.close()
      live?.close(unanswered("the session was closed"))
      opened.close()
    },
  }
}

/** `work`, or `timeout` once `timeoutMs` passed. */
function withTimeout<T>(work: Promise<T>, timeoutMs: number, websocketUrl: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timedOut(websocketUrl, timeoutMs)), timeoutMs)
  })
  return Promise.race([work, expired]).finally(() => clearTimeout(timer))
}

/** `work`, or the signal's reason as soon as it aborts. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal == null) {
    return work
  }
  signal.throwIfAborted()
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason)
    signal.addEventListener("abort", onAbort, {once: true})
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort))
  })
}

function unanswered(why: string): BokehSessionError {
  return new BokehSessionError(
    "connection-lost",
    `The arguments change was not answered: ${why}. Open a new session with the arguments (the element does so ` +
      `when it reconnects).`,
  )
}

/**
 * Opens a Bokeh server session from the browser with the given arguments as URL query params, without the
 * element. Rejects with a `BokehSessionError`.
 *
 * @example
 * const pulled = await pullSession("http://localhost:5006/echo", {arguments: {N: "10"}})
 * await pulled.render(document.querySelector("#plot")!)
 * console.log(pulled.echo) // {N: ["10"]}
 * if (pulled.live) await pulled.updateArguments({N: "20"}) // same session, same document
 * pulled.close()
 */
export async function pullSession(url: string, options: PullSessionOptions = {}): Promise<PulledSession> {
  const plan = planSession(url, options)
  prefetchBokehJs(plan)
  const credentials = await obtainCredentials(plan, options)
  options.signal?.throwIfAborted()
  return openPlannedSession(plan, credentials, options)
}
