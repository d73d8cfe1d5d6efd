import type {ArgumentsInput, NormalizedArguments} from "../core/arguments.js"
import type {EchoedArguments} from "../core/echo.js"
import {BokehSessionError, type BokehSessionErrorCode} from "../core/errors.js"
import type {EmitBokehSessionEvent} from "../element/events.js"
import {connectionLost} from "./connection-lost.js"
import {DEFAULT_RECONNECT_TIMEOUT_MS} from "../core/defaults.js"
import {
  obtainCredentials,
  openPlannedSession,
  planSession,
  prefetchBokehJs,
  type DisconnectInfo,
  type PulledSession,
  type SessionCredentials,
  type SessionPlan,
  type TokenProvider,
} from "./pull-session.js"

/** The steps of opening a session (pull-session.ts); tests pass fakes. */
export interface SessionSteps {
  planSession: typeof planSession
  prefetchBokehJs: typeof prefetchBokehJs
  obtainCredentials: typeof obtainCredentials
  openPlannedSession: typeof openPlannedSession
}

const pullSessionSteps: SessionSteps = {planSession, prefetchBokehJs, obtainCredentials, openPlannedSession}

export type BokehSessionStatus = "idle" | "connecting" | "connected" | "reconnecting" | "closed" | "error"

export type {ArgumentsInput}

export interface SessionInputs {
  url: string | null
  arguments: ArgumentsInput
  token: string | null
  tokenProvider: TokenProvider | null
  timeout: number | null
  reconnectTimeout: number | null
  extensions?: string | null
}

/** How the lifecycle reaches its element. */
export interface SessionHost {
  /** The element's inputs now (re-read for every attempt). */
  inputs(): SessionInputs
  /** A fresh, attached container for one session's roots: a new session renders beside the last, then replaces it. */
  createRootsContainer(): Promise<HTMLElement>
  /** Something shown changed (status, echo, error). */
  changed(): void
  /** Fires one of the element's events (a misspelt name or a missing detail field does not compile). */
  emit: EmitBokehSessionEvent
}

/** Failures that another attempt cannot fix. */
const FINAL_CODES: ReadonlySet<BokehSessionErrorCode> = new Set([
  "invalid-url",
  "invalid-arguments",
  "invalid-token",
  "unknown-model",
])

const reconnectDelay = (attempt: number): number => Math.min(5000, 250 * 2 ** attempt)
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

function asSessionError(error: unknown): BokehSessionError {
  return error instanceof BokehSessionError
    ? error
    : new BokehSessionError("session-rejected", `The session could not be opened: ${String(error)}`, {cause: error})
}

/**
 * One element's sessions over time: connect, reconnect after a loss, close. The latest call wins: `connect()` and
 * `close()` bump a generation, every await is followed by a generation check, and a stale result is closed.
 */
export class SessionLifecycle {
  status: BokehSessionStatus = "idle"
  sessionId: string | null = null
  sent: NormalizedArguments | null = null
  echo: EchoedArguments | null = null
  error: BokehSessionError | null = null
  reconnectAttempt = 0

  #host: SessionHost
  #steps: SessionSteps
  #generation = 0
  #current: PulledSession | null = null
  #currentRoots: HTMLElement | null = null
  #abort: AbortController | null = null
  #websocketUrl = ""
  /** The last connect's outcome, settled; an aborted connect settles once its socket is closed. */
  #settled: Promise<unknown> = Promise.resolve()

  constructor(host: SessionHost, steps: SessionSteps = pullSessionSteps) {
    this.#host = host
    this.#steps = steps
  }

  get session(): PulledSession | null {
    return this.#current
  }

  /** True while a session is live, being opened or being reopened. */
  get active(): boolean {
    return this.#current != null || this.status === "connecting" || this.status === "reconnecting"
  }

  /** Closes whatever is open and opens a session with the current inputs. */
  async connect(): Promise<void> {
    const generation = this.#supersede()
    const inputs = this.#host.inputs()
    this.sessionId = null
    this.sent = null
    if (inputs.url == null || inputs.url === "") {
      this.#set("idle")
      return
    }
    try {
      const plan = this.#plan(inputs)
      this.#set("connecting")
      const credentials = await this.#steps.obtainCredentials(plan, inputs)
      if (generation !== this.#generation) {
        return
      }
      this.sessionId = credentials.sessionId
      this.sent = plan.arguments
      this.#host.changed()
      this.#host.emit("bokeh-session-connecting", {sessionId: credentials.sessionId, arguments: plan.arguments})
      await this.#show(generation, plan, credentials, "bokeh-session-ready")
    } catch (error) {
      if (generation === this.#generation) {
        this.#fail(asSessionError(error))
      }
    }
  }

  /** Closes the session (idempotent); nothing reconnects until `connect()`. */
  close(): void {
    this.#supersede()
    this.#set("closed")
  }

