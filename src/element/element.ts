import {LitElement, adoptStyles, html, nothing, type PropertyValues} from "lit"
import {denormalizeArguments, readableArguments, type ArgumentsInput} from "../core/arguments.js"
import {argumentsKey, argumentsToAttribute} from "../core/arguments-key.js"
import {echoSpace, type EchoedArguments} from "../core/echo.js"
import type {BokehSessionError} from "../core/errors.js"
import {emitBokehSessionEvent} from "./events.js"
import {holdLastSize} from "./reserved-size.js"
import {styles} from "./styles.js"
import type {TokenProvider} from "../session/pull-session.js"
import {loadSessionLifecycle} from "./loaders.js"
import type {BokehSessionStatus, SessionHost, SessionLifecycle, renderEchoTable} from "../session/lifecycle.js"
import type {BokehClientSession} from "../core/bokeh-objects.js"

export type {BokehSessionStatus}

const STATUS_TEXT: Record<BokehSessionStatus, string> = {
  idle: "Not connected",
  connecting: "Connecting…",
  connected: "Connected",
  reconnecting: "Connection lost, reconnecting…",
  closed: "Closed",
  error: "Failed",
}

// The server reads arguments only when a session is created, so any of these changing needs a new session (but
// for `arguments` alone when the app accepts live arguments). The other inputs (timeout, reconnectTimeout,
// tokenProvider: often a new function on every framework render) are read at the next connect.
const CONNECTION_INPUTS = ["url", "arguments", "token"]

/**
 * Embeds a live Bokeh server app, opening its session from the browser with per-session arguments, and shows
 * the arguments the server received next to the ones sent.
 *
 * @tag bokeh-session
 * @attr url - The Bokeh app URL, e.g. `http://localhost:5006/app`.
 * @attr arguments - A JSON object (`{"N":"10"}`) or a query string (`N=10&color=red`). A live app (`live_arguments`) takes a change in its running session and may set them itself.
 * @attr token - A session token minted by a backend; minted here (unsigned) when absent. A token set as the property is not reflected.
 * @attr timeout - Milliseconds to wait for the document before failing with code `timeout` (default 30000; read at the next connect).
 * @attr extensions - `none`: load no custom model code (extension bundles, inline models) from the server. Default `auto` (read at the next connect).
 * @attr reconnect-timeout - Milliseconds to keep reconnecting after a loss before `connection-lost` (default 300000; 0: never reconnect; read at the next connect).
 * @attr bokehjs - Which BokehJS renders the document: `auto` (default) the bundled one when the server runs its release, else the server's own; `bundled`; or `server`, always the server's own (read at the next connect).
 * @fires bokeh-session-connecting - A connect started. `detail: {sessionId, arguments}`.
 * @fires bokeh-session-ready - The document is rendered. `detail: {sessionId, arguments, echo}`.
 * @fires bokeh-session-error - The connect failed, reconnecting gave up, or the live session failed (e.g. `unknown-model` in a later change). `detail: {code, message}`.
 * @fires bokeh-session-closed - A session ended by `close()`, removal or restart. `detail: {sessionId}`.
 * @fires bokeh-session-disconnected - The live session's connection was lost; reconnecting starts. `detail: {sessionId, code, reason}`.
 * @fires bokeh-session-reconnected - The document is back after a loss. `detail: {sessionId, arguments, echo}`.
 * @fires bokeh-session-warning - Works, but deserves attention (e.g. a Bokeh version mismatch). `detail: {message}`.
 * @fires bokeh-session-updated - A live app's arguments changed in the running session (the element's change accepted, or the app's own). `detail: {sessionId, arguments, echo, source}`.
 * @csspart status - The connection state in words.
 * @csspart error - The error message.
 * @csspart echo - The table of arguments sent and received; before the echo comes, an empty box of its height.
 * @csspart no-echo - The note shown when the app does not echo its arguments (it keeps the table's height).
 * @csspart roots - The container of the document's rendered roots, after the element's own lines.
 * @cssstate idle - No url yet.
 * @cssstate connecting - Opening a session.
 * @cssstate connected - The document is shown.
 * @cssstate reconnecting - The connection was lost; the last picture stays while reconnecting.
 * @cssstate closed - Closed by `close()` or removal.
 * @cssstate error - Failed; see `error`.
 */
export class BokehSessionElement extends LitElement {
  static override styles = styles

