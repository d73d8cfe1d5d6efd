import {describe, expect, it} from "vitest"
import {BokehSessionError} from "./errors.js"
import {
  connectBlocked,
  evalBlocked,
  reportPolicyBlock,
  trustedTypesBlocked,
  watchPolicyBlocks,
} from "./policy-blocks.js"

describe("connectBlocked", () => {
  it("names the websocket, the directive and both sources to add", () => {
    const error = connectBlocked("ws://bokeh.example:5006/app/ws")
    expect(error).toBeInstanceOf(BokehSessionError)
    expect(error.code).toBe("csp-blocked")
    expect(error.message).toBe(
      "The page's Content-Security-Policy refused the websocket ws://bokeh.example:5006/app/ws (connect-src), so " +
        "the Bokeh server was never asked: add ws://bokeh.example:5006 to connect-src, and " +
        "http://bokeh.example:5006 (which the element asks when a connect fails, to tell a server that is down " +
        "from one that refuses the page). See docs/deploy.md#content-security-policy.",
    )
  })

  it("for an https page: wss: and https:, the default port left out as the browser does", () => {
    expect(connectBlocked("wss://bokeh.example/app/ws").message).toContain(
      "add wss://bokeh.example to connect-src, and https://bokeh.example (which",
    )
  })
})

describe("evalBlocked", () => {
  const scriptSrc = new EvalError(
    "Evaluating a string as JavaScript violates the following Content Security Policy directive because " +
      "'unsafe-eval' is not an allowed source of script: script-src 'self'",
  )
  const trustedTypes = new EvalError(
    "Evaluating a string as JavaScript violates this document's Trusted Type assignment requirements.",
  )

  it("script-src: names the model, says the session keeps running, and gives the fix", () => {
    const error = evalBlocked("the CustomJS p1001", scriptSrc, true)
    expect(error.code).toBe("csp-blocked")
    expect(error.cause).toBe(scriptSrc)
    expect(error.message).toBe(
      "The page's Content-Security-Policy does not allow compiling code (script-src without 'unsafe-eval'), so the " +
        "CustomJS p1001 cannot run. It does nothing; the session keeps running. Add 'unsafe-eval' to script-src, " +
        "or do this work in Python (a server-side callback) instead of in a CustomJS. See " +
        "docs/deploy.md#content-security-policy.",
    )
  })

  it("a model needed to draw says nothing about running on", () => {
    expect(evalBlocked("the CustomJSTickFormatter p7", scriptSrc, false).message).not.toContain("keeps running")
  })

  it("Trusted Types: the policy to allow", () => {
    expect(evalBlocked("the CustomJS p1", trustedTypes, true).message).toContain(
      "its trusted-types directive does not allow the element's policy, so the CustomJS p1 cannot be compiled. It " +
        "does nothing; the session keeps running. Add bokeh-session bokeh-session-lit to trusted-types.",
    )
  })
})

describe("trustedTypesBlocked", () => {
  it("recognises Chromium's refusal of a string at a sink", () => {
    const refusal = new TypeError(
      "Failed to set the 'innerHTML' property on 'Element': This document requires 'TrustedHTML' assignment.",
    )
    const error = trustedTypesBlocked(refusal)
    expect(error?.code).toBe("csp-blocked")
    expect(error?.cause).toBe(refusal)
    // Under Node there is no Trusted Types and so no policy: the fix is to allow it.
    expect(error?.message).toContain("where it needs a TrustedHTML (Failed to set the 'innerHTML' property")
    expect(error?.message).toContain("add bokeh-session bokeh-session-lit to the page's trusted-types directive")
  })

  it("leaves other exceptions alone", () => {
    expect(trustedTypesBlocked(new TypeError("x is not a function"))).toBeNull()
    expect(trustedTypesBlocked(new Error("This document requires 'TrustedHTML' assignment."))).toBeNull()
    expect(trustedTypesBlocked("requires 'TrustedHTML' assignment")).toBeNull()
  })
})

describe("watchPolicyBlocks", () => {
  const block = (message: string): BokehSessionError => new BokehSessionError("csp-blocked", message)

  it("reports each message once to the document's watcher, until it stops watching", () => {
    const document = {}
    const other = {}
    const reported: string[] = []
    const stop = watchPolicyBlocks(document, (error) => reported.push(error.message))
    reportPolicyBlock(document, block("one"))
    reportPolicyBlock(document, block("one"))
    reportPolicyBlock(other, block("two"))
    reportPolicyBlock(null, block("three"))
    reportPolicyBlock(document, block("four"))
    stop()
    reportPolicyBlock(document, block("five"))
    expect(reported).toEqual(["one", "four"])
  })

  it("a new watcher of the same document is not stopped by the old one's stop", () => {
    const document = {}
    const reported: string[] = []
    const stopOld = watchPolicyBlocks(document, () => reported.push("old"))
    watchPolicyBlocks(document, (error) => reported.push(error.message))
    stopOld()
    reportPolicyBlock(document, block("new"))
    expect(reported).toEqual(["new"])
  })
})
