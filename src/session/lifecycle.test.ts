// SessionLifecycle against a fake host (records events, hands out roots containers) and fake session steps: the
// real planSession and obtainCredentials (pure), and an openPlannedSession whose sessions the test opens, fails,
// renders and disconnects by hand. Timers are fake, so back-off and give-up run without waiting.
import {afterEach, beforeEach, describe, expect, it, vi} from "vitest"
import type {NormalizedArguments} from "../core/arguments.js"
import {BokehSessionError, type BokehSessionErrorCode} from "../core/errors.js"
import type {BokehSessionEventMap, BokehSessionEventName} from "../element/events.js"
import {SessionLifecycle, type SessionHost, type SessionInputs, type SessionSteps} from "./lifecycle.js"
import {
  obtainCredentials,
  planSession,
  type PulledSession,
  type SessionCredentials,
  type SessionPlan,
} from "./pull-session.js"
import {mintUnsignedToken, parseToken} from "./token.js"

const APP_URL = "http://bokeh.test:5006/app"
const WEBSOCKET_URL = "ws://bokeh.test:5006/app/ws"

function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (reason: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return {promise, resolve, reject}
}

/** A stand-in for one session's roots container: the lifecycle only renders into it and removes it. */
/** A session's roots container as the lifecycle uses it: removed when replaced; never holds the focus here. */
class FakeRoots {
  removed = false
  parentElement = null
  remove(): void {
    this.removed = true
  }
  getRootNode(): {activeElement: null} {
    return {activeElement: null}
  }
  contains(): boolean {
    return false
  }
}

type Recorded = {[Name in BokehSessionEventName]: [Name, BokehSessionEventMap[Name]["detail"]]}[BokehSessionEventName]

class FakeHost implements SessionHost {
  current: SessionInputs = {
    url: APP_URL,
    arguments: {N: "10"},
    token: null,
    tokenProvider: null,
    timeout: null,
    reconnectTimeout: null,
  }
  events: Recorded[] = []
  roots: FakeRoots[] = []
  /** What argumentsChanged set, in order (the element then holds them as its inputs). */
  argumentsSet: NormalizedArguments[] = []

  inputs(): SessionInputs {
    return this.current
  }
  createRootsContainer(): Promise<HTMLElement> {
    const roots = new FakeRoots()
    this.roots.push(roots)
    return Promise.resolve(roots as unknown as HTMLElement)
  }
  changed(): void {}
  argumentsChanged(args: NormalizedArguments): void {
    this.argumentsSet.push(args)
    this.current = {...this.current, arguments: args}
  }
  emit: SessionHost["emit"] = (name, detail) => {
    this.events.push([name, detail] as Recorded)
  }
  names(): string[] {
    return this.events.map(([name]) => name)
  }
  /** Settles once `count` events named `name` were fired. */
  when(name: BokehSessionEventName, count = 1): Promise<void> {
    const fired = () => this.events.filter(([fired]) => fired === name).length >= count
    if (fired()) {
      return Promise.resolve()
    }
    return new Promise((resolve) => {
      const emit = this.emit
      this.emit = (...event) => {
        emit(...event)
        if (fired()) {
          this.emit = emit
          resolve()
        }
      }
    })
  }
}

type OpenOptions = Parameters<SessionSteps["openPlannedSession"]>[2] & {}

/** One call of openPlannedSession: the test decides when (and whether) its session opens and renders. */
class OpenCall {
  readonly opening = deferred<PulledSession>()
  readonly rendering = deferred<void>()
  /** Settles when the lifecycle starts rendering the session. */
  readonly renderStarted = deferred<void>()
  readonly session: PulledSession & {
    closed: number
    container: FakeRoots | null
    live: boolean
    echo: NormalizedArguments
    /** Each updateArguments call, answered by the test. */
    updates: Array<{arguments: NormalizedArguments; answer: ReturnType<typeof deferred<NormalizedArguments>>}>
  }

  constructor(
    readonly plan: SessionPlan,
    readonly credentials: SessionCredentials,
    readonly options: OpenOptions,
    honorsAbort: boolean,
  ) {
    if (honorsAbort) {
      // As the adapter does: an aborted connect rejects with the signal's reason.
      options.signal?.addEventListener("abort", () => this.opening.reject(options.signal!.reason), {once: true})
    }
    const session = {
      session: {} as PulledSession["session"],
      document: {} as PulledSession["document"],
      sessionId: credentials.sessionId,
      arguments: plan.arguments,
      echo: plan.arguments,
      serverVersion: "3.9.2",
      bokehJsVersion: "3.9.2",
      closed: 0,
      container: null as FakeRoots | null,
      live: false,
      updates: [] as OpenCall["session"]["updates"],
      updateArguments: (args: unknown) => {
        const answer = deferred<NormalizedArguments>()
        session.updates.push({arguments: args as NormalizedArguments, answer})
        return answer.promise
      },
      render: (container: HTMLElement) => {
        session.container = container as unknown as FakeRoots
        this.renderStarted.resolve()
        return this.rendering.promise
      },
      close: () => void session.closed++,
    }
    this.session = session
  }

