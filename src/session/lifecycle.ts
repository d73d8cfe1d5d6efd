import type {NormalizedArguments} from "../core/arguments.js"
import type {EchoedArguments} from "../core/echo.js"
import type {BokehSessionError} from "../core/errors.js"
import {asSessionError} from "./internal-error.js"
import {connectionLost} from "./connection-lost.js"
import {sameArguments} from "./live-arguments.js"
import {DEFAULT_RECONNECT_TIMEOUT_MS} from "../core/defaults.js"
import {InPlaceArguments, argumentsInPlace} from "./in-place-arguments.js"
import {
  obtainCredentials,
  openPlannedSession,
  planSession,
  prefetchBokehJs,
  type DisconnectInfo,
  type PulledSession,
  type SessionCredentials,
  type SessionPlan,
} from "./pull-session.js"
import {backOff, checkReconnectTimeout, isFinal} from "./reconnect-policy.js"
import {displayWarnings} from "./display-options.js"
import {removeKeepingFocus} from "./keep-focus.js"
import type {BokehSessionStatus, SessionHost, SessionInputs} from "./session-host.js"
// The element's views that show only once a session opens come with the session code: the echo table
// (echo-table.ts), the loading indicator (loading.ts), the status line's words beyond the first two (labels.ts).
export {renderEchoTable, renderLoading, statusText, viewStyles} from "./element-view.js"
// pullSession() of the first script loads it from here: one import() for the whole session code.
export {pullSession} from "./pull-session.js"
export {countBokehJsObjects} from "./choose-bokehjs.js"
// What the element and the lifecycle say to each other (session-host.ts); the element imports it from here.
export type {BokehSessionStatus, SessionHost, SessionInputs}
export type {ArgumentsInput} from "../core/arguments.js"

/** The steps of opening a session (pull-session.ts); tests pass fakes. */
export interface SessionSteps {
  planSession: typeof planSession
  prefetchBokehJs: typeof prefetchBokehJs
  obtainCredentials: typeof obtainCredentials
  openPlannedSession: typeof openPlannedSession
}

