/**
 * The adapter over BokehJS (only src/bokeh/ imports BokehJS). It is loaded with `import()` because BokehJS
 * touches `window` and `document` at import time. Bokeh's snake_case stays in here; callers see camelCase.
 */
import "@bokeh/bokehjs/build/js/lib/models/main.js"
import {ClientConnection} from "@bokeh/bokehjs/build/js/lib/client/connection.js"
import type {ClientSession} from "@bokeh/bokehjs/build/js/lib/client/session.js"
import {Document, documents} from "@bokeh/bokehjs/build/js/lib/document/document.js"
import {add_document_standalone, index as rootViews} from "@bokeh/bokehjs/build/js/lib/embed/standalone.js"
import {version as bokehJsVersion} from "@bokeh/bokehjs/build/js/lib/version.js"
import type {ViewManager} from "@bokeh/bokehjs/build/js/lib/core/view_manager.js"
import {BokehSessionError} from "../core/errors.js"
import {ECHO_SOURCE_NAME, echoFromColumns, type EchoedArguments} from "../core/echo.js"
import type {DisconnectInfo} from "../core/bokeh-objects.js"
import {sessionRejected, timedOut, versionMismatch, websocketFailure, type FailureContext} from "./failures.js"
import {probeServer} from "./probe.js"
import {loadModelsFor} from "./load-models.js"

export {bokehJsVersion}
export type {ClientSession, Document, DisconnectInfo}

export function countBokehJsObjects(): {documents: number; rootViews: number} {
  return {documents: documents.length, rootViews: rootViews.roots.length}
}

type DocJson = Awaited<ReturnType<ClientConnection["_pull_doc_json"]>>["doc_json"]

/** How long an abandoned connect may wait for the server's ACK before its socket is closed anyway. */
const ACK_WAIT_CONNECTING_MS = 5_000
const ACK_WAIT_OPEN_MS = 60_000

/**
 * A ClientConnection that can be closed before its session exists (BokehJS's `close()` throws then), that loads
 * the model code a document needs before BokehJS deserializes it, and that reports a lost connection to its
 * owner instead of reconnecting with the same, possibly expired, token (the owner reconnects with a fresh one).
 */
class SdkConnection extends ClientConnection {
  onDisconnect: ((info: DisconnectInfo) => void) | null = null
  onDocument: ((docJson: DocJson) => void) | null = null
  /** Settles when the socket has closed (or never existed once close() ran). */
  readonly closed: Promise<void>
  #markClosed!: () => void
  #acked = false
  #closeOnAck = false