  /** The session opens; it renders at once unless `rendered` is false (then call `rendering.resolve()`). */
  open({rendered = true} = {}): void {
    if (rendered) {
      this.rendering.resolve()
    }
    this.opening.resolve(this.session)
  }
  fail(code: BokehSessionErrorCode, message = `failed: ${code}`): void {
    this.opening.reject(new BokehSessionError(code, message))
  }
  /** A patch could not be applied: the adapter closed everything it opened, then reports the error once. */
  fatal(error: unknown): void {
    this.session.close()
    this.options.onFatal?.(error)
  }
  /** The server went away: the adapter reports the live session's lost socket once. */
  disconnect(code = 1006, reason = ""): void {
    this.options.onDisconnect?.({code, reason})
  }
}

class FakeSteps {
  readonly calls: OpenCall[] = []
  /** False: a session may still arrive after its connect was aborted (the socket opened as the abort came). */
  honorsAbort = true
  readonly #waiters = new Map<number, (call: OpenCall) => void>()
  readonly steps: SessionSteps = {
    planSession,
    prefetchBokehJs: () => undefined,
    obtainCredentials,
    openPlannedSession: (plan, credentials, options = {}) => {
      const call = new OpenCall(plan, credentials, options, this.honorsAbort)
      this.calls.push(call)
      this.#waiters.get(this.calls.length - 1)?.(call)
      return call.opening.promise
    },
  }