  /** Makes every call in flight stale and ends what it opened; returns the new generation. */
  #supersede(): number {
    this.#generation++
    this.#abort?.abort()
    this.#abort = null
    this.#release(true)
    this.echo = null
    this.error = null
    return this.#generation
  }

  /** Validates the inputs (throws before any network use) and starts loading BokehJS alongside. */
  #plan(inputs: SessionInputs): SessionPlan {
    const plan = this.#steps.planSession(inputs.url!, inputs)
    this.#steps.prefetchBokehJs()
    this.#websocketUrl = plan.websocketUrl
    return plan
  }

  /**
   * Opens the planned session, renders it beside the current one, which it then replaces, and announces it with
   * `announcement`. Does nothing more once a newer call superseded this one (what it opened is closed).
   */
  async #show(
    generation: number,
    plan: SessionPlan,
    credentials: SessionCredentials,
    announcement: "bokeh-session-ready" | "bokeh-session-reconnected",
  ): Promise<void> {
    const stale = (): boolean => generation !== this.#generation
    // One socket at a time: rapid changes then open a few sessions on the server, not one per change.
    await this.#settled
    if (stale()) {
      return
    }
    // A loss reported before the session is shown (it is still rendering) is acted on once it is.
    let shown = false
    let lostEarly: DisconnectInfo | null = null
    const abort = new AbortController()
    this.#abort = abort
    const opening = this.#steps.openPlannedSession(plan, credentials, {
      signal: abort.signal,
      onDisconnect: (info) => {
        if (shown) {
          void this.#reconnect(generation, pulled, info)
        } else {
          lostEarly = info
        }
      },
      onWarning: (message) => this.#host.emit("bokeh-session-warning", {message}),
    })
    // Settled, not resolved: holding the session here would keep a closed one's document alive.
    this.#settled = opening.then(
      () => undefined,
      () => undefined,
    )
    let pulled: PulledSession
    try {
      pulled = await opening
    } finally {
      if (this.#abort === abort) {
        this.#abort = null
      }
    }
    if (stale()) {
      pulled.close()
      return
    }
    const roots = await this.#host.createRootsContainer()
    try {
      await pulled.render(roots)
    } catch (error) {
      pulled.close()
      roots.remove()
      throw error
    }
    if (stale()) {
      pulled.close()
      roots.remove()
      return
    }
    // A reconnect replaces the lost session quietly: `bokeh-session-disconnected` already announced its end.
    this.#release(false)
    this.#current = pulled
    this.#currentRoots = roots
    this.sessionId = pulled.sessionId
    this.sent = pulled.arguments
    this.echo = pulled.echo
    this.error = null
    this.#set("connected")
    this.#host.emit(announcement, {sessionId: pulled.sessionId, arguments: pulled.arguments, echo: pulled.echo})
    shown = true
    if (lostEarly != null) {
      void this.#reconnect(generation, pulled, lostEarly)
    }
  }

  /** After a loss: keep the last picture, reopen with a fresh token (same arguments) until the server is back. */
  async #reconnect(generation: number, lost: PulledSession, info: DisconnectInfo): Promise<void> {
    if (generation !== this.#generation || this.#current !== lost) {
      return
    }
    const started = Date.now()
    const window = this.#host.inputs().reconnectTimeout ?? DEFAULT_RECONNECT_TIMEOUT_MS
    this.reconnectAttempt = 0
    this.#set("reconnecting")
    this.#host.emit("bokeh-session-disconnected", {sessionId: lost.sessionId, code: info.code, reason: info.reason})
    let last: BokehSessionError | null = null
    while (Date.now() - started < window) {
      await sleep(reconnectDelay(this.reconnectAttempt))
      if (generation !== this.#generation) {
        return
      }
      this.reconnectAttempt++
      this.#host.changed()
      try {
        const inputs = this.#host.inputs()
        const plan = this.#plan(inputs)
        // A minted token keeps the session id: if the server still has the session, it comes back as it was.
        const credentials = await this.#steps.obtainCredentials(plan, inputs, lost.sessionId)
        if (generation === this.#generation) {
          await this.#show(generation, plan, credentials, "bokeh-session-reconnected")
        }
        return
      } catch (error) {
        if (generation !== this.#generation) {
          return
        }
        last = asSessionError(error)
        if (FINAL_CODES.has(last.code)) {
          break
        }
      }
    }
    this.#supersede()
    this.#fail(connectionLost(this.#websocketUrl, Date.now() - started, last))
  }

  /** Closes the current session and removes its roots, firing `bokeh-session-closed` when `announce`. */
  #release(announce: boolean): void {
    const current = this.#current
    this.#current = null
    this.#currentRoots?.remove()
    this.#currentRoots = null
    if (current != null) {
      current.close()
      if (announce) {
        this.#host.emit("bokeh-session-closed", {sessionId: current.sessionId})
      }
    }
  }

  #fail(error: BokehSessionError): void {
    this.error = error
    this.#set("error")
    this.#host.emit("bokeh-session-error", {code: error.code, message: error.message})
  }

  #set(status: BokehSessionStatus): void {
    this.status = status
    this.#host.changed()
  }
}
