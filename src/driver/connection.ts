/**
 * BokehJS's ClientConnection, adapted, for any BokehJS 3.x given as values (bokehjs-api.ts): a subclass of that
 * BokehJS's own class, made at run time. It takes over the session's socket, opened before BokehJS loaded and with
 * the document already requested (src/session/session-socket.ts); it can be closed before its session exists; it
 * loads the model code a document or a patch needs before BokehJS deserializes it; and it reports a lost connection
 * or a fatal patch to its owner instead of reconnecting with the same, possibly expired, token (the owner
 * reconnects with a fresh one).
 *
 * What it overrides is the same from 3.0 to 3.9 (connect, _on_open/_on_message/_on_close/_on_error,
 * _awaiting_ack_handler, _steady_state_handler, _repull_session_doc, _schedule_reconnect, close, and the
 * `_pending_replies` map), except `_pull_doc_json`: 3.9 returns `{doc_json, buffers}`, earlier releases the doc
 * JSON. It is not overridden; `Document.from_json` takes the reply's buffers since 3.9 and ignores them before.
 */
import type {ClientConnection} from "@bokeh/bokehjs/build/js/lib/client/connection.js"
import type {ClientSession} from "@bokeh/bokehjs/build/js/lib/client/session.js"
import type {Document} from "@bokeh/bokehjs/build/js/lib/document/document.js"
import type {DocumentEvent} from "@bokeh/bokehjs/build/js/lib/document/events.js"
import type {Message} from "@bokeh/bokehjs/build/js/lib/protocol/message.js"
import type {DisconnectInfo} from "../core/bokeh-objects.js"
import {loaded} from "../core/errors.js"
import type {BokehJsApi, TypeResolver} from "./bokehjs-api.js"
import {loadModelsFor, prepareModelsForPatch, type ModelCode} from "./prepare-models.js"
import type {SessionSocket} from "../session/session-socket.js"

export type DocJson = Awaited<ReturnType<ClientConnection["_pull_doc_json"]>>["doc_json"]

/** A pulled document: its JSON and the reply's binary buffers. */
interface PulledDocument {
  doc_json: DocJson
  buffers: Map<string, ArrayBuffer>
}

/** BokehJS's message when a patch names a type its resolver does not know. */
const UNRESOLVED_TYPE = /could not resolve type '([^']+)'/

/** A document's resolver (which adds its `defs`): `resolver` in 3.9, `_resolver` in 3.0 to 3.6. */
function resolverOf(document: Document): TypeResolver {
  return document.resolver ?? (document as unknown as {_resolver: TypeResolver})._resolver
}

/** The connection, as its owner (open-session.ts) uses it. */
export interface SdkConnection {
  onDisconnect: ((info: DisconnectInfo) => void) | null
  onDocument: ((docJson: DocJson) => void) | null
  /** Called once when a message after the document cannot be applied; the owner then closes everything. */
  onFatal: ((error: unknown) => void) | null
  session: ClientSession | null
  /** Settles when the socket has closed. */
  readonly closed: Promise<void>
  connect(): Promise<ClientSession>
  close(): void
}

/** One subclass per BokehJS: a page may hold several (the bundled one, and servers' own of other releases). */
const classes = new WeakMap<BokehJsApi, ReturnType<typeof defineClass>>()

/** A connection of `api`'s BokehJS that takes over `socket`, loading model code through `models`. */
export function createConnection(
  api: BokehJsApi,
  url: string,
  token: string,
  query: string,
  models: ModelCode,
  socket: SessionSocket,
): SdkConnection {
  let Connection = classes.get(api)
  if (Connection == null) {
    Connection = defineClass(api)
    classes.set(api, Connection)
  }
  return new Connection(url, token, query, models, socket)
}