  /** The nth call of openPlannedSession (from 0), once it is made. */
  call(index: number): Promise<OpenCall> {
    const made = this.calls[index]
    return made != null ? Promise.resolve(made) : new Promise((resolve) => this.#waiters.set(index, resolve))
  }
}

let host: FakeHost
let fake: FakeSteps
let lifecycle: SessionLifecycle

beforeEach(() => {
  vi.useFakeTimers()
  host = new FakeHost()
  fake = new FakeSteps()
  lifecycle = new SessionLifecycle(host, fake.steps)
})

afterEach(() => {
  vi.useRealTimers()
})

const args = (n: string): NormalizedArguments => ({N: [n]})

/** Connects and opens the session: returns its call, with `connecting` and `ready` fired. */
async function connected(): Promise<OpenCall> {
  const connecting = lifecycle.connect()
  const call = await fake.call(fake.calls.length)
  call.open()
  await connecting
  expect(lifecycle.status).toBe("connected")
  return call
}

describe("connect", () => {
  it("fires connecting then ready with the exact details, and shows the session", async () => {
    const call = await connected()
    const {sessionId} = call.credentials
    expect(host.events).toEqual([
      ["bokeh-session-connecting", {sessionId, arguments: args("10")}],
      ["bokeh-session-ready", {sessionId, arguments: args("10"), echo: args("10")}],
    ])
    expect(call.plan.websocketUrl).toBe(WEBSOCKET_URL)
    expect(call.credentials.minted).toBe(true)
    expect(lifecycle.sessionId).toBe(sessionId)
    expect(lifecycle.session).toBe(call.session)
    expect(lifecycle.sent).toEqual(args("10"))
    expect(lifecycle.echo).toEqual(args("10"))
    expect(call.session.container).toBe(host.roots[0])
    expect(host.roots[0].removed).toBe(false)
    expect(lifecycle.active).toBe(true)
  })

  it("without a url stays idle and opens nothing", async () => {
    host.current = {...host.current, url: null}
    await lifecycle.connect()
    expect(lifecycle.status).toBe("idle")
    expect(lifecycle.active).toBe(false)
    expect(fake.calls).toEqual([])
    expect(host.events).toEqual([])
  })

  it("fails with the error's code and message, and keeps no session", async () => {
    const connecting = lifecycle.connect()
    ;(await fake.call(0)).fail("unreachable", "Could not open ws://bokeh.test:5006/app/ws: is the server up?")
    await connecting
    expect(lifecycle.status).toBe("error")
    expect(lifecycle.error?.code).toBe("unreachable")
    expect(host.events.slice(1)).toEqual([
      [
        "bokeh-session-error",
        {code: "unreachable", message: "Could not open ws://bokeh.test:5006/app/ws: is the server up?"},
      ],
    ])
    expect(lifecycle.active).toBe(false)
  })

  it("rejects invalid inputs before any network use", async () => {
    host.current = {...host.current, url: "ftp://bokeh.test/app"}
    await lifecycle.connect()
    expect(lifecycle.status).toBe("error")
    expect(host.names()).toEqual(["bokeh-session-error"])
    expect(host.events[0][1]).toMatchObject({code: "invalid-url"})
    expect(fake.calls).toEqual([])
  })

  it("a failed render closes its session and removes its roots", async () => {
    const connecting = lifecycle.connect()
    const call = await fake.call(0)
    call.open({rendered: false})
    await call.renderStarted.promise
    call.rendering.reject(new BokehSessionError("unknown-model", "could not resolve type"))
    await connecting
    expect(call.session.closed).toBe(1)
    expect(host.roots[0].removed).toBe(true)
    expect(host.names()).toEqual(["bokeh-session-connecting", "bokeh-session-error"])
  })
})

describe("latest call wins", () => {
  it("reports only the most recent value, whatever order the sessions finish in", async () => {
    // Three connects in a row, each with other arguments; the first two finish last.
    const first = lifecycle.connect()
    const one = await fake.call(0)
    one.open({rendered: false})
    await one.renderStarted.promise

    host.current = {...host.current, arguments: {N: "20"}}
    const second = lifecycle.connect()
    const two = await fake.call(1)
    two.open({rendered: false})
    await two.renderStarted.promise

    host.current = {...host.current, arguments: {N: "30"}}
    const third = lifecycle.connect()
    const three = await fake.call(2)
    three.open()
    await third
    two.rendering.resolve()
    one.rendering.resolve()
    await Promise.all([first, second])

    expect(host.names()).toEqual([
      "bokeh-session-connecting",
      "bokeh-session-connecting",
      "bokeh-session-connecting",
      "bokeh-session-ready",
    ])
    expect(host.events[3]).toEqual([
      "bokeh-session-ready",
      {sessionId: three.credentials.sessionId, arguments: args("30"), echo: args("30")},
    ])
    expect(lifecycle.status).toBe("connected")
    expect(lifecycle.sessionId).toBe(three.credentials.sessionId)
    expect(lifecycle.sent).toEqual(args("30"))
    // The superseded connects closed what they opened and took their roots away.
    expect([one.session.closed, two.session.closed, three.session.closed]).toEqual([1, 1, 0])
    expect(host.roots.map((roots) => roots.removed)).toEqual([true, true, false])
  })

  it("aborts a superseded connect that is still opening, and reports no error for it", async () => {
    const first = lifecycle.connect()
    const one = await fake.call(0)
    const second = lifecycle.connect()
    expect(one.options.signal?.aborted).toBe(true)
    await first
    const two = await fake.call(1)
    two.open()
    await second
    expect(host.names()).toEqual(["bokeh-session-connecting", "bokeh-session-connecting", "bokeh-session-ready"])
    expect(lifecycle.sessionId).toBe(two.credentials.sessionId)
  })

  it("a superseded connect whose session arrives anyway closes it", async () => {
    fake.honorsAbort = false
    const first = lifecycle.connect()
    const one = await fake.call(0)
    const second = lifecycle.connect()
    // The adapter's race: the socket opened just as the abort came.
    one.open()
    await first
    ;(await fake.call(1)).open()
    await second
    expect(one.session.closed).toBe(1)
    expect(host.names()).toEqual(["bokeh-session-connecting", "bokeh-session-connecting", "bokeh-session-ready"])
  })

  it("restarting a live session closes it with a closed event, then connects anew", async () => {
    const one = await connected()
    host.events = []
    const two = await connected()
    expect(one.session.closed).toBe(1)
    expect(host.roots[0].removed).toBe(true)
    expect(host.names()).toEqual(["bokeh-session-closed", "bokeh-session-connecting", "bokeh-session-ready"])
    expect(host.events[0]).toEqual(["bokeh-session-closed", {sessionId: one.credentials.sessionId}])
    expect(two.credentials.sessionId).not.toBe(one.credentials.sessionId)
  })
})

describe("close", () => {
  it("closes the live session with a closed event, once", async () => {
    const call = await connected()
    lifecycle.close()
    lifecycle.close()
    expect(lifecycle.status).toBe("closed")
    expect(lifecycle.active).toBe(false)
    expect(lifecycle.session).toBe(null)
    expect(call.session.closed).toBe(1)
    expect(host.roots[0].removed).toBe(true)
    expect(host.events.slice(2)).toEqual([["bokeh-session-closed", {sessionId: call.credentials.sessionId}]])
  })

  it("during a connect closes what arrives, and nothing reconnects", async () => {
    const connecting = lifecycle.connect()
    const call = await fake.call(0)
    call.open({rendered: false})
    await call.renderStarted.promise
    lifecycle.close()
    call.rendering.resolve()
    await connecting
    expect(call.session.closed).toBe(1)
    expect(host.roots[0].removed).toBe(true)
    expect(lifecycle.status).toBe("closed")
    expect(host.names()).toEqual(["bokeh-session-connecting"])
    call.disconnect()
    await vi.runAllTimersAsync()
    expect(fake.calls).toHaveLength(1)
    expect(lifecycle.status).toBe("closed")
  })

  it("while opening aborts the connect without an error", async () => {
    const connecting = lifecycle.connect()
    const call = await fake.call(0)
    lifecycle.close()
    await connecting
    expect(call.options.signal?.aborted).toBe(true)
    expect(lifecycle.status).toBe("closed")
    expect(lifecycle.error).toBe(null)
    expect(host.names()).toEqual(["bokeh-session-connecting"])
  })
})

describe("reconnect", () => {
  it("after a loss: disconnected, then reconnected with the same session id and a minted token", async () => {
    const lost = await connected()
    const sessionId = lost.credentials.sessionId
    lost.disconnect(1006, "")
    expect(lifecycle.status).toBe("reconnecting")
    expect(lifecycle.active).toBe(true)
    // The last picture stays while reconnecting.
    expect(host.roots[0].removed).toBe(false)
    await vi.advanceTimersByTimeAsync(250)
    const again = await fake.call(1)
    expect(lifecycle.reconnectAttempt).toBe(1)
    expect(again.credentials).toMatchObject({sessionId, minted: true})
    expect(parseToken(again.credentials.token).session_id).toBe(sessionId)
    again.open()
    await host.when("bokeh-session-reconnected")
    expect(lifecycle.status).toBe("connected")
    expect(host.events.slice(2)).toEqual([
      ["bokeh-session-disconnected", {sessionId, code: 1006, reason: ""}],
      ["bokeh-session-reconnected", {sessionId, arguments: args("10"), echo: args("10")}],
    ])
    // The lost session is replaced quietly: `disconnected` already announced its end.
    expect(lost.session.closed).toBe(1)
    expect(host.roots.map((roots) => roots.removed)).toEqual([true, false])
    expect(lifecycle.session).toBe(again.session)
  })

  it("asks the token provider again, for the same url and arguments", async () => {
    const tokenProvider = vi.fn(() => mintUnsignedToken(`provided-${tokenProvider.mock.calls.length}`))
    host.current = {...host.current, tokenProvider}
    const lost = await connected()
    lost.disconnect()
    await vi.advanceTimersByTimeAsync(250)
    const again = await fake.call(1)
    expect(tokenProvider.mock.calls).toEqual([
      [{url: APP_URL, arguments: args("10")}],
      [{url: APP_URL, arguments: args("10")}],
    ])
    expect(again.credentials).toMatchObject({sessionId: "provided-2", minted: false})
  })

  it("backs off between attempts while the server stays away", async () => {
    const lost = await connected()
    lost.disconnect()
    const started = Date.now()
    const startedAt: number[] = []
    for (let index = 1; index <= 4; index++) {
      await vi.advanceTimersToNextTimerAsync()
      const call = await fake.call(index)
      startedAt.push(Date.now() - started)
      call.fail("unreachable")
    }
    expect(startedAt).toEqual([250, 750, 1750, 3750])
    expect(lifecycle.status).toBe("reconnecting")
    expect(lifecycle.reconnectAttempt).toBe(4)
  })

  it("gives up after reconnectTimeout with connection-lost, and stops", async () => {
    host.current = {...host.current, reconnectTimeout: 1000}
    const lost = await connected()
    lost.disconnect()
    // Attempts at 250 and 750 ms fail; the one after them starts past the window, and is the last.
    for (let index = 1; index <= 3; index++) {
      await vi.advanceTimersToNextTimerAsync()
      ;(await fake.call(index)).fail("unreachable", "Could not open the websocket.")
    }
    await host.when("bokeh-session-error")
    // Giving up ends the lost session: closed, then the error.
    expect(host.events.slice(2)).toEqual([
      ["bokeh-session-disconnected", {sessionId: lost.credentials.sessionId, code: 1006, reason: ""}],
      ["bokeh-session-closed", {sessionId: lost.credentials.sessionId}],
      [
        "bokeh-session-error",
        {
          code: "connection-lost",
          message:
            `Lost the connection to ${WEBSOCKET_URL} and could not reconnect within 2 s (last attempt: Could not ` +
            `open the websocket.). Call restart() once the server is back.`,
        },
      ],
    ])
    expect(lifecycle.error?.code).toBe("connection-lost")
    expect(lifecycle.active).toBe(false)
    expect(host.roots[0].removed).toBe(true)
    expect(vi.getTimerCount()).toBe(0)
    expect(fake.calls).toHaveLength(4)
  })

  it("with reconnectTimeout 0 never reconnects", async () => {
    host.current = {...host.current, reconnectTimeout: 0}
    const lost = await connected()
    lost.disconnect(1001, "going away")
    await vi.runAllTimersAsync()
    expect(fake.calls).toHaveLength(1)
    expect(host.names().slice(2)).toEqual(["bokeh-session-disconnected", "bokeh-session-closed", "bokeh-session-error"])
    expect(host.events[2][1]).toEqual({sessionId: lost.credentials.sessionId, code: 1001, reason: "going away"})
    expect(host.events[4][1]).toMatchObject({code: "connection-lost"})
    expect(lifecycle.status).toBe("error")
  })

  it.each<BokehSessionErrorCode>(["invalid-url", "invalid-arguments", "invalid-token", "unknown-model"])(
    "stops at once on %s, which another attempt cannot fix",
    async (code) => {
      const lost = await connected()
      lost.disconnect()
      await vi.advanceTimersToNextTimerAsync()
      ;(await fake.call(1)).fail(code, `final: ${code}`)
      await host.when("bokeh-session-error")
      await vi.runAllTimersAsync()
      expect(fake.calls).toHaveLength(2)
      expect(host.names().slice(2)).toEqual([
        "bokeh-session-disconnected",
        "bokeh-session-closed",
        "bokeh-session-error",
      ])
      expect(host.events[4][1]).toMatchObject({code: "connection-lost"})
      expect(host.events[4][1]).toHaveProperty("message", expect.stringContaining(`(last attempt: final: ${code})`))
    },
  )

  it("keeps trying on failures another attempt may fix", async () => {
    const lost = await connected()
    lost.disconnect()
    for (const [index, code] of (
      ["unreachable", "timeout", "token-unavailable", "session-rejected"] as const
    ).entries()) {
      await vi.advanceTimersToNextTimerAsync()
      ;(await fake.call(index + 1)).fail(code)
    }
    await vi.advanceTimersToNextTimerAsync()
    ;(await fake.call(5)).open()
    await host.when("bokeh-session-reconnected")
    expect(lifecycle.status).toBe("connected")
    expect(host.names().slice(2)).toEqual(["bokeh-session-disconnected", "bokeh-session-reconnected"])
  })

  it("stops when a connect or close supersedes it", async () => {
    const lost = await connected()
    lost.disconnect()
    lifecycle.close()
    await vi.runAllTimersAsync()
    expect(fake.calls).toHaveLength(1)
    expect(lifecycle.status).toBe("closed")
    expect(host.names().slice(2)).toEqual(["bokeh-session-disconnected", "bokeh-session-closed"])
  })

  it("ignores the disconnect of a session that was already replaced", async () => {
    const one = await connected()
    await connected()
    host.events = []
    one.disconnect()
    await vi.runAllTimersAsync()
    expect(lifecycle.status).toBe("connected")
    expect(host.events).toEqual([])
    expect(fake.calls).toHaveLength(2)
  })

  it("a disconnect while the new session is being rendered starts a reconnect", async () => {
    const connecting = lifecycle.connect()
    const call = await fake.call(0)
    call.open({rendered: false})
    await call.renderStarted.promise
    // The socket dies before the roots are on screen.
    call.disconnect(1006, "")
    call.rendering.resolve()
    await connecting
    const sessionId = call.credentials.sessionId
    expect(host.names()).toEqual(["bokeh-session-connecting", "bokeh-session-ready", "bokeh-session-disconnected"])
    expect(host.events[2][1]).toEqual({sessionId, code: 1006, reason: ""})
    expect(lifecycle.status).toBe("reconnecting")
    await vi.advanceTimersByTimeAsync(250)
    const again = await fake.call(1)
    expect(again.credentials.sessionId).toBe(sessionId)
    again.open()
    await host.when("bokeh-session-reconnected")
    expect(lifecycle.status).toBe("connected")
  })

  it("a disconnect while a reconnected session is being rendered starts the next reconnect", async () => {
    const lost = await connected()
    const sessionId = lost.credentials.sessionId
    lost.disconnect()
    await vi.advanceTimersByTimeAsync(250)
    const again = await fake.call(1)
    again.open({rendered: false})
    await again.renderStarted.promise
    again.disconnect(1006, "")
    again.rendering.resolve()
    await host.when("bokeh-session-disconnected", 2)
    expect(host.names().slice(2)).toEqual([
      "bokeh-session-disconnected",
      "bokeh-session-reconnected",
      "bokeh-session-disconnected",
    ])
    expect(lifecycle.status).toBe("reconnecting")
    expect(lifecycle.reconnectAttempt).toBe(0)
    await vi.advanceTimersByTimeAsync(250)
    expect((await fake.call(2)).credentials.sessionId).toBe(sessionId)
  })

  it("forwards the adapter's warnings as warning events", async () => {
    const call = await connected()
    call.options.onWarning?.("Bokeh 3.9.1 on the server, 3.9.2 here.")
    expect(host.events.at(-1)).toEqual(["bokeh-session-warning", {message: "Bokeh 3.9.1 on the server, 3.9.2 here."}])
  })
})

describe("live arguments", () => {
  /** A connected session whose app accepts live arguments. */
  async function live(): Promise<OpenCall> {
    const connecting = lifecycle.connect()
    const call = await fake.call(fake.calls.length)
    call.session.live = true
    call.open()
    await connecting
    host.events = []
    return call
  }
  const refused = (message: string) => new BokehSessionError("update-rejected", message)

  it("updates a live session in place: no new session, updated fires once the app accepted", async () => {
    const call = await live()
    host.current = {...host.current, arguments: {N: "20"}}
    expect(lifecycle.updateArguments()).toBe(true)
    expect(call.session.updates.map((update) => update.arguments)).toEqual([args("20")])
    expect(lifecycle.sent).toEqual(args("20"))
    call.options.onArgumentsChange?.({arguments: args("20"), source: "page"})
    call.session.updates[0]!.answer.resolve(args("20"))
    await vi.runAllTimersAsync()
    const {sessionId} = call.credentials
    expect(host.events).toEqual([
      ["bokeh-session-updated", {sessionId, arguments: args("20"), echo: args("20"), source: "page"}],
    ])
    expect(lifecycle.echo).toEqual(args("20"))
    expect(lifecycle.status).toBe("connected")
    expect(fake.calls).toHaveLength(1)
    expect(host.argumentsSet).toEqual([])
  })

  it("takes arguments in place when other inputs read at the next connect change with them, not with url", async () => {
    const call = await live()
    host.current = {...host.current, arguments: {N: "20"}, timeout: 5000}
    await lifecycle.connect(
      new Map<PropertyKey, unknown>([
        ["arguments", null],
        ["timeout", null],
      ]),
    )
    expect(call.session.updates.map((update) => update.arguments)).toEqual([args("20")])
    expect(fake.calls).toHaveLength(1)
    host.current = {...host.current, arguments: {N: "30"}}
    const reconnecting = lifecycle.connect(
      new Map<PropertyKey, unknown>([
        ["arguments", null],
        ["url", null],
      ]),
    )
    expect(call.session.updates).toHaveLength(1)
    await fake.call(1)
    expect(fake.calls).toHaveLength(2)
    lifecycle.close()
    await reconnecting
  })

  it("asks for a new session when the app is not live, or a token is involved, or not connected", async () => {
    const call = await connected()
    expect(lifecycle.updateArguments()).toBe(false)
    call.session.live = true
    host.current = {...host.current, tokenProvider: () => mintUnsignedToken("x".repeat(44))}
    expect(lifecycle.updateArguments()).toBe(false)
    host.current = {...host.current, tokenProvider: null, token: mintUnsignedToken("y".repeat(44))}
    expect(lifecycle.updateArguments()).toBe(false)
    host.current = {...host.current, token: null, arguments: {N: 5} as never}
    expect(lifecycle.updateArguments()).toBe(false)
    lifecycle.close()
    host.current = {...host.current, arguments: {N: "5"}}
    expect(lifecycle.updateArguments()).toBe(false)
    expect(call.session.updates).toEqual([])
  })

  it("the app's own change sets the element's arguments and fires updated with source server", async () => {
    const call = await live()
    call.options.onArgumentsChange?.({arguments: args("42"), source: "server"})
    const {sessionId} = call.credentials
    expect(host.argumentsSet).toEqual([args("42")])
    expect(host.events).toEqual([
      ["bokeh-session-updated", {sessionId, arguments: args("42"), echo: args("42"), source: "server"}],
    ])
    expect(lifecycle.echo).toEqual(args("42"))
    expect(lifecycle.sent).toEqual(args("42"))
  })

  it("the app's change does not overwrite the element's own change still on its way (which wins on the server)", async () => {
    const call = await live()
    host.current = {...host.current, arguments: {N: "20"}}
    lifecycle.updateArguments()
    call.options.onArgumentsChange?.({arguments: args("42"), source: "server"})
    expect(host.argumentsSet).toEqual([])
    expect(lifecycle.sent).toEqual(args("20"))
  })

  it("a refusal of the latest change fires update-rejected and puts back the arguments the app holds", async () => {
    const call = await live()
    host.current = {...host.current, arguments: {N: "bad"}}
    lifecycle.updateArguments()
    call.session.updates[0]!.answer.reject(refused("N must be a number"))
    await vi.runAllTimersAsync()
    expect(host.events).toEqual([["bokeh-session-error", {code: "update-rejected", message: "N must be a number"}]])
    expect(host.argumentsSet).toEqual([args("10")])
    expect(lifecycle.error?.code).toBe("update-rejected")
    expect(lifecycle.status).toBe("connected")
    expect(lifecycle.sent).toEqual(args("10"))
    // The next accepted change clears the error.
    call.options.onArgumentsChange?.({arguments: args("11"), source: "page"})
    expect(lifecycle.error).toBeNull()
  })

  it("reports only the most recent change's refusal", async () => {
    const call = await live()
    host.current = {...host.current, arguments: {N: "bad"}}
    lifecycle.updateArguments()
    host.current = {...host.current, arguments: {N: "12"}}
    lifecycle.updateArguments()
    call.session.updates[0]!.answer.reject(refused("no"))
    call.session.updates[1]!.answer.resolve(args("12"))
    await vi.runAllTimersAsync()
    expect(host.events).toEqual([])
    expect(host.argumentsSet).toEqual([])
  })

  it("after a reconnect to a session the server kept, sends the element's latest arguments", async () => {
    const call = await live()
    call.disconnect()
    host.current = {...host.current, arguments: {N: "30"}}
    await vi.advanceTimersByTimeAsync(250)
    const again = await fake.call(1)
    again.session.live = true
    // The kept session still holds the arguments it had.
    again.session.echo = args("10")
    again.open()
    await host.when("bokeh-session-reconnected")
    expect(again.session.updates.map((update) => update.arguments)).toEqual([args("30")])
  })

  it("ignores changes of a session that was replaced", async () => {
    const call = await live()
    lifecycle.close()
    call.options.onArgumentsChange?.({arguments: args("42"), source: "server"})
    expect(host.names()).toEqual(["bokeh-session-closed"])
    expect(host.argumentsSet).toEqual([])
  })
})

describe("a fatal error of the live session", () => {
  const unknownModel = (): BokehSessionError =>
    new BokehSessionError("unknown-model", "The document uses model types that BokehJS cannot resolve: LateGauge.")

  it("fails with the error, removes the roots, keeps no session and does not reconnect", async () => {
    const call = await connected()
    call.fatal(unknownModel())
    expect(lifecycle.status).toBe("error")
    expect(lifecycle.error?.code).toBe("unknown-model")
    expect(lifecycle.session).toBe(null)
    expect(lifecycle.active).toBe(false)
    expect(lifecycle.echo).toBe(null)
    expect(host.roots[0].removed).toBe(true)
    expect(host.events.slice(2)).toEqual([
      [
        "bokeh-session-error",
        {code: "unknown-model", message: "The document uses model types that BokehJS cannot resolve: LateGauge."},
      ],
    ])
    call.disconnect()
    await vi.runAllTimersAsync()
    expect(fake.calls).toHaveLength(1)
    expect(lifecycle.status).toBe("error")
  })

  it("an exception from BokehJS is internal-error, with the original as cause", async () => {
    const call = await connected()
    const thrown = new TypeError("Cannot read properties of undefined (reading 'x')")
    call.fatal(thrown)
    expect(lifecycle.error?.code).toBe("internal-error")
    expect(lifecycle.error?.cause).toBe(thrown)
    expect(lifecycle.error?.message).toContain("Cannot read properties of undefined (reading 'x')")
    expect(lifecycle.error?.message).toContain("a bug in bokeh-session or BokehJS")
  })

  it("while the session renders, fails it instead of announcing it", async () => {
    const connecting = lifecycle.connect()
    const call = await fake.call(0)
    call.open({rendered: false})
    await call.renderStarted.promise
    call.fatal(unknownModel())
    call.rendering.resolve()
    await connecting
    expect(host.names()).toEqual(["bokeh-session-connecting", "bokeh-session-error"])
    expect(lifecycle.error?.code).toBe("unknown-model")
    expect(lifecycle.session).toBe(null)
    expect(host.roots[0].removed).toBe(true)
    await vi.runAllTimersAsync()
    expect(fake.calls).toHaveLength(1)
  })

  it("while a reconnected session renders, fails with the error itself, and stops reconnecting", async () => {
    const lost = await connected()
    lost.disconnect()
    await vi.advanceTimersByTimeAsync(250)
    const again = await fake.call(1)
    again.open({rendered: false})
    await again.renderStarted.promise
    again.fatal(unknownModel())
    again.rendering.resolve()
    await host.when("bokeh-session-error")
    expect(host.names().slice(2)).toEqual(["bokeh-session-disconnected", "bokeh-session-error"])
    expect(lifecycle.error?.code).toBe("unknown-model")
    expect(host.roots.map((roots) => roots.removed)).toEqual([true, true])
    await vi.runAllTimersAsync()
    expect(fake.calls).toHaveLength(2)
    expect(lifecycle.status).toBe("error")
  })

  it("of a session that was already replaced is ignored", async () => {
    const one = await connected()
    await connected()
    host.events = []
    one.fatal(unknownModel())
    expect(lifecycle.status).toBe("connected")
    expect(host.events).toEqual([])
  })
})

describe("codes that say what happened", () => {
  it("an unexpected exception while connecting is internal-error, with the original as cause", async () => {
    const connecting = lifecycle.connect()
    const thrown = new RangeError("Maximum call stack size exceeded")
    ;(await fake.call(0)).opening.reject(thrown)
    await connecting
    expect(lifecycle.error?.code).toBe("internal-error")
    expect(lifecycle.error?.cause).toBe(thrown)
    expect(host.events.at(-1)).toEqual([
      "bokeh-session-error",
      {code: "internal-error", message: lifecycle.error?.message},
    ])
  })

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])(
    "reconnectTimeout %s is invalid-option, before any network use",
    async (reconnectTimeout) => {
      host.current = {...host.current, reconnectTimeout}
      await lifecycle.connect()
      expect(host.names()).toEqual(["bokeh-session-error"])
      expect(lifecycle.error?.code).toBe("invalid-option")
      expect(lifecycle.error?.message).toBe(
        `reconnect-timeout must be a non-negative number of milliseconds (0: never reconnect), got ` +
          `${reconnectTimeout}: e.g. reconnect-timeout="300000".`,
      )
      expect(fake.calls).toEqual([])
    },
  )

