import {describe, expect, it} from "vitest"
import {failure} from "../core/test-helpers.js"
import {BUNDLED_BOKEHJS_VERSION} from "../core/bundled-bokehjs.js"
import type {BokehJs} from "./bokehjs.js"
import {checkSupported, choiceWarning} from "./choose-bokehjs.js"
import {planSession} from "./plan.js"

const bokehjs = (kind: BokehJs["kind"], version: string): BokehJs => ({
  kind,
  version,
  openSession: () => Promise.reject(new Error("not opened here")),
  count: () => ({documents: 0, rootViews: 0}),
})

describe("checkSupported", () => {
  it("refuses a Bokeh 2 server by name, with the releases that work and the fix", () => {
    const error = failure("unsupported-server", () => checkSupported("2.4.3", "http://host:5006/app"))
    expect(error.message).toBe(
      "The Bokeh server of http://host:5006/app runs Bokeh 2.4.3, whose documents and protocol predate Bokeh 3: " +
        "bokeh-session works with Bokeh 3.0 and later (tested with 3.4.3, 3.6.0 and 3.9.2). Upgrade the server " +
        '(pip install "bokeh>=3"), or embed this app with that server\'s own server_document().',
    )
  })

  it.each(["3.0.0", "3.4.3", "3.9.2", "4.0.0.dev1", null])("lets %s through", (version) => {
    expect(() => checkSupported(version, "http://host:5006/app")).not.toThrow()
  })
})

describe("choiceWarning: what the page hears about the BokehJS that renders a document", () => {
  const plan = (bokehjs?: string) => planSession("http://host:5006/app", {bokehjs})

  it("says nothing when the server runs the bundled release", () => {
    expect(choiceWarning(plan(), BUNDLED_BOKEHJS_VERSION, bokehjs("bundled", BUNDLED_BOKEHJS_VERSION))).toBeNull()
  })

  it("auto, another release: says the server's own BokehJS renders it, and how to get the bundled path", () => {
    expect(choiceWarning(plan(), "3.6.0", bokehjs("server", "3.6.0"))).toBe(
      `The server runs Bokeh 3.6.0, not the bundled BokehJS's ${BUNDLED_BOKEHJS_VERSION}, so its document is ` +
        "rendered with the server's own BokehJS 3.6.0, loaded from the server as Bokeh's own embed loads it. To use " +
        `the bundled BokehJS (no BokehJS download from the server), pin bokeh==${BUNDLED_BOKEHJS_VERSION} on the ` +
        'server; to skip fetching the bundled one for this element, set bokehjs="server".',
    )
  })

  it('bundled, another release: says that it may fail, and that bokehjs="auto" renders it as the server does', () => {
    const warning = choiceWarning(plan("bundled"), "3.6.0", bokehjs("bundled", BUNDLED_BOKEHJS_VERSION))
    expect(warning).toContain('bokehjs="bundled" renders its document with this page\'s bundled BokehJS')
    expect(warning).toContain('set bokehjs="auto"')
  })

  it("server: the page asked for it, nothing to say", () => {
    expect(choiceWarning(plan("server"), "3.6.0", bokehjs("server", "3.6.0"))).toBeNull()
  })
})
