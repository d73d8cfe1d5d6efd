import {afterEach, beforeEach, describe, expect, it, vi} from "vitest"
import {SessionSocket} from "./session-socket.js"

/** A WebSocket stand-in: records what is sent and closed; the test plays the server's side with `serve`. */
class FakeWebSocket extends EventTarget {
  static readonly CONNECTING = 0
  static readonly OPEN = 1
  static readonly CLOSING = 2
  static readonly CLOSED = 3
  static last: FakeWebSocket | null = null
  readyState = FakeWebSocket.CONNECTING
  binaryType = "blob"
  readonly sent: string[] = []
  closedWith: [number, string] | null = null

  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {
    super()
    FakeWebSocket.last = this
  }

  send(data: string): void {
    this.sent.push(data)
  }

  close(code: number, reason: string): void {
    this.closedWith = [code, reason]
    this.readyState = FakeWebSocket.CLOSING
  }

  serve(type: "open" | "close" | "error" | "message", data?: string): Event {
    if (type === "open") {
      this.readyState = FakeWebSocket.OPEN
    }
    if (type === "close") {
      this.readyState = FakeWebSocket.CLOSED
    }
    const event = type === "message" ? new MessageEvent("message", {data}) : new Event(type)
    this.dispatchEvent(event)
    return event
  }
}

const ACK_HEADER = JSON.stringify({msgid: "1", msgtype: "ACK"})

const open = (query = "N=1"): [SessionSocket, FakeWebSocket] => {
  const session = new SessionSocket("ws://bokeh.example:5006/app/ws", query, "token-text")
  return [session, FakeWebSocket.last!]
}

describe("SessionSocket", () => {
  beforeEach(() => {
    vi.stubGlobal("WebSocket", FakeWebSocket)
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it("opens the URL with the query and Bokeh's subprotocols, for binary frames as ArrayBuffers", () => {
    const [, socket] = open()
    expect(socket.url).toBe("ws://bokeh.example:5006/app/ws?N=1")
    expect(socket.protocols).toEqual(["bokeh", "token-text"])
    expect(socket.binaryType).toBe("arraybuffer")
    open("")
    expect(FakeWebSocket.last!.url).toBe("ws://bokeh.example:5006/app/ws")
  })

  it("keeps every event until taken, in order, and none after", () => {
    const [session, socket] = open()
    const heard = [socket.serve("open"), socket.serve("message", ACK_HEADER), socket.serve("message", "{}")]
    expect(session.take()).toEqual(heard)
    socket.serve("message", "{}")
    expect(session.take()).toEqual([])
  })

  it("asks for the document on the ACK's header frame: one PULL-DOC-REQ, as Bokeh's three frames", () => {
    const [session, socket] = open()
    socket.serve("open")
    expect(socket.sent).toEqual([])
    socket.serve("message", ACK_HEADER)
    expect(session.documentRequestId).not.toBeNull()
    expect(socket.sent.map((frame) => JSON.parse(frame) as unknown)).toEqual([
      {msgid: session.documentRequestId, msgtype: "PULL-DOC-REQ"},
      {},
      {},
    ])
    socket.serve("message", "{}")
    socket.serve("message", "{}")
    expect(socket.sent).toHaveLength(3)
  })

  it("asks for nothing when the first message is not an ACK (BokehJS's connection then reports it)", () => {
    const [session, socket] = open()
    socket.serve("open")
    socket.serve("message", JSON.stringify({msgid: "1", msgtype: "ERROR"}))
    socket.serve("message", ACK_HEADER)
    expect(session.documentRequestId).toBeNull()
    expect(socket.sent).toEqual([])
  })

  it("abandoned before the ACK: closes on the ACK, not before (else the server keeps the session)", () => {
    const [session, socket] = open()
    socket.serve("open")
    session.abandon()
    expect(socket.closedWith).toBeNull()
    socket.serve("message", ACK_HEADER)
    expect(socket.closedWith).toEqual([1000, "closed by bokeh-session"])
    expect(socket.sent).toEqual([])
    expect(session.take()).toEqual([])
  })

  it("abandoned after the ACK: closes at once", () => {
    const [session, socket] = open()
    socket.serve("open")
    socket.serve("message", ACK_HEADER)
    session.abandon()
    expect(socket.closedWith).toEqual([1000, "closed by bokeh-session"])
  })

  it("abandoned while connecting: closes after 5 s if the server never upgrades, after 60 s if it never answers", () => {
    const [never] = open()
    const neverSocket = FakeWebSocket.last!
    never.abandon()
    vi.advanceTimersByTime(4_999)
    expect(neverSocket.closedWith).toBeNull()
    vi.advanceTimersByTime(1)
    expect(neverSocket.closedWith).toEqual([1000, "closed by bokeh-session"])

    const [silent, silentSocket] = open()
    silent.abandon()
    silentSocket.serve("open")
    vi.advanceTimersByTime(59_999)
    expect(silentSocket.closedWith).toBeNull()
    vi.advanceTimersByTime(1)
    expect(silentSocket.closedWith).toEqual([1000, "closed by bokeh-session"])
  })

  it("settles closed when the socket closes", async () => {
    const [session, socket] = open()
    let closed = false
    void session.closed.then(() => (closed = true))
    await Promise.resolve()
    expect(closed).toBe(false)
    socket.serve("close")
    await Promise.resolve()
    expect(closed).toBe(true)
  })

  describe("refused by the page's Content-Security-Policy", () => {
    /** The browser's report of a refused connection, as Chromium dispatches it on the document. */
    const violation = (blockedURI: string, effectiveDirective = "connect-src"): Event =>
      Object.assign(new Event("securitypolicyviolation"), {blockedURI, effectiveDirective})

    it("tells a refused socket from a failed one by the violation before its error event", async () => {
      const page = new EventTarget()
      vi.stubGlobal("document", page)
      const [session, socket] = open()
      // Chromium: the refused socket is closed at once, a violation for its URL (query included), then an error.
      socket.readyState = FakeWebSocket.CLOSED
      page.dispatchEvent(violation("ws://bokeh.example:5006/app/ws?N=1"))
      socket.serve("error")
      expect(session.refusedByPolicy).toBe(true)
      // No close event follows such a refusal: closed settles on the error.
      await expect(session.closed).resolves.toBeUndefined()
    })

    it("is not fooled by other violations, or by one after the socket's first event", () => {
      const page = new EventTarget()
      vi.stubGlobal("document", page)
      const [session, socket] = open()
      page.dispatchEvent(violation("ws://other.example:5006/app/ws"))
      page.dispatchEvent(violation("ws://bokeh.example:5006/app/ws?N=1", "script-src"))
      socket.serve("error")
      page.dispatchEvent(violation("ws://bokeh.example:5006/app/ws?N=1"))
      expect(session.refusedByPolicy).toBe(false)
    })

    it("without a document (Node) there is nothing to hear, and nothing breaks", () => {
      const [session, socket] = open()
      socket.serve("error")
      expect(session.refusedByPolicy).toBe(false)
    })
  })
})
