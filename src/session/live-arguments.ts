/**
 * The page's side of live arguments (docs/live-arguments.md), free of BokehJS and the DOM: reading the app's live
 * state, and one request in flight at a time with only the latest pending change kept.
 */
import type {NormalizedArguments} from "../core/arguments.js"
import type {EchoedArguments} from "../core/echo.js"
import {BokehSessionError} from "../core/errors.js"

/** The name of the echo source's tag entry that holds the live state (python/bokeh_session/live.py LIVE_TAG). */
export const LIVE_TAG = "bokeh_session"
/** The protocol version this code speaks; an app that publishes another one is treated as not live. */
export const LIVE_PROTOCOL_VERSION = 1

export type LiveSource = "initial" | "page" | "server"

/** What the app publishes in the echo source's `tags` after every change. */
export interface LiveState {
  /** The last page request the app answered. */
  pageSeq: number
  /** Counts the app's own changes (`live.update(...)`). */
  serverSeq: number
  /** Who made the last change. */
  source: LiveSource
  /** Why the page request `pageSeq` was refused; null when it was accepted. */
  error: string | null
}

/** Where an echo comes from, for `bokeh-session-updated`. */
export type UpdateSource = "page" | "server"

/** A field of a decoded Bokeh map: BokehJS decodes string-keyed maps as plain objects, other maps as `Map`. */
function field(value: unknown, name: string): unknown {
  if (value instanceof Map) {
    return value.get(name)
  }
  return value != null && typeof value === "object" && Object.hasOwn(value, name)
    ? (value as Record<string, unknown>)[name]
    : undefined
}

const isSeq = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0

/** The live state in the echo source's tags, or null when the app does not accept live arguments (this version). */
export function parseLiveState(tags: unknown): LiveState | null {
  if (!Array.isArray(tags)) {
    return null
  }
  for (const tag of tags) {
    const state = field(tag, LIVE_TAG)
    if (state === undefined) {
      continue
    }
    const pageSeq = field(state, "page_seq")
    const serverSeq = field(state, "server_seq")
    const source = field(state, "source")
    const error = field(state, "error")
    if (
      field(state, "live") !== LIVE_PROTOCOL_VERSION ||
      !isSeq(pageSeq) ||
      !isSeq(serverSeq) ||
      (source !== "initial" && source !== "page" && source !== "server") ||
      (error !== null && typeof error !== "string")
    ) {
      return null
    }
    return {pageSeq, serverSeq, source, error}
  }
  return null
}

/** Same names with the same values in the same order; the order of names does not matter (a dict on the server). */
export function sameArguments(a: NormalizedArguments, b: NormalizedArguments): boolean {
  const names = Object.keys(a)
  if (names.length !== Object.keys(b).length) {
    return false
  }
  return names.every((name) => {
    const other = Object.hasOwn(b, name) ? b[name] : undefined
    const values = a[name]!
    return other != null && other.length === values.length && other.every((value, index) => value === values[index])
  })
}

/** The request as it goes on the wire: a `Map`, so that no name can reach an object prototype. */
export function requestPayload(seq: number, args: NormalizedArguments): Map<string, unknown> {
  return new Map<string, unknown>([
    ["seq", seq],
    ["arguments", new Map(Object.entries(args).map(([name, values]) => [name, [...values]]))],
  ])
}

export interface LiveChannelEvents {
  /** The echo shows a change: one the page asked for (`page`) or one the app made (`server`). */
  updated(echo: EchoedArguments, source: UpdateSource): void
  /** The app refused the page's change `requested`; the echo is unchanged. */
  rejected(error: BokehSessionError, requested: NormalizedArguments): void
}

interface Waiter {
  resolve(echo: EchoedArguments): void
  reject(error: BokehSessionError): void
}

interface Request {
  arguments: NormalizedArguments
  waiters: Waiter[]
}

/**
 * One live session's arguments, page side. `request()` sends at once when nothing is in flight; otherwise it
 * replaces the pending change, whose callers then get the outcome of the one that replaced it. `receive()` is fed
 * every live state the app publishes, with the echo read at that moment.
 */
