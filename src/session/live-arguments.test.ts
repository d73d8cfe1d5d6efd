import {describe, expect, it} from "vitest"
import type {NormalizedArguments} from "../core/arguments.js"
import {BokehSessionError} from "../core/errors.js"
import {
  LiveArgumentsChannel,
  parseLiveState,
  requestPayload,
  sameArguments,
  type LiveState,
  type UpdateSource,
} from "./live-arguments.js"

const state = (overrides: Partial<LiveState> = {}): LiveState => ({
  pageSeq: 0,
  serverSeq: 0,
  source: "initial",
  error: null,
  ...overrides,
})

/** A fake app: records what the channel sends and lets the test answer like the Python side does. */
function setup(initial: NormalizedArguments = {N: ["1"]}) {
  const sent: Array<{seq: number; args: NormalizedArguments}> = []
  const events: Array<
    {type: "updated"; echo: NormalizedArguments; source: UpdateSource} | {type: "rejected"; message: string}
  > = []
  let pageSeq = 0
  let serverSeq = 0
  const channel = new LiveArgumentsChannel(
    (seq, args) => sent.push({seq, args}),
    {state: state(), echo: initial},
    {
      updated: (echo, source) => events.push({type: "updated", echo, source}),
      rejected: (error) => events.push({type: "rejected", message: error.message}),
    },
  )
  return {
    channel,
    sent,
    events,
    accept(echo: NormalizedArguments = sent.at(-1)!.args) {
      pageSeq = sent.at(-1)!.seq
      channel.receive(state({pageSeq, serverSeq, source: "page"}), echo)
    },
    refuse(message: string, echo: NormalizedArguments) {
      pageSeq = sent.at(-1)!.seq
      channel.receive(state({pageSeq, serverSeq, source: "page", error: message}), echo)
    },
    serverUpdate(echo: NormalizedArguments) {
      serverSeq++
      channel.receive(state({pageSeq, serverSeq, source: "server"}), echo)
    },
  }
}

describe("parseLiveState", () => {
  const published = {live: 1, page_seq: 3, server_seq: 2, source: "page", error: null}

  it("reads the state from a plain object or a Map (how BokehJS decodes Bokeh maps)", () => {
    const expected = {pageSeq: 3, serverSeq: 2, source: "page", error: null}
    expect(parseLiveState([{bokeh_session: published}])).toEqual(expected)
    expect(parseLiveState([new Map([["bokeh_session", new Map(Object.entries(published))]])])).toEqual(expected)
    expect(parseLiveState(["other", {bokeh_session: {...published, error: "no"}}])).toEqual({...expected, error: "no"})
  })

  it("is null for an app that does not opt in, or speaks another version, or publishes nonsense", () => {
    expect(parseLiveState([])).toBeNull()
    expect(parseLiveState(null)).toBeNull()
    expect(parseLiveState([{other: 1}])).toBeNull()
    expect(parseLiveState([{bokeh_session: {...published, live: 2}}])).toBeNull()
    expect(parseLiveState([{bokeh_session: {...published, page_seq: -1}}])).toBeNull()
    expect(parseLiveState([{bokeh_session: {...published, source: "elsewhere"}}])).toBeNull()
    expect(parseLiveState([{bokeh_session: {...published, error: 5}}])).toBeNull()
  })

  it("does not read inherited properties", () => {
    const inherited = Object.create({bokeh_session: published}) as object
    expect(parseLiveState([inherited])).toBeNull()
  })
})

describe("sameArguments and requestPayload", () => {
  it("ignores the order of names, not of values", () => {
    expect(sameArguments({a: ["1"], b: ["2"]}, {b: ["2"], a: ["1"]})).toBe(true)
    expect(sameArguments({a: ["1", "2"]}, {a: ["2", "1"]})).toBe(false)
    expect(sameArguments({a: ["1"]}, {a: ["1"], b: []})).toBe(false)
    expect(sameArguments({constructor: ["1"]}, {})).toBe(false)
  })

  it("puts the arguments in Maps, so a name like __proto__ stays a name", () => {
    const args = Object.create(null) as NormalizedArguments
    args["__proto__"] = ["x"]
    const payload = requestPayload(7, args)
    expect(payload.get("seq")).toBe(7)
    expect([...(payload.get("arguments") as Map<string, string[]>)]).toEqual([["__proto__", ["x"]]])
  })
})