  constructor(url: string, token: string, query: string) {
    super(url, token, query)
    this.closed = new Promise((resolve) => (this.#markClosed = resolve))
  }

  protected override async _pull_doc_json(): ReturnType<ClientConnection["_pull_doc_json"]> {
    const reply = await super._pull_doc_json()
    this.onDocument?.(reply.doc_json)
    await loadModelsFor(reply.doc_json)
    return reply
  }

  protected override _on_open(
    resolve: (session: ClientSession) => void,
    reject: (error: Error | string) => void,
  ): void {
    super._on_open(resolve, reject)
    if (this.#closeOnAck) {
      this.#closeLater(ACK_WAIT_OPEN_MS, WebSocket.OPEN)
    }
  }

  protected override _awaiting_ack_handler(
    message: Parameters<ClientConnection["_awaiting_ack_handler"]>[0],
    resolve: (session: ClientSession) => void,
    reject: (error: Error | string) => void,
  ): void {
    this.#acked = message.msgtype() === "ACK"
    if (this.#closeOnAck) {
      this.socket?.close(1000, "closed by bokeh-session")
      reject(new Error("The connection has been closed"))
    } else {
      super._awaiting_ack_handler(message, resolve, reject)
    }
  }

  protected override _on_close(event: CloseEvent, reject: (error: Error | string) => void): void {
    const live = this.session != null && !this.closed_permanently
    super._on_close(event, reject)
    this.#markClosed()
    if (live) {
      this.closed_permanently = true
      this.onDisconnect?.({code: event.code, reason: event.reason})
    }
  }

  protected override _schedule_reconnect(_milliseconds: number): void {
    // Reconnecting is the owner's job (see onDisconnect); BokehJS would reuse the same token.
  }

  override close(): void {
    if (this.session != null) {
      super.close()
      return
    }
    if (this.closed_permanently) {
      return
    }
    this.closed_permanently = true
    const socket = this.socket
    if (socket == null) {
      this.#markClosed()
      return
    }
    if (this.#acked || socket.readyState >= WebSocket.CLOSING) {
      socket.close(1000, "closed by bokeh-session")
      return
    }
    // Bokeh's server registers a websocket's connection just before it sends the ACK; a socket that closes
    // earlier runs the server's on_close first, and the connection and its session then live forever (seen as
    // "N clients connected" that never drops). So an abandoned connect closes on the ACK, not before.
    this.#closeOnAck = true
    if (socket.readyState === WebSocket.CONNECTING) {
      this.#closeLater(ACK_WAIT_CONNECTING_MS, WebSocket.CONNECTING)
    } else {
      this.#closeLater(ACK_WAIT_OPEN_MS, WebSocket.OPEN)
    }
  }

  /** Closes the socket after `ms` if it is still in `state`: a server that never upgrades or never acknowledges. */
  #closeLater(ms: number, state: number): void {
    const socket = this.socket
    setTimeout(() => {
      if (socket?.readyState === state) {
        socket.close(1000, "closed by bokeh-session")
      }
    }, ms)
  }
}

export interface OpenSessionOptions {
  websocketUrl: string
  token: string
  tokenMinted: boolean
  query: string
  timeoutMs: number
  signal?: AbortSignal
  /** Called once when the live session's websocket closes without `close()`. */
  onDisconnect?: (info: DisconnectInfo) => void
  /** Called with a message when the server's Bokeh version differs from the bundled BokehJS. */
  onWarning?: (message: string) => void
}

/** A live session. `close()` is idempotent and leaves nothing behind in BokehJS. */
export interface OpenedSession {
  readonly session: ClientSession
  readonly document: Document
  /** The Bokeh version the server reported with the document. */
  readonly serverVersion: string | null
  readEcho(): EchoedArguments | null
  render(container: HTMLElement): Promise<void>
  close(): void
}

export async function openSession(options: OpenSessionOptions): Promise<OpenedSession> {
  const {websocketUrl, token, query, timeoutMs, signal} = options
  const context: FailureContext = {websocketUrl, pageHost: location.host, tokenMinted: options.tokenMinted}
  const connection = new SdkConnection(websocketUrl, token, query)
  let serverVersion: string | null = null
  connection.onDocument = (docJson) => {
    serverVersion = docJson.version ?? null
    const warning = serverVersion == null ? null : versionMismatch(serverVersion, bokehJsVersion)
    if (warning != null) {
      console.warn(`bokeh-session: ${warning}`)
      options.onWarning?.(warning)
    }
  }
  let views: ViewManager | null = null
  let closed = false
  const dispose = (): void => {
    if (closed) {
      return
    }
    closed = true
    connection.onDisconnect = null
    views?.clear()
    connection.close()
    const document = connection.session?.document
    if (document != null) {
      // BokehJS never removes documents from its global list.
      const index = documents.indexOf(document)
      if (index !== -1) {
        documents.splice(index, 1)
      }
    }
    // A closing socket lives until its close handshake ends, and its handlers hold the connection: without this,
    // the session, the document and its models stay reachable from it for that long.
    connection.session = null
  }

  let timer: ReturnType<typeof setTimeout> | undefined
  let onAbort: (() => void) | undefined
  const stopped = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timedOut(websocketUrl, timeoutMs)), timeoutMs)
    onAbort = () => reject(signal?.reason ?? new DOMException("Aborted", "AbortError"))
    if (signal?.aborted) {
      onAbort()
    }
    signal?.addEventListener("abort", onAbort, {once: true})
  })
  let session: ClientSession
  try {
    session = await Promise.race([connection.connect(), stopped])
  } catch (error) {
    dispose()
    if (signal?.aborted) {
      // Settle only once the socket is gone, so that a newer connect never races an abandoned one.
      await connection.closed
      throw error
    }
    throw await classifyFailure(error, context)
  } finally {
    clearTimeout(timer)
    if (onAbort != null) {
      signal?.removeEventListener("abort", onAbort)
    }
  }
  if (options.onDisconnect != null) {
    connection.onDisconnect = options.onDisconnect
  }

  return {
    session,
    document: session.document,
    serverVersion,
    readEcho() {
      const source = session.document.get_model_by_name(ECHO_SOURCE_NAME) as {
        get_column?: (name: string) => ArrayLike<unknown> | null
      } | null
      if (source?.get_column == null) {
        return null
      }
      return echoFromColumns(source.get_column("name"), source.get_column("value"))
    },
    async render(container) {
      if (closed) {
        return
      }
      views = await add_document_standalone(session.document, container)
      if (closed) {
        // close() ran while the views were being built, before `views` was known.
        views.clear()
      }
    },
    close: dispose,
  }
}

async function classifyFailure(error: unknown, context: FailureContext): Promise<unknown> {
  if (error instanceof BokehSessionError) {
    return error
  }
  const message = error instanceof Error ? error.message : String(error)
  if (message.startsWith("Could not open websocket")) {
    return websocketFailure(context, await probeServer(context.websocketUrl), error)
  }
  if (message.startsWith("Lost websocket connection")) {
    // The socket opened (so origin and path are right) and closed before the document: the token.
    return sessionRejected(context, message.replace(/^Lost websocket connection, /, "close code "), error)
  }
  return new BokehSessionError("session-rejected", `The session could not be opened: ${message}`, {cause: error})
}
