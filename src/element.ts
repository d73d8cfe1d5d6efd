import {LitElement, html, nothing, type PropertyValues} from "lit"
import {denormalizeArguments, normalizeArguments, type NormalizedArguments, type SessionArguments} from "./arguments.js"
import {compareEcho, type EchoedArguments} from "./echo.js"
import {BokehSessionError} from "./errors.js"
import {openPreparedSession, prepareSession, type PulledSession} from "./pull-session.js"
import {styles} from "./element-styles.js"
import type {ClientSession} from "./bokeh/adapter.js"

export type BokehSessionStatus = "idle" | "connecting" | "connected" | "closed" | "error"

export interface BokehSessionConnectingDetail {
  sessionId: string
  arguments: NormalizedArguments
}
export interface BokehSessionReadyDetail {
  sessionId: string
  arguments: NormalizedArguments
  echo: EchoedArguments | null
}
export interface BokehSessionErrorDetail {
  code: BokehSessionError["code"]
  message: string
}
export interface BokehSessionClosedDetail {
  sessionId: string
}

const STATUS_TEXT: Record<BokehSessionStatus, string> = {
  idle: "Not connected",
  connecting: "Connecting…",
  connected: "Connected",
  closed: "Closed",
  error: "Failed",
}

const CONNECTION_INPUTS = ["url", "arguments", "token", "timeout"]

/** What the `arguments` property holds: the attribute's text, or the object a script set. */
type ArgumentsInput = SessionArguments | URLSearchParams | string | null

/**
 * Embeds a live Bokeh server app, opening its session from the browser with per-session arguments, and shows
 * the arguments the server received next to the ones sent.
 *
 * @tag bokeh-session
 * @attr url - The Bokeh app URL, e.g. `http://localhost:5006/app`.
 * @attr arguments - A JSON object (`{"N":"10"}`) or a query string (`N=10&color=red`).
 * @attr token - A session token minted by a backend; minted here (unsigned) when absent.
 * @attr timeout - Milliseconds to wait for the document before failing with code `timeout`.
 * @fires bokeh-session-connecting - A connect started. `detail: {sessionId, arguments}`.
 * @fires bokeh-session-ready - The document is rendered. `detail: {sessionId, arguments, echo}`.
 * @fires bokeh-session-error - The connect failed. `detail: {code, message}`.
 * @fires bokeh-session-closed - A session ended by `close()`, removal or restart. `detail: {sessionId}`.
 * @csspart roots - The container of the document's rendered roots.
 * @csspart status - The connection state in words.
 * @csspart error - The error message.
 * @csspart echo - The table of arguments sent and received.
 * @csspart no-echo - The note shown when the app does not echo its arguments.
 * @cssstate idle, connecting, connected, closed, error - The `status`.
 */
export class BokehSessionElement extends LitElement {
  static override styles = styles

  static override properties = {
    url: {type: String, reflect: true},
    token: {type: String, reflect: true},
    timeout: {type: Number, reflect: true},
    arguments: {
      attribute: "arguments",
      reflect: true,
      noAccessor: true,
      converter: {
        fromAttribute: (value: string | null) => value,
        toAttribute: (value: ArgumentsInput) => argumentsToAttribute(value),
      },
    },
    _status: {state: true},
    _echo: {state: true},
    _error: {state: true},
    _sent: {state: true},
  }

  /** The Bokeh app URL, e.g. `http://localhost:5006/app`. */
  declare url: string | null
  /** A session token minted by a backend. */
  declare token: string | null
  /** Milliseconds to wait for the document (default 30000). */
  declare timeout: number | null

  declare private _status: BokehSessionStatus
  declare private _echo: EchoedArguments | null
  declare private _error: BokehSessionError | null
  declare private _sent: NormalizedArguments | null

  #arguments: ArgumentsInput = null
  #generation = 0
  #current: PulledSession | null = null
  #currentRoots: HTMLElement | null = null
  #abort: AbortController | null = null
  #sessionId: string | null = null
  #disposal: ReturnType<typeof setTimeout> | null = null
  #internals: ElementInternals | null

