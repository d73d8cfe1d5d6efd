/**
 * The session's websocket, opened as soon as the URL and the token are known, before BokehJS has loaded: the server
 * creates the session (runs the app) while BokehJS's code downloads and evaluates, instead of after. What the socket
 * hears meanwhile (open, the server's ACK, a close or an error) is kept, and BokehJS's connection takes the socket
 * and replays those events in order when it is ready (src/bokeh/connection.ts). One socket per connect.
 */

/** How long an abandoned socket may wait for the server's ACK before it is closed anyway. */
const ACK_WAIT_CONNECTING_MS = 5_000
const ACK_WAIT_OPEN_MS = 60_000

const CLOSE_REASON = "closed by bokeh-session"

let requests = 0

/** Whether a frame is the header of Bokeh's ACK message (the first frame the server sends once the session exists). */
function isAckHeader(data: unknown): boolean {
  return header(data)?.msgtype === "ACK"
}

interface Header {
  msgtype?: unknown
  reqid?: unknown
  num_buffers?: unknown
}

function header(data: unknown): Header | null {
  try {
    return typeof data === "string" ? (JSON.parse(data) as Header) : null
  } catch {
    return null
  }
}

/**
 * Calls `refused` when the page's Content-Security-Policy refuses a connection to `url` (connect-src). The browser
 * then fails the socket as it fails one to a server that is down (no request is made); only this event, which
 * comes before the socket's error event, tells the two apart. Returns the function that stops listening.
 */
function onPolicyRefusal(url: string, refused: () => void): () => void {
  if (typeof document === "undefined") {
    return () => undefined
  }
  const listener = (event: SecurityPolicyViolationEvent): void => {
    if (event.effectiveDirective === "connect-src" && event.blockedURI.startsWith(url)) {
      refused()
    }
  }
  document.addEventListener("securitypolicyviolation", listener)
  return () => document.removeEventListener("securitypolicyviolation", listener)
}

/**
 * The `version` of a PULL-DOC-REPLY's content frame, without parsing the whole document: Bokeh 3 writes it first
 * (`{"doc":{"version":"3.6.0",...`), Bokeh 2 sorted the document's keys, so last (`..."version": "2.4.3"}}`).
 */
export function documentVersionOf(content: string): string | null {
  const found =
    /^\{"doc":\s*\{"version":\s*"([^"\\]{1,64})"/.exec(content.slice(0, 100)) ??
    /"version":\s*"([^"\\]{1,64})"\s*\}\s*\}\s*$/.exec(content.slice(-100))
  if (found != null) {
    return found[1]!
  }
  try {
    const version = (JSON.parse(content) as {doc?: {version?: unknown}}).doc?.version
    return typeof version === "string" ? version : null
  } catch {
    return null
  }
}

/**
 * The model types a document's JSON names, read as text: Bokeh 3 writes each model as
 * `{"type":"object","name":"Div","id":...`. A string value that looks the same adds a name (a prefetch too many,
 * never a wrong document); the deserializer still decides what loads.
 */
export function documentTypesOf(content: string): Set<string> {
  const types = new Set<string>()
  for (const [, name] of content.matchAll(/"type":"object","name":"(\w{1,100})"/g)) {
    types.add(name!)
  }
  return types
}

/** How the socket's connect went, as far as the session code needs to know before it picks a BokehJS. */
export type SocketOutcome =
  /**
   * The document's reply arrived; `version` is the server's Bokeh release, as the document states it; `types` the
   * model types it names (documentTypesOf), so that their code can be fetched before BokehJS deserializes it.
   */
  | {document: true; version: string | null; types: ReadonlySet<string>}
  /** The socket closed (or never opened) before the document came. */
  | {document: false; opened: boolean; code: number; reason: string}

export class SessionSocket {
  readonly socket: WebSocket
  /** Settles when the socket has closed. */
  readonly closed: Promise<void>
  /** The page's Content-Security-Policy refused the socket (connect-src): see `onPolicyRefusal`. */
  refusedByPolicy = false
  /** The events before BokehJS's connection took the socket; null once taken or abandoned. */
  #early: Event[] | null = []
  /** The server sent a message: its ACK, sent once the session exists. */
  #answered = false
  #abandoned = false
  /**
   * The `msgid` of the document request (PULL-DOC-REQ) sent on the ACK, whose reply BokehJS's connection awaits
   * instead of asking again; null when none was sent.
   */
  documentRequestId: string | null = null
  /** Settles once the document's reply arrived, or once the socket closed before it. */
  readonly outcome: Promise<SocketOutcome>
  /** Settles true once the server's ACK arrived (the session exists on the server), false if the socket closed first. */
  readonly answered: Promise<boolean>