describe("LiveArgumentsChannel", () => {
  it("sends a change at once and resolves with the echo once the app accepted it", async () => {
    const app = setup()
    const done = app.channel.request({N: ["2"]})
    expect(app.sent).toEqual([{seq: 1, args: {N: ["2"]}}])
    app.accept()
    await expect(done).resolves.toEqual({N: ["2"]})
    expect(app.events).toEqual([{type: "updated", echo: {N: ["2"]}, source: "page"}])
    expect(app.channel.echo).toEqual({N: ["2"]})
    expect(app.channel.busy).toBe(false)
  })

  it("keeps one request in flight and only the latest pending change (reports only the most recent value)", async () => {
    const app = setup()
    const outcomes = ["2", "3", "4", "5"].map((n) => app.channel.request({N: [n]}))
    expect(app.sent.map(({args}) => args)).toEqual([{N: ["2"]}])
    expect(app.channel.target).toEqual({N: ["5"]})
    app.accept()
    expect(app.sent.map(({seq, args}) => [seq, args])).toEqual([
      [1, {N: ["2"]}],
      [2, {N: ["5"]}],
    ])
    app.accept()
    // The superseded changes settle with the outcome of the one that replaced them.
    await expect(Promise.all(outcomes)).resolves.toEqual([{N: ["2"]}, {N: ["5"]}, {N: ["5"]}, {N: ["5"]}])
    expect(app.events.map((event) => event.type === "updated" && event.echo)).toEqual([{N: ["2"]}, {N: ["5"]}])
  })

  it("sends nothing for the arguments the app holds, or for the ones already in flight", async () => {
    const app = setup()
    await expect(app.channel.request({N: ["1"]})).resolves.toEqual({N: ["1"]})
    const first = app.channel.request({N: ["2"]})
    const again = app.channel.request({N: ["2"]})
    expect(app.sent).toHaveLength(1)
    app.accept()
    await expect(Promise.all([first, again])).resolves.toEqual([{N: ["2"]}, {N: ["2"]}])
  })

  it("does not send a pending change that went back to what the app holds", async () => {
    const app = setup()
    const away = app.channel.request({N: ["2"]})
    const back = app.channel.request({N: ["1"]})
    app.refuse("no", {N: ["1"]})
    await expect(away).rejects.toMatchObject({code: "update-rejected"})
    await expect(back).resolves.toEqual({N: ["1"]})
    expect(app.sent).toHaveLength(1)
  })

  it("rejects a refused change with update-rejected and the app's message, keeping the echo", async () => {
    const app = setup()
    const done = app.channel.request({N: ["bad"]})
    app.refuse("N must be a number", {N: ["1"]})
    const error = await done.catch((reason: unknown) => reason)
    expect(error).toBeInstanceOf(BokehSessionError)
    expect(error).toMatchObject({code: "update-rejected"})
    expect((error as Error).message).toBe('The app refused the arguments {"N":["bad"]}: N must be a number')
    expect(app.channel.echo).toEqual({N: ["1"]})
    expect(app.events).toEqual([{type: "rejected", message: (error as Error).message}])
  })

  it("sends the pending change after a refusal", () => {
    const app = setup()
    void app.channel.request({N: ["bad"]}).catch(() => undefined)
    void app.channel.request({N: ["3"]})
    app.refuse("no", {N: ["1"]})
    expect(app.sent.map(({seq, args}) => [seq, args])).toEqual([
      [1, {N: ["bad"]}],
      [2, {N: ["3"]}],
    ])
  })

  it("reports a change made by the app with source server, and sends nothing back", () => {
    const app = setup()
    app.serverUpdate({N: ["42"]})
    expect(app.events).toEqual([{type: "updated", echo: {N: ["42"]}, source: "server"}])
    expect(app.channel.echo).toEqual({N: ["42"]})
    expect(app.sent).toEqual([])
  })

  it("tells a server change apart from the answer to a page request arriving after it", async () => {
    const app = setup()
    const done = app.channel.request({N: ["2"]})
    app.serverUpdate({N: ["42"]})
    expect(app.channel.busy).toBe(true)
    app.accept({N: ["2"]})
    await expect(done).resolves.toEqual({N: ["2"]})
    expect(app.events.map((event) => event.type === "updated" && event.source)).toEqual(["server", "page"])
  })

  it("ignores an answer to an older request (a session reopened with a higher sequence)", () => {
    const sent: number[] = []
    const channel = new LiveArgumentsChannel(
      (seq) => sent.push(seq),
      {state: state({pageSeq: 5}), echo: {N: ["1"]}},
      {updated: () => undefined, rejected: () => undefined},
    )
    void channel.request({N: ["2"]})
    expect(sent).toEqual([6])
    channel.receive(state({pageSeq: 5}), {N: ["1"]})
    expect(channel.busy).toBe(true)
  })

  it("close() rejects what is unanswered and refuses later changes", async () => {
    const app = setup()
    const inFlight = app.channel.request({N: ["2"]})
    const pending = app.channel.request({N: ["3"]})
    const reason = new BokehSessionError("connection-lost", "gone")
    app.channel.close(reason)
    await expect(inFlight).rejects.toBe(reason)
    await expect(pending).rejects.toBe(reason)
    await expect(app.channel.request({N: ["4"]})).rejects.toBe(reason)
    app.accept()
    expect(app.events).toEqual([])
  })
})
