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
  try {
    return typeof data === "string" && (JSON.parse(data) as {msgtype?: unknown}).msgtype === "ACK"
  } catch {
    return false
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