function defineClass(api: BokehJsApi) {
  const {ClientConnection, ClientSession, Document, documents} = api
  return class Connection extends ClientConnection implements SdkConnection {
    onDisconnect: ((info: DisconnectInfo) => void) | null = null
    onDocument: ((docJson: DocJson) => void) | null = null
    onFatal: ((error: unknown) => void) | null = null
    /** The socket this connection takes, opened before BokehJS loaded (see SessionSocket). */
    readonly #sessionSocket: SessionSocket
    /** Set once the document arrived: the messages after it are the live document's changes. */
    #documentPulled = false
    /** Messages after the document, in arrival order, applied one by one once the code each needs is loaded. */
    readonly #inbox: Message<unknown>[] = []
    /** The first message of the inbox once the code it needs is loaded. */
    #prepared: Message<unknown> | null = null
    #loading = false

    /** How this connection loads the model code its document and patches need (bundles, extensions, inline). */
    readonly models: ModelCode

    constructor(url: string, token: string, query: string, models: ModelCode, socket: SessionSocket) {
      super(url, token, query)
      this.models = models
      this.#sessionSocket = socket
    }

    /** Settles when the socket has closed. */
    get closed(): Promise<void> {
      return this.#sessionSocket.closed
    }

    /**
     * BokehJS's connect, on the socket that is already open (or opening): the events it heard so far go to BokehJS's
     * handlers in order, then the handlers are set, within one task, so none is missed.
     */
    override connect(): Promise<ClientSession> {
      if (this.closed_permanently) {
        return Promise.reject(new Error("Cannot connect() a closed ClientConnection"))
      }
      if (this.socket != null) {
        return Promise.reject(new Error("Already connected"))
      }
      this._current_handler = null
      this._pending_replies.clear()
      this._pending_messages = []
      const {socket} = this.#sessionSocket
      this.socket = socket
      return new Promise((resolve, reject) => {
        const handlers: Record<string, (event: Event) => void> = {
          open: () => this._on_open(resolve, reject),
          message: (event) => this._on_message(event as MessageEvent),
          close: (event) => this._on_close(event as CloseEvent, reject),
          error: () => this._on_error(reject),
        }
        for (const event of this.#sessionSocket.take()) {
          handlers[event.type]!(event)
        }
        socket.onopen = handlers.open!
        socket.onmessage = handlers.message!
        socket.onclose = handlers.close!
        socket.onerror = handlers.error!
      })
    }

    /** The document, and the code its models need loaded. */
    async #pullDocument(): Promise<PulledDocument> {
      const requested = this.#sessionSocket.documentRequestId
      const reply = requested == null ? await this.#pullAgain() : await this.#requestedDocument(requested)
      // The server sends patches only after the document; from here on none may be dropped while code loads.
      this.#documentPulled = true
      this.onDocument?.(reply.doc_json)
      await loadModelsFor(reply.doc_json, this.models)
      return reply
    }

    /** BokehJS's own request, in either of its return shapes. */
    async #pullAgain(): Promise<PulledDocument> {
      const reply = (await super._pull_doc_json()) as unknown as PulledDocument | DocJson
      return "doc_json" in reply && "buffers" in reply
        ? (reply as PulledDocument)
        : {doc_json: reply as DocJson, buffers: new Map()}
    }

    /**
     * The reply to the document request the session socket sent on the ACK: registered as BokehJS's send_with_reply
     * does, synchronously, so the reply's frames (replayed right after the ACK's, see connect) find it.
     */
    async #requestedDocument(msgid: string): Promise<PulledDocument> {
      const reply = await new Promise<Message<{doc?: DocJson}>>((resolve, reject) =>
        this._pending_replies.set(msgid, {resolve: resolve as (message: Message<unknown>) => void, reject}),
      )
      if (reply.msgtype() === "ERROR") {
        throw new Error(`Error reply ${(reply.content as {text?: string}).text}`)
      }
      if (reply.content.doc == null) {
        throw new Error("No 'doc' field in PULL-DOC-REPLY")
      }
      return {doc_json: reply.content.doc, buffers: reply.buffers ?? new Map()}
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
        const {doc_json, buffers} = await this.#pullDocument()
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
          // A message whose code was loaded is applied as it is: what it needed is there now.
          const loading =
            message.msgtype() === "PATCH-DOC" && message !== this.#prepared
              ? prepareModelsForPatch(message.content, resolverOf(this.session.document), this.models)
              : null
          if (loading != null) {
            this.#loading = true
            loading.then(
              () => {
                this.#loading = false
                this.#prepared = message
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
      if (unresolved == null) {
        onFatal?.(error)
      } else {
        void loaded(import("./failure-code.js"))
          .then(
            ({unknownModels}) => unknownModels([unresolved[1]!], api.version),
            (loadFailed: unknown) => loadFailed,
          )
          .then((failure) => onFatal?.(failure))
      }
    }

    protected override _awaiting_ack_handler(
      message: Message<unknown>,
      resolve: (session: ClientSession) => void,
      reject: (error: Error | string) => void,
    ): void {
      if (this.closed_permanently) {
        // Abandoned before the ACK: the session socket closes on this message (see SessionSocket.abandon).
        reject(new Error("The connection has been closed"))
      } else {
        super._awaiting_ack_handler(message, resolve, reject)
      }
    }

    protected override _on_close(event: CloseEvent, reject: (error: Error | string) => void): void {
      const live = this.session != null && !this.closed_permanently
      super._on_close(event, reject)
      this.#inbox.length = 0
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
      this.#sessionSocket.abandon()
    }
  }
}