const pullSessionSteps: SessionSteps = {planSession, prefetchBokehJs, obtainCredentials, openPlannedSession}

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
  /** Live arguments: changes the running session takes in place. */
  #inPlace: InPlaceArguments

  constructor(host: SessionHost, steps: SessionSteps = pullSessionSteps) {
    this.#host = host
    this.#steps = steps
    this.#inPlace = new InPlaceArguments(this, host, (session) => this.#current === session)
  }

  get session(): PulledSession | null {
    return this.#current
  }

  /** True while a session is live, being opened or being reopened. */
  get active(): boolean {
    return this.#current != null || this.status === "connecting" || this.status === "reconnecting"
  }

  /**
   * Closes whatever is open and opens a session with the current inputs. Given the element's changed properties,
   * with `arguments` but neither `url` nor `token` among them, a live session takes them in place instead when it
   * can (`updateArguments`). Other inputs may change in the same update (a framework passes a new `tokenProvider`
   * on every render): they are read at the next connect.
   */
  async connect(changed?: ReadonlyMap<PropertyKey, unknown>): Promise<void> {
    const argumentsOnly = changed?.has("arguments") === true && !changed.has("url") && !changed.has("token")
    if (argumentsOnly && this.updateArguments()) {
      return
    }
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
      for (const message of displayWarnings(inputs)) {
        this.#host.emit("bokeh-session-warning", {message})
      }
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

  /**
   * Changes the running session's arguments to the current inputs' in place, when its app accepts live arguments
   * and no token is involved (a signed session id carries signed arguments: those need a new session). Returns
   * false when a new session is needed instead.
   */
  updateArguments(): boolean {
    const current = this.#current
    if (current == null || this.status !== "connected") {
      return false
    }
    const args = argumentsInPlace(current, this.#host.inputs())
    if (args == null) {
      return false
    }
    this.#inPlace.request(current, args)
    return true
  }

  /** Closes the session (idempotent); nothing reconnects until `connect()`. */
  close(): void {
    this.#supersede()
    this.#set("closed")
  }

  /**
   * Makes every call in flight stale and ends what it opened; returns the new generation. `announce`: fire
   * `bokeh-session-closed` for the live session.
   */
  #supersede(announce = true): number {
    this.#generation++
    this.#abort?.abort()
    this.#abort = null
    this.#release(announce)
    this.echo = null
    this.error = null
    return this.#generation
  }

  /** Validates the inputs (throws before any network use) and starts loading the likely BokehJS alongside. */
  #plan(inputs: SessionInputs): SessionPlan {
    const plan = this.#steps.planSession(inputs.url!, inputs)
    checkReconnectTimeout(inputs.reconnectTimeout)
    this.#steps.prefetchBokehJs(plan)
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
    // A loss or a fatal error reported before the session is shown (it is still rendering) is acted on once the
    // render settles: a loss reconnects after the session is shown, a fatal error fails it instead of showing it.
    let shown = false
    let lostEarly: DisconnectInfo | null = null
    let fatalEarly: {error: unknown} | null = null
    const blockedEarly: BokehSessionError[] = []
    let abandoned: Promise<void> | undefined
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
      onArgumentsChange: (change) => {
        if (this.#showing(generation, pulled)) {
          this.#inPlace.changed(pulled, change)
        }
      },
      onFatal: (error) => {
        if (shown) {
          this.#fatal(generation, pulled, error)
        } else {
          fatalEarly = {error}
        }
      },
      onPolicyBlock: (error) => {
        if (!shown) {
          blockedEarly.push(error)
        } else if (this.#showing(generation, pulled)) {
          this.#blocked(error)
        }
      },
      onAbandoned: (socketClosed) => (abandoned = socketClosed),
    })
    // Settled, not resolved: holding the session here would keep a closed one's document alive. An aborted
    // connect rejects at once, and settles once its socket is closed: the next socket waits for that.
    this.#settled = opening.then(
      () => undefined,
      () => abandoned,
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
    const failed = fatalEarly as {error: unknown} | null
    if (failed != null) {
      // The adapter already closed the session; the one it was to replace (a reconnect's) ends with it.
      pulled.close()
      roots.remove()
      this.#supersede(false)
      this.#fail(asSessionError(failed.error))
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
    for (const error of blockedEarly) {
      this.#blocked(error)
    }
    if (lostEarly != null) {
      void this.#reconnect(generation, pulled, lostEarly)
    } else if (pulled.live && pulled.echo != null && !sameArguments(pulled.echo, plan.arguments)) {
      // A server that kept the session (a reconnect) holds its own arguments: send the element's latest.
      this.#inPlace.request(pulled, plan.arguments)
    }
  }

  /** After a loss: keep the last picture, reopen with a fresh token (same arguments) until the server is back. */
  async #reconnect(generation: number, lost: PulledSession, info: DisconnectInfo): Promise<void> {
    if (!this.#showing(generation, lost)) {
      return
    }
    const started = Date.now()
    const window = this.#host.inputs().reconnectTimeout ?? DEFAULT_RECONNECT_TIMEOUT_MS
    this.reconnectAttempt = 0
    this.#set("reconnecting")
    this.#host.emit("bokeh-session-disconnected", {sessionId: lost.sessionId, code: info.code, reason: info.reason})
    let last: BokehSessionError | null = null
    while (Date.now() - started < window) {
      await backOff(this.reconnectAttempt)
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
        if (isFinal(last)) {
          break
        }
      }
    }
    this.#supersede()
    this.#fail(connectionLost(this.#websocketUrl, Date.now() - started, last))
  }

  /**
   * The live session failed after it opened (a patch brought a type nothing resolves, or BokehJS threw applying
   * one): the adapter closed socket, document and views. Another attempt would fail the same way: no reconnect.
   */
  #fatal(generation: number, failed: PulledSession, error: unknown): void {
    if (!this.#showing(generation, failed)) {
      return
    }
    this.#supersede(false)
    this.#fail(asSessionError(error))
  }

  /** True while `session`, opened by the call of `generation`, is the one shown: its callbacks still count. */
  #showing(generation: number, session: PulledSession): boolean {
    return generation === this.#generation && this.#current === session
  }

  /** Closes the current session and removes its roots, firing `bokeh-session-closed` when `announce`. */
  #release(announce: boolean): void {
    const current = this.#current
    this.#current = null
    if (this.#currentRoots != null) {
      removeKeepingFocus(this.#currentRoots)
    }
    this.#currentRoots = null
    if (current != null) {
      current.close()
      if (announce) {
        this.#host.emit("bokeh-session-closed", {sessionId: current.sessionId})
      }
    }
  }

  /** The page's policy refused something the running session needs (a CustomJS): it keeps running, and says so. */
  #blocked(error: BokehSessionError): void {
    this.error = error
    this.#host.changed()
    this.#host.emit("bokeh-session-error", {code: error.code, message: error.message})
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
