import {afterEach, beforeEach, describe, expect, it, vi} from "vitest"
import {SessionSocket, documentTypesOf, documentVersionOf} from "./session-socket.js"

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

  serve(type: "open" | "close" | "error" | "message", data?: string | ArrayBuffer, code = 1005): Event {
    if (type === "open") {
      this.readyState = FakeWebSocket.OPEN
    }
    if (type === "close") {
      this.readyState = FakeWebSocket.CLOSED
    }
    const event =
      type === "message"
        ? new MessageEvent("message", {data})
        : type === "close"
          ? Object.assign(new Event("close"), {code, reason: ""})
          : new Event(type)
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

/** Bokeh's three frames (and two per buffer) for one message. */
function frames(header: object, content: string, buffers: ArrayBuffer[] = []): (string | ArrayBuffer)[] {
  return [
    JSON.stringify({...header, ...(buffers.length > 0 ? {num_buffers: buffers.length} : {})}),
    "{}",
    content,
    ...buffers.flatMap((buffer, id) => [JSON.stringify({id: String(id)}), buffer]),
  ]
}

/**
 * The document reply of a Bokeh 2.4.3 server, in its format: Bokeh 2 serialized the document with sorted keys
 * (bokeh/core/json_encoder.py `serialize_json`) and the message content with `json.dumps` (bokeh/protocol/message.py),
 * so `version` comes last, after `": "`. Written from 2.4.3's sources (git show 2.4.3:bokeh/document/document.py):
 * no 2.x wheel is at hand to record a real one.
 */
const BOKEH_2_DOCUMENT = JSON.stringify({
  doc: {
    defs: [],
    roots: {
      references: [{attributes: {text: "hello"}, id: "1002", type: "Div"}],
      root_ids: ["1002"],
    },
    title: "Bokeh Application",
    version: "2.4.3",
  },
})
  .replace(/":/g, '": ')
  .replace(/,"/g, ', "')

describe("SessionSocket.outcome: the document's version, heard before any BokehJS", () => {
  beforeEach(() => {
    vi.stubGlobal("WebSocket", FakeWebSocket)
  })
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  /** Opens a socket, plays the ACK, and returns the id of the document request it sent. */
  const acked = (): [SessionSocket, FakeWebSocket, string] => {
    const [session, socket] = open()
    socket.serve("open")
    for (const frame of frames({msgid: "1", msgtype: "ACK"}, "{}")) {
      socket.serve("message", frame)
    }
    return [session, socket, session.documentRequestId!]
  }

  it("reads the version of the reply to its request, past a patch that came first (and its buffers)", async () => {
    const [session, socket, reqid] = acked()
    const patch = frames({msgid: "2", msgtype: "PATCH-DOC"}, '{"events":[],"doc":{"version":"9.9.9"}}', [
      new ArrayBuffer(8),
    ])
    const content = JSON.stringify({
      doc: {
        version: "3.6.0",
        title: "x",
        roots: [{type: "object", name: "Column", id: "p1", attributes: {children: [{type: "object", name: "Div"}]}}],
      },
    })
    const reply = frames({msgid: "3", msgtype: "PULL-DOC-REPLY", reqid}, content)
    for (const frame of [...patch, ...reply]) {
      socket.serve("message", frame)
    }
    expect(await session.outcome).toEqual({document: true, version: "3.6.0", types: new Set(["Column", "Div"])})
    expect(await session.answered).toBe(true)
  })

  it("reads a Bokeh 2 document's version, which it writes last", async () => {
    expect(documentVersionOf(BOKEH_2_DOCUMENT)).toBe("2.4.3")
    const [session, socket, reqid] = acked()
    for (const frame of frames({msgid: "3", msgtype: "PULL-DOC-REPLY", reqid}, BOKEH_2_DOCUMENT)) {
      socket.serve("message", frame)
    }
    expect(await session.outcome).toMatchObject({document: true, version: "2.4.3"})
  })

  it("reads the model types a document names, as Bokeh 3 writes them, and nothing else", () => {
    const content = JSON.stringify({
      doc: {
        version: "3.9.2",
        roots: [{type: "object", name: "DataTable", id: "p1", attributes: {name: "Slider", source: {type: "map"}}}],
        defs: [{type: "model", name: "MyModel"}],
      },
    })
    expect(documentTypesOf(content)).toEqual(new Set(["DataTable"]))
    expect(documentTypesOf("")).toEqual(new Set())
  })

  it("finds the version anywhere by parsing, when neither end has it", () => {
    expect(documentVersionOf(JSON.stringify({doc: {title: "t", version: "3.1.0", roots: []}}))).toBe("3.1.0")
    expect(documentVersionOf('{"doc":{"title":"t"}}')).toBeNull()
    expect(documentVersionOf("not json")).toBeNull()
  })

  it("says how the socket ended when it closed before the document: opened or not, with its close code", async () => {
    const [refused, refusedSocket] = acked()
    refusedSocket.serve("close", undefined, 1006)
    expect(await refused.outcome).toEqual({document: false, opened: true, code: 1006, reason: ""})

    const [never, neverSocket] = open()
    neverSocket.serve("error")
    neverSocket.serve("close", undefined, 1006)
    expect(await never.outcome).toEqual({document: false, opened: false, code: 1006, reason: ""})
    expect(await never.answered).toBe(false)
  })
})