  it("timeout that is not a positive number is invalid-option, before any network use", async () => {
    host.current = {...host.current, timeout: 0}
    await lifecycle.connect()
    expect(lifecycle.error?.code).toBe("invalid-option")
    expect(fake.calls).toEqual([])
  })
})

describe("an aborted connect", () => {
  it("is followed by the next one only once the abandoned socket is closed", async () => {
    const first = lifecycle.connect()
    const one = await fake.call(0)
    let socketClosed!: () => void
    one.options.onAbandoned?.(new Promise<void>((resolve) => (socketClosed = resolve)))
    const second = lifecycle.connect()
    await first
    await vi.advanceTimersByTimeAsync(1000)
    expect(fake.calls).toHaveLength(1)
    socketClosed()
    const two = await fake.call(1)
    two.open()
    await second
    expect(lifecycle.status).toBe("connected")
  })
})

describe("a policy block in the running session", () => {
  const blocked = (): BokehSessionError =>
    new BokehSessionError("csp-blocked", "The page's Content-Security-Policy does not allow compiling code")

  it("fires bokeh-session-error with its code and keeps the session connected", async () => {
    const call = await connected()
    call.options.onPolicyBlock?.(blocked())
    expect(host.names()).toEqual(["bokeh-session-connecting", "bokeh-session-ready", "bokeh-session-error"])
    expect(host.events[2]![1]).toEqual({code: "csp-blocked", message: blocked().message})
    expect(lifecycle.status).toBe("connected")
    expect(lifecycle.error?.code).toBe("csp-blocked")
    expect(lifecycle.session).toBe(call.session)
    expect(call.session.closed).toBe(0)
  })

  it("reported while the session renders: fired after ready, in order", async () => {
    const connecting = lifecycle.connect()
    const call = await fake.call(0)
    call.open({rendered: false})
    await call.renderStarted.promise
    call.options.onPolicyBlock?.(blocked())
    expect(host.names()).toEqual(["bokeh-session-connecting"])
    call.rendering.resolve()
    await connecting
    expect(host.names()).toEqual(["bokeh-session-connecting", "bokeh-session-ready", "bokeh-session-error"])
    expect(lifecycle.status).toBe("connected")
  })

  it("from a session no longer shown: ignored", async () => {
    const call = await connected()
    host.current = {...host.current, arguments: {N: "20"}}
    const next = lifecycle.connect()
    ;(await fake.call(1)).open()
    await next
    call.options.onPolicyBlock?.(blocked())
    expect(host.names()).not.toContain("bokeh-session-error")
    expect(lifecycle.error).toBeNull()
  })
})