export class LiveArgumentsChannel {
  #send: (seq: number, args: NormalizedArguments) => void
  #events: LiveChannelEvents
  #echo: EchoedArguments
  #pageSeq: number
  #serverSeq: number
  #nextSeq: number
  #inFlight: (Request & {seq: number}) | null = null
  #pending: Request | null = null
  #closed: BokehSessionError | null = null

  constructor(
    send: (seq: number, args: NormalizedArguments) => void,
    initial: {state: LiveState; echo: EchoedArguments},
    events: LiveChannelEvents,
  ) {
    this.#send = send
    this.#events = events
    this.#echo = initial.echo
    this.#pageSeq = initial.state.pageSeq
    this.#serverSeq = initial.state.serverSeq
    this.#nextSeq = initial.state.pageSeq + 1
  }

  /** The arguments the app accepted last, as echoed. */
  get echo(): EchoedArguments {
    return this.#echo
  }

  /** What the session will hold once every change asked for is answered (if the app accepts them). */
  get target(): NormalizedArguments {
    return this.#pending?.arguments ?? this.#inFlight?.arguments ?? this.#echo
  }

  /** A change is in flight or waiting. */
  get busy(): boolean {
    return this.#inFlight != null || this.#pending != null
  }

  /** Asks the app for `args`; resolves with the echo once it accepted them, rejects with `update-rejected`. */
  request(args: NormalizedArguments): Promise<EchoedArguments> {
    if (this.#closed != null) {
      return Promise.reject(this.#closed)
    }
    if (!this.busy && sameArguments(args, this.#echo)) {
      return Promise.resolve(this.#echo)
    }
    return new Promise<EchoedArguments>((resolve, reject) => {
      const waiter = {resolve, reject}
      if (this.#pending != null) {
        this.#pending = {arguments: args, waiters: [...this.#pending.waiters, waiter]}
      } else if (this.#inFlight != null) {
        if (sameArguments(args, this.#inFlight.arguments)) {
          this.#inFlight.waiters.push(waiter)
        } else {
          this.#pending = {arguments: args, waiters: [waiter]}
        }
      } else {
        this.#dispatch({arguments: args, waiters: [waiter]})
      }
    })
  }

  /** Takes in a live state the app published and the echo read with it. */
  receive(state: LiveState, echo: EchoedArguments): void {
    if (this.#closed != null) {
      return
    }
    if (state.serverSeq !== this.#serverSeq) {
      this.#serverSeq = state.serverSeq
      this.#echo = echo
      this.#events.updated(echo, "server")
    }
    if (state.pageSeq === this.#pageSeq) {
      return
    }
    this.#pageSeq = state.pageSeq
    const answered = this.#inFlight
    if (answered == null || state.pageSeq < answered.seq) {
      return
    }
    this.#inFlight = null
    if (state.error != null) {
      const error = new BokehSessionError(
        "update-rejected",
        `The app refused the arguments ${JSON.stringify(answered.arguments)}: ${state.error}`,
      )
      this.#events.rejected(error, answered.arguments)
      for (const waiter of answered.waiters) {
        waiter.reject(error)
      }
    } else {
      this.#echo = echo
      this.#events.updated(echo, "page")
      for (const waiter of answered.waiters) {
        waiter.resolve(echo)
      }
    }
    const pending = this.#pending
    this.#pending = null
    if (pending != null) {
      this.#dispatch(pending)
    }
  }

  /** Rejects every unanswered change with `reason`; nothing is sent after. Idempotent. */
  close(reason: BokehSessionError): void {
    if (this.#closed != null) {
      return
    }
    this.#closed = reason
    const waiters = [...(this.#inFlight?.waiters ?? []), ...(this.#pending?.waiters ?? [])]
    this.#inFlight = null
    this.#pending = null
    for (const waiter of waiters) {
      waiter.reject(reason)
    }
  }

  #dispatch(request: Request): void {
    if (sameArguments(request.arguments, this.#echo)) {
      // Back to what the app holds (e.g. changed and changed back while a request was in flight): nothing to ask.
      for (const waiter of request.waiters) {
        waiter.resolve(this.#echo)
      }
      return
    }
    const seq = this.#nextSeq++
    this.#inFlight = {...request, seq}
    this.#send(seq, request.arguments)
  }
}
