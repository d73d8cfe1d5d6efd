/**
 * BokehJS's ClientConnection, adapted: it can be closed before its session exists, it loads the model code a
 * document or a patch needs before BokehJS deserializes it, and it reports a lost connection or a fatal patch to
 * its owner instead of reconnecting with the same, possibly expired, token (the owner reconnects with a fresh one).
 */
import {ClientConnection} from "@bokeh/bokehjs/build/js/lib/client/connection.js"
import {ClientSession} from "@bokeh/bokehjs/build/js/lib/client/session.js"
import {Document, documents} from "@bokeh/bokehjs/build/js/lib/document/document.js"
import type {DocumentEvent} from "@bokeh/bokehjs/build/js/lib/document/events.js"
import type {Message} from "@bokeh/bokehjs/build/js/lib/protocol/message.js"
import {version as bokehJsVersion} from "@bokeh/bokehjs/build/js/lib/version.js"
import type {DisconnectInfo} from "../core/bokeh-objects.js"
import {unknownModels} from "./failures.js"
import {loadModelsFor, prepareModelsForPatch, type CustomModels} from "./load-models.js"

export type DocJson = Awaited<ReturnType<ClientConnection["_pull_doc_json"]>>["doc_json"]

/** How long an abandoned connect may wait for the server's ACK before its socket is closed anyway. */
const ACK_WAIT_CONNECTING_MS = 5_000
const ACK_WAIT_OPEN_MS = 60_000

/** BokehJS's message when a patch names a type its resolver does not know. */
const UNRESOLVED_TYPE = /could not resolve type '([^']+)'/

export class SdkConnection extends ClientConnection {
  onDisconnect: ((info: DisconnectInfo) => void) | null = null
  onDocument: ((docJson: DocJson) => void) | null = null
  /** Called once when a message after the document cannot be applied; the owner then closes everything. */
  onFatal: ((error: unknown) => void) | null = null
  /** Settles when the socket has closed (or never existed once close() ran). */
  readonly closed: Promise<void>
  #markClosed!: () => void
  #acked = false
  #closeOnAck = false
  /** Set once the document arrived: the messages after it are the live document's changes. */
  #documentPulled = false
  /** Messages after the document, in arrival order, applied one by one once the code each needs is loaded. */
  readonly #inbox: Message<unknown>[] = []
  #loading = false

  /** How this connection loads custom model code (extensions, inline models) for its document and patches. */
  readonly customModels: CustomModels

  constructor(url: string, token: string, query: string, customModels: CustomModels) {
    super(url, token, query)
    this.customModels = customModels
    this.closed = new Promise((resolve) => (this.#markClosed = resolve))
  }

  protected override async _pull_doc_json(): ReturnType<ClientConnection["_pull_doc_json"]> {
    const reply = await super._pull_doc_json()
    // The server sends patches only after the document; from here on none may be dropped while code loads.
    this.#documentPulled = true
    this.onDocument?.(reply.doc_json)
    await loadModelsFor(reply.doc_json, this.customModels)
    return reply
  }

  /**
   * BokehJS's first pull, except that a failed deserialization leaves no Document in BokehJS's global list
   * (`Document.from_json` registers it before it reads the roots), and that the messages which arrived while
   * the model code loaded are applied after it. Reconnects (a session that exists) are disabled.
   */
  protected override async _repull_session_doc(
    resolve: (session: ClientSession) => void,
    reject: (error: Error | string) => void,
  ): Promise<void> {
    try {
      const {doc_json, buffers} = await this._pull_doc_json()
      if (this.closed_permanently || this.session != null) {
        reject(new Error("The connection has been closed"))
        return
      }
      const events: DocumentEvent[] = []
      const before = documents.length
      let document: Document
      try {
        document = Document.from_json(doc_json, events, buffers)
      } catch (error) {
        // Synchronous since `before`: whatever joined the list since is this call's half-built Document.
        documents.splice(before)
        throw error
      }
      this.session = new ClientSession(this, document)
      // Send back the change events that happened during model initialization (as BokehJS does).
      for (const event of events) {
        document._trigger_on_change(event)
      }
      // Messages that came before the document (a patch the server sent between its ACK and the document reply)
      // go through the same queue as the later ones: they may name types whose code is not loaded either.
      this.#inbox.unshift(...this._pending_messages)
      this._pending_messages = []
      resolve(this.session)
      this.#drain()
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)))
    }
  }

  protected override _steady_state_handler(message: Message<unknown>): void {
    if (!this.#documentPulled || this._pending_replies.has(message.reqid())) {
      super._steady_state_handler(message)
      return
    }
    this.#inbox.push(message)
    this.#drain()
  }

  /**
   * Applies the queued messages in order. A patch whose types or MathJax are not loaded yet waits for them, and
   * so does every message behind it: BokehJS's ClientSession would apply it at once and, on the first unknown
   * type, drop the whole patch with only a console message.
   */
  #drain(): void {
    while (!this.#loading && this.#inbox.length > 0 && this.session != null && !this.closed_permanently) {
      const message = this.#inbox[0]!
      try {
        const loading =
          message.msgtype() === "PATCH-DOC"
            ? prepareModelsForPatch(message.content, this.session.document.resolver, this.customModels)
            : null
        if (loading != null) {
          this.#loading = true
          loading.then(
            () => {
              this.#loading = false
              this.#drain()
            },
            (error: unknown) => this.#fail(error),
          )
          return
        }
        this.#inbox.shift()
        this.session.handle(message)
      } catch (error) {
        this.#fail(error)
        return
      }
    }
  }

  #fail(error: unknown): void {
    this.#inbox.length = 0
    if (this.closed_permanently) {
      return
    }
    const unresolved = error instanceof Error ? UNRESOLVED_TYPE.exec(error.message) : null
    const onFatal = this.onFatal
    this.onFatal = null
    onFatal?.(unresolved == null ? error : unknownModels([unresolved[1]!], bokehJsVersion))
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
    message: Message<unknown>,
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
    this.#inbox.length = 0
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
    this.#inbox.length = 0
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