  static override properties = {
    url: {type: String, reflect: true},
    // Not reflected: a bearer credential in the DOM reaches outerHTML and session-replay tools.
    token: {type: String},
    timeout: {type: Number, reflect: true},
    reconnectTimeout: {type: Number, reflect: true, attribute: "reconnect-timeout"},
    tokenProvider: {attribute: false},
    extensions: {},
    bokehjs: {},
    arguments: {
      attribute: "arguments",
      reflect: true,
      noAccessor: true,
      // The setter decides what is a change (see argumentsKey); Lit would compare the getter's value, which is null
      // for any invalid input, so invalid arguments replacing none would go unnoticed.
      hasChanged: () => true,
      converter: {
        fromAttribute: (value: string | null) => value,
        toAttribute: (value: ArgumentsInput) => argumentsToAttribute(value),
      },
    },
  }

  /** The Bokeh app URL, e.g. `http://localhost:5006/app`. */
  declare url: string | null
  /**
   * A session token minted by a backend (used for every connect; see `tokenProvider` for fresh ones). Set as a
   * property, it stays out of the DOM (not reflected to the attribute).
   */
  declare token: string | null
  /**
   * Returns a fresh token from your backend for every connect and reconnect; takes precedence over `token`. A new
   * function (an inline one, on every render) is used from the next connect on; it does not restart the session.
   */
  declare tokenProvider: TokenProvider | null
  /** Milliseconds to wait for the document (default 30000); read at the next connect. */
  declare timeout: number | null
  /** Milliseconds to keep reconnecting after a loss (default 300000; 0 disables reconnecting); read at the next loss. */
  declare reconnectTimeout: number | null
  /** `"none"` turns off loading custom model code from the Bokeh server (it runs that server's JavaScript here). */
  declare extensions: string | null
  /**
   * Which BokehJS renders the document: `"auto"` (default) the bundled one when the server runs its release, else
   * the server's own, loaded from it; `"bundled"`; `"server"`, always the server's own (no bundled BokehJS fetched).
   */
  declare bokehjs: string | null

  #arguments: ArgumentsInput = null
  /** The current arguments' content (see argumentsKey); undefined before the first set, null while invalid. */
  #argumentsKey: string | null | undefined = undefined
  /** Loaded with the session code on the first connect. */
  #lifecycle: SessionLifecycle | null = null
  /** The echo table's view, which comes with the session code (shown only once connected). */
  #renderEcho: typeof renderEchoTable | null = null
  /** Bumped by every connect or close asked for before the lifecycle loaded: only the latest one runs. */
  #pendingAction = 0
  /** The session code could not be loaded (`load-failed`); cleared by the next attempt. */
  #loadError: BokehSessionError | null = null
  #host: SessionHost
  #disposal: ReturnType<typeof setTimeout> | null = null
  #internals: ElementInternals | null

