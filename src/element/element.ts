import {LitElement, adoptStyles, html, nothing, type PropertyValues} from "lit"
import {denormalizeArguments, readableArguments, type ArgumentsInput} from "../core/arguments.js"
import {argumentsKey, argumentsToAttribute} from "../core/arguments-key.js"
import {echoSpace, type EchoedArguments} from "../core/echo.js"
import type {BokehSessionError} from "../core/errors.js"
import {emitBokehSessionEvent} from "./events.js"
import {holdLastSize} from "./reserved-size.js"
import {styles} from "./styles.js"
import type {TokenProvider} from "../session/pull-session.js"
import {loadSessionLifecycle, startLoadingBokehJs} from "./loaders.js"
import type {BokehSessionStatus, SessionHost, SessionLifecycle} from "../session/lifecycle.js"
import type {BokehClientSession} from "../core/bokeh-objects.js"
import {FIRST_LABELS, type BokehSessionLabelsInput} from "../core/labels.js"
import type {SessionCode} from "./loaders.js"

export type {BokehSessionStatus}

/**
 * How far outside the viewport a `loading="lazy"` element starts to connect: one viewport height ahead, so that a
 * document is usually there by the time it scrolls into view (a session takes about as long as an image).
 */
const LAZY_MARGIN = "100% 0px"

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
 * @attr loading - `lazy`: connect only when the element comes near the viewport (as `<img loading="lazy">`). Default `eager`: at once.
 * @attr chrome - `none`: show the document only (the status line stays for screen readers). `mismatch`: the document, and the echo table only when the server received something else. Default `all`.
 * @attr bokehjs - Which BokehJS renders the document: `auto` (default) the bundled one when the server runs its release, else the server's own; `bundled`; or `server`, always the server's own (read at the next connect).
 * @fires bokeh-session-connecting - A connect started. `detail: {sessionId, arguments}`.
 * @fires bokeh-session-ready - The document is rendered. `detail: {sessionId, arguments, echo}`.
 * @fires bokeh-session-error - The connect failed, reconnecting gave up, or the live session failed (e.g. `unknown-model` in a later change), or the page's policy refused a CustomJS (`csp-blocked`; it keeps running). `detail: {code, message}`.
 * @fires bokeh-session-closed - A session ended by `close()`, removal or restart. `detail: {sessionId}`.
 * @fires bokeh-session-disconnected - The live session's connection was lost; reconnecting starts. `detail: {sessionId, code, reason}`.
 * @fires bokeh-session-reconnected - The document is back after a loss. `detail: {sessionId, arguments, echo}`.
 * @fires bokeh-session-warning - Works, but deserves attention (e.g. a Bokeh version mismatch). `detail: {message}`.
 * @fires bokeh-session-updated - A live app's arguments changed in the running session (the element's change accepted, or the app's own). `detail: {sessionId, arguments, echo, source}`.
 * @csspart status - The connection state in words.
 * @csspart error - The error message.
 * @csspart echo - The table of arguments sent and received; before the echo comes, an empty box of its height.
 * @csspart no-echo - The note shown when the app does not echo its arguments (it keeps the table's height).
 * @csspart roots - The container of the document's rendered roots, after the element's own lines; `aria-busy` while a document loads.
 * @csspart loading - The loading indicator over the element while connecting or reconnecting (a spinner; still under `prefers-reduced-motion`).
 * @slot loading - Replaces the loading indicator's spinner, e.g. `<span slot="loading">Loading…</span>`.
 * @cssprop --bokeh-session-font - The font of the status line, the echo table's words and the error (default `system-ui, sans-serif`).
 * @cssprop --bokeh-session-text - The echo table's text colour (default: the page's text colour).
 * @cssprop --bokeh-session-muted - The status line's and the no-echo note's colour (default: the text colour at 70%).
 * @cssprop --bokeh-session-accent - The loading indicator's colour.
 * @cssprop --bokeh-session-error - The error's colour, and the mark of an echo row that differs (its tint is the background).
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
    // Strings by default (Lit's String type).
    url: {reflect: true},
    // Not reflected: a bearer credential in the DOM reaches outerHTML and session-replay tools.
    token: {},
    timeout: {type: Number, reflect: true},
    reconnectTimeout: {type: Number, reflect: true, attribute: "reconnect-timeout"},
    tokenProvider: {attribute: false},
    extensions: {},
    loading: {reflect: true},
    // Reflected: the styles read it (`:host([chrome=none])`), also when a framework sets the property.
    chrome: {reflect: true},
    labels: {attribute: false},
    bokehjs: {},
    arguments: {
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
  /** `"lazy"`: connect once the element comes near the viewport; `"eager"` (default): at once. */
  declare loading: string | null
  /** `"none"`: the document only; `"mismatch"`: and the echo table when it differs; `"all"` (default): everything. */
  declare chrome: string | null
  /** The words the element shows, for other languages: any of them, the others stay English. */
  declare labels: BokehSessionLabelsInput | null
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
  /** The views that come with the session code (echo table, loading indicator, status words). */
  #view: SessionCode | null = null
  /** Has been near the viewport (`loading="lazy"`): from then on it connects as an eager one. */
  #near = false
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
        chrome: this.chrome,
        loading: this.loading,
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
    this.#withLifecycle((lifecycle) => void lifecycle.connect(), true)
  }

  /** Closes the session; the element stays closed until `restart()` or an input changes. */
  close(): void {
    this.#withLifecycle((lifecycle) => lifecycle.close())
  }

  /**
   * Runs `action` now, or once the session code has loaded if no later action was asked for meanwhile. An action
   * that `connects` asks for the bundled BokehJS with the session code (a page whose element came after the script,
   * as frameworks add it, would otherwise fetch BokehJS only once the session code has run), unless the arguments are
   * invalid (those download nothing more) or the server's own BokehJS will render (see startLoadingBokehJs). Other
   * bad input (url, timeout, token) is found by the session code, with BokehJS on its way, as for an element in the
   * page's HTML (preload.ts).
   */
  #withLifecycle(action: (lifecycle: SessionLifecycle) => void, connects = false): void {
    if (this.#lifecycle != null) {
      action(this.#lifecycle)
      return
    }
    const ticket = ++this.#pendingAction
    this.#loadError = null
    // The session code first, then BokehJS (see startLoadingBokehJs).
    const sessionCode = loadSessionLifecycle()
    if (connects && this.url && readableArguments(this.#arguments) != null) {
      startLoadingBokehJs(this.bokehjs)
    }
    void sessionCode.then(
      (session) => {
        this.#view = session
        // The styles of the views come with their code (the first script's budget): they show once connecting.
        const {elementStyles} = this.constructor as typeof LitElement
        void this.updateComplete.then(() =>
          adoptStyles(this.renderRoot as ShadowRoot, [...elementStyles, ...session.viewStyles]),
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
      this.#connect()
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    // Deferred so that a move (disconnect, then connect in the same task) does not restart the session.
    this.#disposal = setTimeout(() => {
      this.#disposal = null
      if (!this.isConnected) {
        nearViewport?.unobserve(this)
        this.close()
      }
    })
  }

  protected override updated(changed: PropertyValues): void {
    holdLastSize(this.renderRoot, this.url, this.status)
    if (CONNECTION_INPUTS.some((input) => changed.has(input)) && this.isConnected) {
      this.#connect(changed)
    }
  }

  /** Connects (`changed`: arguments alone may change in a live app's running session), or once near the viewport. */
  #connect(changed?: PropertyValues): void {
    if (this.loading === "lazy" && !this.#near) {
      // One observer for every element: it only tells each one when it comes near.
      nearViewport ??= new IntersectionObserver(
        (entries) => {
          for (const {isIntersecting, target} of entries) {
            if (isIntersecting) {
              nearViewport!.unobserve(target)
              ;(target as BokehSessionElement).#near = true
              ;(target as BokehSessionElement).#connect()
            }
          }
        },
        {rootMargin: LAZY_MARGIN},
      )
      nearViewport.observe(this)
      return
    }
    this.#withLifecycle((lifecycle) => void lifecycle.connect(changed), true)
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
    const {status, error, labels} = this
    const view = this.#view
    const lifecycle = this.#lifecycle
    const words = view?.statusText(lifecycle!, labels) ?? labels?.[status] ?? FIRST_LABELS[status as "idle"]
    // The element's own lines come first and have their height from the first paint (the echo table's is reserved
    // from the arguments sent): when the document appears, only what follows the element moves. The session code
    // (the view) comes with the lifecycle; before it loads, the status is idle or error, whose words are here.
    return html`
      <div part="status" role="status">${words}</div>
      ${error == null ? nothing : html`<div part="error" role="alert">${error.message}</div>`}
      ${
        status === "connected" || status === "reconnecting"
          ? view?.renderEchoTable(lifecycle!, labels)
          : this.url != null && (status === "idle" || status === "connecting")
            ? html`<div part="echo" .style=${echoSpace(readableArguments(this.#arguments))}></div>`
            : nothing
      }
      <div part="roots" aria-busy=${/* connecting, reconnecting */ status.endsWith("ing")}></div>
      ${view?.renderLoading(status)}
    `
  }
}

/** Tells `loading="lazy"` elements when they come near the viewport; made by the first one. */
let nearViewport: IntersectionObserver | undefined