  constructor() {
    super()
    this.url = null
    this.token = null
    this.timeout = null
    this._status = "idle"
    this._echo = null
    this._error = null
    this._sent = null
    this.#internals = typeof this.attachInternals === "function" ? this.attachInternals() : null
    this.#setState("idle")
  }

  /**
   * The arguments: set an object (`{N: "10", k: ["a", "b"]}`), or the attribute's JSON or query-string text.
   * Reads back as an object, or null when the current value is invalid (see `error`).
   */
  get arguments(): Record<string, string | string[]> | null {
    try {
      return denormalizeArguments(normalizeArguments(this.#arguments))
    } catch {
      return null
    }
  }
  set arguments(value: ArgumentsInput) {
    const old = this.#arguments
    this.#arguments = value ?? null
    this.requestUpdate("arguments", old)
  }

  get status(): BokehSessionStatus {
    return this._status
  }
  /** The id of the current (or connecting) session. */
  get sessionId(): string | null {
    return this.#sessionId
  }
  /** The BokehJS `ClientSession`, while connected. */
  get session(): ClientSession | null {
    return this.#current?.session ?? null
  }
  /** The arguments the server echoed, or null (not connected, or the app does not echo). */
  get echo(): EchoedArguments | null {
    return this._echo
  }
  get error(): BokehSessionError | null {
    return this._error
  }

  /** Closes the current session and opens a fresh one with the current inputs. */
  restart(): void {
    void this.#connect()
  }

  /** Closes the session; the element stays closed until `restart()` or an input changes. */
  close(): void {
    this.#generation++
    this.#teardown()
    this.#setStatus("closed")
  }

  override connectedCallback(): void {
    super.connectedCallback()
    if (this.#disposal != null) {
      // Moved within the page (removed and re-inserted in the same task): keep the session.
      clearTimeout(this.#disposal)
      this.#disposal = null
    } else if (this.hasUpdated && this.#current == null && this.#abort == null) {
      void this.#connect()
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    // Deferred so that a move (disconnect, then connect in the same task) does not restart the session.
    this.#disposal = setTimeout(() => {
      this.#disposal = null
      if (!this.isConnected) {
        this.close()
      }
    })
  }

  protected override updated(changed: PropertyValues): void {
    // The server reads arguments only when a session is created, so any input change needs a new session.
    if (CONNECTION_INPUTS.some((input) => changed.has(input)) && this.isConnected) {
      void this.#connect()
    }
  }

  /** Latest call wins: every await is followed by a generation check, and a stale result is closed. */
  async #connect(): Promise<void> {
    const generation = ++this.#generation
    this.#teardown()
    if (this.url == null || this.url === "") {
      this.#setStatus("idle")
      return
    }
    let prepared
    try {
      prepared = prepareSession(this.url, {
        arguments: this.#arguments,
        token: this.token,
        timeout: this.timeout ?? undefined,
      })
    } catch (error) {
      this.#sessionId = null
      this._sent = null
      this.#fail(error)
      return
    }
    this.#sessionId = prepared.sessionId
    this._sent = prepared.arguments
    this.#setStatus("connecting")
    this.#emit<BokehSessionConnectingDetail>("bokeh-session-connecting", {
      sessionId: prepared.sessionId,
      arguments: prepared.arguments,
    })
    const abort = new AbortController()
    this.#abort = abort
    let pulled: PulledSession
    try {
      pulled = await openPreparedSession(prepared, abort.signal)
    } catch (error) {
      if (generation === this.#generation) {
        this.#abort = null
        this.#fail(error)
      }
      return
    }
    if (generation !== this.#generation) {
      pulled.close()
      return
    }
    await this.updateComplete
    const roots = document.createElement("div")
    this.renderRoot.querySelector("[part=roots]")!.append(roots)
    this.#current = pulled
    this.#currentRoots = roots
    this.#abort = null
    try {
      await pulled.render(roots)
    } catch (error) {
      if (generation === this.#generation) {
        this.#teardown()
        this.#fail(error)
      }
      return
    }
    if (generation !== this.#generation) {
      return
    }
    this._echo = pulled.echo
    this.#setStatus("connected")
    this.#emit<BokehSessionReadyDetail>("bokeh-session-ready", {
      sessionId: pulled.sessionId,
      arguments: pulled.arguments,
      echo: pulled.echo,
    })
  }

  /** Idempotent: aborts an in-flight connect, closes the session and frees its views and document. */
  #teardown(): void {
    this.#abort?.abort()
    this.#abort = null
    const current = this.#current
    this.#current = null
    this.#currentRoots?.remove()
    this.#currentRoots = null
    this._echo = null
    this._error = null
    if (current != null) {
      current.close()
      this.#emit<BokehSessionClosedDetail>("bokeh-session-closed", {sessionId: current.sessionId})
    }
  }

  #fail(error: unknown): void {
    const failure =
      error instanceof BokehSessionError
        ? error
        : new BokehSessionError("session-rejected", `The session could not be opened: ${String(error)}`, {cause: error})
    this._error = failure
    this.#setStatus("error")
    this.#emit<BokehSessionErrorDetail>("bokeh-session-error", {code: failure.code, message: failure.message})
  }

  #setStatus(status: BokehSessionStatus): void {
    this._status = status
    this.#setState(status)
  }

  #setState(status: BokehSessionStatus): void {
    const states = this.#internals?.states
    if (states == null) {
      return
    }
    for (const state of Object.keys(STATUS_TEXT)) {
      states.delete(state)
    }
    states.add(status)
  }

  #emit<T>(type: string, detail: T): void {
    this.dispatchEvent(new CustomEvent<T>(type, {detail, bubbles: true, composed: true}))
  }

  protected override render() {
    return html`
      <div part="roots"></div>
      <div part="status" role="status">${this.#statusText()}</div>
      ${this._error == null ? nothing : html`<div part="error" role="alert">${this._error.message}</div>`}
      ${this._status === "connected" ? this.#renderEcho() : nothing}
    `
  }

  #statusText(): string {
    const text = STATUS_TEXT[this._status]
    const id = this.#sessionId
    return (this._status === "connecting" || this._status === "connected") && id != null
      ? `${text} (session ${id.slice(0, 8)}…)`
      : text
  }

  #renderEcho() {
    const sent = this._sent ?? {}
    if (this._echo == null) {
      return html`<p part="no-echo">
        This app does not echo its arguments: call <code>echo_arguments(curdoc())</code> from
        <code>bokeh_session_echo</code> in the app to compare them here.
      </p>`
    }
    const rows = compareEcho(sent, this._echo)
    return html`<table part="echo">
      <caption>Arguments sent and received</caption>
      <thead><tr><th>Name</th><th>Sent</th><th>Received</th><th></th></tr></thead>
      <tbody>
        ${rows.map(
          (row) => html`<tr class=${row.matches ? "match" : "mismatch"} data-name=${row.name}>
            <td class="name">${row.name}</td>
            <td class="sent">${renderValues(row.sent)}</td>
            <td class="received">${row.received == null ? html`<em>missing</em>` : renderValues(row.received)}</td>
            <td class="mark">${row.matches ? "✓ same" : row.received == null ? "✗ not received" : row.sent.length === 0 ? "✗ not sent" : "✗ differs"}</td>
          </tr>`,
        )}
      </tbody>
    </table>`
  }
}

function renderValues(values: string[]) {
  if (values.length === 0) {
    return html`<em>none</em>`
  }
  return values.map((value, index) => html`${index > 0 ? html`<br />` : nothing}<span class="value">${value}</span>`)
}

function argumentsToAttribute(value: ArgumentsInput): string | null {
  if (value == null) {
    return null
  }
  if (typeof value === "string") {
    return value
  }
  if (value instanceof URLSearchParams) {
    return value.toString()
  }
  try {
    return JSON.stringify(value)
  } catch {
    return null
  }
}