  /** The URL and query as BokehJS's ClientConnection builds them, and its subprotocols: `["bokeh", token]`. */
  constructor(websocketUrl: string, query: string, token: string) {
    const stopListening = onPolicyRefusal(websocketUrl, () => (this.refusedByPolicy = true))
    const socket = new WebSocket(query === "" ? websocketUrl : `${websocketUrl}?${query}`, ["bokeh", token])
    // As BokehJS sets it: binary frames (the document's buffers) as ArrayBuffers.
    socket.binaryType = "arraybuffer"
    for (const type of ["open", "message", "error", "close"]) {
      socket.addEventListener(type, (event) => this.#early?.push(event))
      socket.addEventListener(type, stopListening, {once: true})
    }
    socket.addEventListener(
      "message",
      (event) => {
        this.#answered = true
        if (this.#abandoned) {
          this.#close()
        } else if (isAckHeader(event.data)) {
          // Bokeh's protocol message: header, metadata and content frames. The server set up its receiver before
          // it sent the ACK (bokeh/server/views/ws.py), so the request is read now.
          this.documentRequestId = `bokeh-session-pull-${++requests}`
          socket.send(JSON.stringify({msgid: this.documentRequestId, msgtype: "PULL-DOC-REQ"}))
          socket.send("{}")
          socket.send("{}")
        }
      },
      {once: true},
    )
    this.socket = socket
    this.closed = new Promise((resolve) => {
      socket.addEventListener("close", () => resolve(), {once: true})
      // A socket the policy refused is closed from the start and fires only an error event, no close event.
      socket.addEventListener("error", () => socket.readyState === WebSocket.CLOSED && resolve(), {once: true})
    })
    this.answered = new Promise((resolve) => {
      socket.addEventListener("message", () => resolve(true), {once: true})
      void this.closed.then(() => resolve(false))
    })
    this.outcome = new Promise((resolve) => this.#readFrames(socket, resolve))
  }

  /**
   * Follows Bokeh's message framing (a header, a metadata and a content frame, then two frames per binary buffer the
   * header announces) until the content of the reply to the document request, and reads its version.
   */
  #readFrames(socket: WebSocket, resolve: (outcome: SocketOutcome) => void): void {
    let opened = false
    let settled = false
    /** Frames of the current message still to come; 0: the next frame is a message's header. */
    let left = 0
    /** The position of the next frame in the current message, after its header: 0 metadata, 1 content, ... */
    let position = 0
    let reply = false
    const settle = (outcome: SocketOutcome): void => {
      if (!settled) {
        settled = true
        socket.removeEventListener("message", onMessage)
        resolve(outcome)
      }
    }
    const onMessage = (event: MessageEvent): void => {
      if (left === 0) {
        const head = header(event.data)
        left = 2 + 2 * (typeof head?.num_buffers === "number" ? head.num_buffers : 0)
        position = 0
        // The ACK's own listener (registered first) has sent the request and set its id by now.
        reply = head?.reqid != null && head.reqid === this.documentRequestId
        return
      }
      left--
      if (reply && position === 1) {
        const content = typeof event.data === "string" ? event.data : ""
        settle({document: true, version: documentVersionOf(content), types: documentTypesOf(content)})
      }
      position++
    }
    socket.addEventListener("open", () => (opened = true), {once: true})
    socket.addEventListener("message", onMessage)
    socket.addEventListener(
      "close",
      (event) => settle({document: false, opened, code: event.code, reason: event.reason}),
      {once: true},
    )
    // A socket the policy refused fires only an error event (see `closed`).
    socket.addEventListener(
      "error",
      () => socket.readyState === WebSocket.CLOSED && settle({document: false, opened, code: 1006, reason: ""}),
      {once: true},
    )
  }

  /** Hands over the socket: returns the events so far, in order; from now on the taker's handlers hear them. */
  take(): Event[] {
    const events = this.#early ?? []
    this.#early = null
    return events
  }

  /**
   * Closes the socket of a connect nobody waits for any more, without leaving a session on the server: Bokeh's
   * server registers a websocket's connection just before it sends the ACK, and a socket that closes earlier runs
   * the server's on_close first, so the session then lives forever (seen as "N clients connected" that never drops).
   * So before the ACK it closes on the ACK, or after a while if the server never upgrades or never answers.
   */
  abandon(): void {
    if (this.#abandoned) {
      return
    }
    this.#abandoned = true
    this.#early = null
    const {socket} = this
    if (this.#answered || socket.readyState >= WebSocket.CLOSING) {
      // Answered: a document requested on the ACK may still be on its way; the server drops it with the session.
      this.#close()
      return
    }
    if (socket.readyState === WebSocket.CONNECTING) {
      this.#closeLater(ACK_WAIT_CONNECTING_MS, WebSocket.CONNECTING)
      socket.addEventListener("open", () => this.#closeLater(ACK_WAIT_OPEN_MS, WebSocket.OPEN), {once: true})
    } else {
      this.#closeLater(ACK_WAIT_OPEN_MS, WebSocket.OPEN)
    }
  }

  #close(): void {
    if (this.socket.readyState < WebSocket.CLOSING) {
      this.socket.close(1000, CLOSE_REASON)
    }
  }

  /** Closes the socket after `ms` if it is still in `state`. */
  #closeLater(ms: number, state: number): void {
    setTimeout(() => {
      if (this.socket.readyState === state) {
        this.socket.close(1000, CLOSE_REASON)
      }
    }, ms)
  }
}
