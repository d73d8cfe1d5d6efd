import {afterEach, describe, expect, it, vi} from "vitest"
import {BokehSessionError} from "../core/errors.js"
import {evalBlocked, reportPolicyBlock, watchPolicyBlocks} from "../core/policy-blocks.js"
import {compileCallback, compileFunction, useRefusal} from "./compile-code.js"
import {compileTemplate} from "./compile-hook.js"
import {scopeDocumentCode} from "./document-function.js"
import {usePolicy} from "./trusted-sinks.js"

const SCRIPT_SRC =
  "Evaluating a string as JavaScript violates the following Content Security Policy directive because " +
  "'unsafe-eval' is not an allowed source of script: script-src 'self'"
const TRUSTED_TYPES = "Evaluating a string as JavaScript violates this document's Trusted Type assignment requirements."

/** `Function` as a page with such a policy has it: every compile from a string throws this EvalError. */
function refuseFunction(message: string): void {
  vi.stubGlobal(
    "Function",
    class {
      constructor() {
        throw new EvalError(message)
      }
    },
  )
}

// As policy-handover.ts wires it in the build.
useRefusal((what, error, keepsRunning, document) => {
  const blocked = evalBlocked(what, error, keepsRunning)
  reportPolicyBlock(document, blocked)
  return blocked
})

afterEach(() => {
  vi.unstubAllGlobals()
  usePolicy(undefined)
})

describe("compiling the document's code", () => {
  const document = {}
  const model = {id: "p1001", type: "CustomJS", document}

  it("is new Function(...) where the page allows it", () => {
    expect(compileFunction(model, "x", "y", "return x * y")(6, 7)).toBe(42)
    expect(compileTemplate("obj", "_", "return obj.a")({a: "b"})).toBe("b")
  })

  it("refused by script-src: a callback does nothing and is reported once to its session", () => {
    const reported: BokehSessionError[] = []
    const stop = watchPolicyBlocks(document, (error) => reported.push(error))
    refuseFunction(SCRIPT_SRC)
    const callback = compileCallback(model, "cb_obj", "cb_data", "cb_context", "cb_obj.ran = true")
    expect(callback({})).toBeUndefined()
    compileCallback(model, "cb_obj", "cb_data", "cb_context", "cb_obj.ran = true")
    stop()
    expect(reported.map(({code}) => code)).toEqual(["csp-blocked"])
    expect(reported[0]!.message).toContain("so the CustomJS p1001 cannot run. It does nothing;")
  })

  it("refused: a formatter or transform throws csp-blocked (the document cannot be drawn without it)", () => {
    refuseFunction(SCRIPT_SRC)
    const formatter = {id: "p7", type: "CustomJSTickFormatter", document}
    expect(() => compileFunction(formatter, "tick", "return tick")).toThrowError(
      expect.objectContaining({code: "csp-blocked", message: expect.stringContaining("CustomJSTickFormatter p7")}),
    )
    expect(() => compileTemplate("obj", "_", "return 1")).toThrowError(
      expect.objectContaining({code: "csp-blocked", message: expect.stringContaining("the app's template code")}),
    )
  })

  it("under Trusted Types: compiled from a TrustedScript of the element's policy, the same function", () => {
    refuseFunction(TRUSTED_TYPES)
    const made: string[] = []
    usePolicy({
      createHTML: (input) => input,
      createScript: (input) => (made.push(input), input),
      createScriptURL: (input) => input,
    })
    expect(compileFunction(model, "a", "b", "return a + b")(2, 3)).toBe(5)
    expect(made).toEqual(["(function anonymous(a,b\n) {\nreturn a + b\n})"])
  })

  it("keeps `Bokeh` bound to this build's global, under Trusted Types too", () => {
    const bokeh = {version: "this build"}
    scopeDocumentCode(bokeh)
    try {
      expect(compileFunction(model, "return Bokeh")()).toBe(bokeh)
      refuseFunction(TRUSTED_TYPES)
      usePolicy({createHTML: (input) => input, createScript: (input) => input, createScriptURL: (input) => input})
      expect(compileFunction(model, "x", "return [Bokeh, x]")(1)).toEqual([bokeh, 1])
    } finally {
      scopeDocumentCode(undefined)
    }
  })

  it("under Trusted Types without the element's policy: csp-blocked names the policy to allow", () => {
    refuseFunction(TRUSTED_TYPES)
    expect(() => compileFunction(model, "return 1")).toThrowError(
      expect.objectContaining({
        code: "csp-blocked",
        message: expect.stringContaining("Add bokeh-session bokeh-session-lit to trusted-types"),
      }),
    )
  })
})
