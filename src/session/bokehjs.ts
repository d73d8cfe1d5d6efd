/**
 * The seam between the session code and a BokehJS: what the session code needs from one, and nothing else. Two
 * implementations, each loaded with `import()` by choose-bokehjs.ts:
 * - the bundled BokehJS (src/bokeh/adapter.ts), compiled into this package's chunks;
 * - the Bokeh server's own (src/server-bokehjs/), its bokeh.min.js and bundles loaded from that server and driven
 *   through `Bokeh[version]` and its `require`; it never loads the bundled one.
 * Both open their sessions with the same driver (src/driver/), which imports BokehJS's types only.
 */
import type {BokehClientSession, BokehDocument, DisconnectInfo} from "../core/bokeh-objects.js"
import type {NormalizedArguments} from "../core/arguments.js"
import type {EchoedArguments} from "../core/echo.js"
import type {LiveState} from "./live-arguments.js"
import type {SessionSocket} from "./session-socket.js"

export type BokehJsKind = "bundled" | "server"

/** One BokehJS on the page. */
export interface BokehJs {
  readonly kind: BokehJsKind
  /** Its release, e.g. "3.9.2". */
  readonly version: string
  /**
   * Takes over the session's early socket (its document already requested), loads the code the document's models
   * need, and deserializes it. Rejects with a `BokehSessionError` for a refusal or a failed load.
   */
  openSession(options: OpenSessionOptions): Promise<OpenedSession>
  /** What this BokehJS holds page-wide: documents in its global list, views in its root index. */
  count(): BokehJsCounts
}

export interface BokehJsCounts {
  documents: number
  rootViews: number
}

export interface OpenSessionOptions {
  websocketUrl: string
  token: string
  /** The session's websocket, opened with this URL, query and token before BokehJS loaded. */
  socket: SessionSocket
  /** The session's id, as in the token. */
  sessionId: string
  /** The server's release, as the document states it (the early socket heard it). */
  serverVersion?: string | null
  tokenMinted: boolean
  query: string
  /** The connect's timeout, counted from `startedAt` (`performance.now()`). */
  timeoutMs: number
  startedAt?: number
  /** "none": load no custom model code (extension bundles, inline models) from the server. Default "auto". */
  extensions?: "auto" | "none"
  signal?: AbortSignal
  /** Called once when the live session's websocket closes without `close()`. */
  onDisconnect?: (info: DisconnectInfo) => void
  /** Called with a message when something works but deserves attention (an ambiguous echo, an old extension). */
  onWarning?: (message: string) => void
  /**
   * Called once when the live session fails after it opened (a patch brings a type nothing resolves:
   * `unknown-model`; or BokehJS throws while applying a patch: that exception). Everything is closed first.
   */
  onFatal?: (error: unknown) => void
  /** Called when an aborted connect rejects, with a promise that settles once its socket is closed. */
  onAbandoned?: (socketClosed: Promise<void>) => void
}

/** A live session. `close()` is idempotent and leaves nothing behind in its BokehJS. */
export interface OpenedSession {
  readonly session: BokehClientSession
  readonly document: BokehDocument
  /** The Bokeh version the server reported with the document. */
  readonly serverVersion: string | null
  /** The release of the BokehJS that renders it. */
  readonly bokehJsVersion: string
  /** Renders the roots into `container`; a failure closes the session before it rejects. */
  render(container: HTMLElement): Promise<void>
  /** The arguments the app echoed (`echo_arguments`), or null; `warn` hears of an ambiguous echo. */
  readEcho(warn: (message: string) => void): EchoedArguments | null
  /** Links to the app's live arguments, or null when it does not accept them (`live_arguments`). */
  linkLiveArguments(onState: (state: LiveState, echo: EchoedArguments) => void): LiveLink | null
  close(): void
}

export interface LiveLink {
  /** The live state and the echo in the pulled document. */
  readonly initial: {state: LiveState; echo: EchoedArguments}
  /** Sends one request. */
  send(seq: number, args: NormalizedArguments): void
  /** Stops listening. Idempotent. */
  close(): void
}
