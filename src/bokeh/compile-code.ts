/**
 * BokehJS's CustomJS models compile their code with `new Function(...)` (callbacks, formatters, transforms,
 * filters, tickers, hover, textures); build/vite/csp-rewrites.mjs makes each call one of these. Under a policy
 * without `'unsafe-eval'` the compile fails with an EvalError, which BokehJS left unhandled (a callback then did
 * nothing, silently): here it is reported to the session as `csp-blocked` (src/core/policy-blocks.ts). Under
 * Trusted Types, which refuse `new Function` with any argument, the code is compiled as a TrustedScript through
 * the element's policy instead.
 */
import {currentPolicy} from "./trusted-sinks.js"
import {useCompiler} from "./compile-hook.js"
import {documentFunctionBy} from "./document-function.js"

/**
 * Makes the `csp-blocked` error for a refused compile and reports it to the session of `document`; handed over by
 * policy-handover.ts (this module imports nothing outside src/bokeh/: BokehJS modules that the bundler initialises
 * lazily import it, see trusted-sinks.ts).
 */
type Refusal = (what: string, error: Error, keepsRunning: boolean, document: object | null | undefined) => Error

let refused: Refusal = (_what, error) => error

export function useRefusal(report: Refusal): void {
  refused = report
}

/** The model that compiles (a BokehJS HasProps): what the message names and whose document is told. */
interface Compiler {
  readonly id: string
  readonly type: string
  readonly document: object | null
}

/** Trusted Types refused `new Function` once on this page: compile through the policy from then on. */
let functionRefused = false

/** `new Function(...params, body)`, or under Trusted Types, the same function from a TrustedScript. */
function construct(params: string[], body: string): (...args: unknown[]) => unknown {
  const policy = currentPolicy()
  if (!functionRefused || policy == null) {
    try {
      return new Function(...params, body) as (...args: unknown[]) => unknown
    } catch (error) {
      if (!(error instanceof EvalError) || policy == null || !/Trusted Type/i.test(error.message)) {
        throw error
      }
      functionRefused = true
    }
  }
  // The text the Function constructor compiles, evaluated as a TrustedScript (indirect eval: global scope).
  const source = `(function anonymous(${params.join(",")}\n) {\n${body}\n})`
  const compiled: unknown = (0, eval)(policy.createScript(source) as string)
  if (typeof compiled !== "function") {
    throw new EvalError(`The Trusted Types policy did not compile the code (got ${typeof compiled})`)
  }
  return compiled as (...args: unknown[]) => unknown
}

/**
 * `new Function(...args)` for `model`; refused by the policy, it reports `csp-blocked` to the model's session and
 * throws it (a formatter or transform that cannot run cannot be drawn either).
 */
export function compileFunction(model: Compiler | null, ...args: string[]): (...args: unknown[]) => unknown {
  return compileOr(model, args, false)
}

/** The same for a CustomJS callback, which does nothing when refused: the session keeps running without it. */
export function compileCallback(model: Compiler, ...args: string[]): (...args: unknown[]) => unknown {
  return compileOr(model, args, true)
}

function compileOr(model: Compiler | null, args: string[], keepsRunning: boolean): (...args: unknown[]) => unknown {
  try {
    // With `Bokeh` bound to this build's global, as every compile of a document's code (document-function.ts).
    return documentFunctionBy((parameters) => construct(parameters.slice(0, -1), parameters.at(-1) ?? ""), args)
  } catch (error) {
    if (!(error instanceof EvalError)) {
      throw error
    }
    const what = model == null ? "the app's template code" : `the ${model.type} ${model.id}`
    const blocked = refused(what, error, keepsRunning, model?.document)
    if (keepsRunning) {
      return () => undefined
    }
    throw blocked
  }
}

// HTMLTemplateFormatter's templates (underscore.template) have no model to report to: they throw csp-blocked.
useCompiler((...args) => compileFunction(null, ...args))
