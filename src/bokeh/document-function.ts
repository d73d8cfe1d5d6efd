/**
 * The functions BokehJS compiles from a document's code (CustomJS, the other CustomJS* models, CanvasTexture) see
 * this build's `Bokeh` as `Bokeh`, whatever `window.Bokeh` is: the page's own object, Bokeh's bundle of an embed on
 * the same page (which takes `window.Bokeh` when it loads, as it must for that embed to work), or another copy of
 * this package. Otherwise a callback's `Bokeh.require("models/...")` would hand it another BokehJS's classes, and
 * `Bokeh.documents` / `Bokeh.index` would not hold its own document and views.
 *
 * build/vite/document-functions.mjs turns every `new Function(...)` in BokehJS's modules into `documentFunction(...)`.
 * This module imports nothing, so that those modules can import it without a cycle.
 */

let scopedBokeh: unknown = undefined

/** Called once by bokeh-global.ts with this build's `Bokeh`. */
export function scopeDocumentCode(bokeh: unknown): void {
  scopedBokeh = bokeh
}

/** How the code is compiled: `new Function(...parameters)`, or compile-code.ts's way under a policy. */
export type Compile = (parameters: string[]) => (...args: unknown[]) => unknown

const construct: Compile = (parameters) => new Function(...parameters) as (...args: unknown[]) => unknown

/**
 * `new Function(...parameters, body)`, with `Bokeh` bound to this build's global. The compiled function keeps the
 * caller's `this` (CustomJS calls it with the model as `this`). Code whose own parameters include `Bokeh` (a
 * CustomJS `args` key) keeps that meaning.
 */
export function documentFunction(...parameters: string[]): (...args: unknown[]) => unknown {
  return documentFunctionBy(construct, parameters)
}

/** The same, compiled by `compile` (compile-code.ts: reported when the page's policy refuses it, Trusted Types). */
export function documentFunctionBy(compile: Compile, parameters: string[]): (...args: unknown[]) => unknown {
  const names = parameters.slice(0, -1)
  if (scopedBokeh === undefined || names.includes("Bokeh")) {
    return compile(parameters)
  }
  const compiled = compile(["Bokeh", ...parameters])
  const bokeh = scopedBokeh
  return function (this: unknown, ...args: unknown[]): unknown {
    return compiled.call(this, bokeh, ...args)
  }
}