  constructor() {
    super()
    this.url = null
    this.token = null
    this.tokenProvider = null
    this.timeout = null
    this.reconnectTimeout = null
    this.#internals = typeof this.attachInternals === "function" ? this.attachInternals() : null
    this.#host = {
      inputs: () => ({
        url: this.url,
        arguments: this.#arguments,
        token: this.token,
        tokenProvider: this.tokenProvider,
        timeout: this.timeout,
        reconnectTimeout: this.reconnectTimeout,
        extensions: this.extensions,
        bokehjs: this.bokehjs,
      }),
      createRootsContainer: async () => {
        await this.updateComplete
        const roots = document.createElement("div")
        roots.style.display = "contents"
        this.renderRoot.querySelector<HTMLElement>("[part=roots]")!.append(roots)
        return roots
      },
      changed: () => {
        this.#setState(this.status)
        this.requestUpdate()
      },
      emit: (name, detail) => emitBokehSessionEvent(this, name, detail),
      // The session holds these already: the update this causes finds nothing to send (see updated()).
      argumentsChanged: (args) => (this.arguments = args),
    }
    this.#setState("idle")
  }

  /**
   * The arguments: set an object (`{N: "10", k: ["a", "b"]}`), or the attribute's JSON or query-string text.
   * Reads back as an object, or null when the current value is invalid (see `error`).
   */
  get arguments(): Record<string, string | string[]> | null {
    const normalized = readableArguments(this.#arguments)
    return normalized == null ? null : denormalizeArguments(normalized)
  }
  set arguments(value: ArgumentsInput) {
    const old = this.#arguments
    this.#arguments = value ?? null
    // Frameworks pass a new object on every render: only different content is a change (see argumentsKey), so an
    // equal object does not open a new session; invalid arguments always update, to show the error.
    const key = argumentsKey(this.#arguments)
    if (key == null || key !== this.#argumentsKey) {
      this.#argumentsKey = key
      this.requestUpdate("arguments", old)
    }
  }

  /** The connection state: idle, connecting, connected, reconnecting, closed or error (also a `:state()`). */
  get status(): BokehSessionStatus {
    return this.#lifecycle?.status ?? (this.#loadError ? "error" : "idle")
  }
  /** The id of the current (or connecting) session. */
  get sessionId(): string | null {
    return this.#lifecycle?.sessionId ?? null
  }
  /** The BokehJS `ClientSession`, while connected. */
  get session(): BokehClientSession | null {
    return this.#lifecycle?.session?.session ?? null
  }
  /** The arguments the server echoed, or null (not connected, or the app does not echo). */
  get echo(): EchoedArguments | null {
    return this.#lifecycle?.echo ?? null
  }
  /** The last failure (a `BokehSessionError` with a stable `code` and a message that says what to do), or null. */
  get error(): BokehSessionError | null {
    return this.#lifecycle?.error ?? this.#loadError
  }

  /** Closes the current session and opens a fresh one with the current inputs. */
  restart(): void {
    this.#withLifecycle((lifecycle) => void lifecycle.connect())
  }

  /** Closes the session; the element stays closed until `restart()` or an input changes. */
  close(): void {
    this.#withLifecycle((lifecycle) => lifecycle.close())
  }

  /** Runs `action` now, or once the session code has loaded if no later action was asked for meanwhile. */
  #withLifecycle(action: (lifecycle: SessionLifecycle) => void): void {
    if (this.#lifecycle != null) {
      action(this.#lifecycle)
      return
    }
    const ticket = ++this.#pendingAction
    this.#loadError = null
    void loadSessionLifecycle().then(
      (session) => {
        this.#renderEcho = session.renderEchoTable
        // The echo table's style comes with its code (the first script's budget); the table shows once connected.
        const {elementStyles} = this.constructor as typeof LitElement
        void this.updateComplete.then(() =>
          adoptStyles(this.renderRoot as ShadowRoot, [...elementStyles, session.echoStyles]),
        )
        this.#lifecycle ??= new session.SessionLifecycle(this.#host)
        if (ticket === this.#pendingAction) {
          action(this.#lifecycle)
        }
      },
      (error: BokehSessionError) => {
        if (ticket === this.#pendingAction) {
          this.#loadError = error
          this.#host.changed()
          this.#host.emit("bokeh-session-error", {code: error.code, message: error.message})
        }
      },
    )
  }

  override connectedCallback(): void {
    super.connectedCallback()
    if (this.#disposal != null) {
      // Moved within the page (removed and re-inserted in the same task): keep the session.
      clearTimeout(this.#disposal)
      this.#disposal = null
    } else if (this.hasUpdated && !(this.#lifecycle?.active ?? false)) {
      this.restart()
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
    holdLastSize(this.renderRoot, this.url, this.status)
    if (CONNECTION_INPUTS.some((input) => changed.has(input)) && this.isConnected) {
      // Arguments alone may change in the running session of a live app (docs/live-arguments.md).
      this.#withLifecycle((lifecycle) => void lifecycle.connect(changed))
    }
  }

  #setState(status: BokehSessionStatus): void {
    const states = this.#internals?.states
    if (states == null) {
      return
    }
    // The element sets no other state: clear() drops the previous status (smaller than deleting each one).
    states.clear()
    states.add(status)
  }

  protected override render() {
    const {status, error} = this
    // The element's own lines come first and have their height from the first paint (the echo table's is reserved
    // from the arguments sent): when the document appears, only what follows the element moves.
    return html`
      <div part="status" role="status">${this.#statusText()}</div>
      ${error == null ? nothing : html`<div part="error" role="alert">${error.message}</div>`}
      ${
        status === "connected" || status === "reconnecting"
          ? this.#renderEcho?.(this.#lifecycle?.sent ?? null, this.echo)
          : this.url != null && (status === "idle" || status === "connecting")
            ? html`<div part="echo" .style=${echoSpace(readableArguments(this.#arguments))}></div>`
            : nothing
      }
      <div part="roots"></div>
    `
  }

  #statusText(): string {
    const {status, sessionId} = this
    const reconnectAttempt = this.#lifecycle?.reconnectAttempt ?? 0
    const text = STATUS_TEXT[status]
    if (status === "reconnecting") {
      return reconnectAttempt > 0 ? `${text} (attempt ${reconnectAttempt})` : text
    }
    return (status === "connecting" || status === "connected") && sessionId != null
      ? `${text} (session ${sessionId.slice(0, 8)}…)`
      : text
  }
}
