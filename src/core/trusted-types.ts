/**
 * The element's Trusted Types policy. A page that sends `require-trusted-types-for 'script'` refuses strings at the
 * HTML and script sinks (innerHTML, script.src, eval); the element's bundled code (Lit, BokehJS and the libraries
 * in it) passes them through this one policy instead, and the page allows it with `trusted-types bokeh-session`.
 * It lets everything through unchanged: what reaches it is Lit's and BokehJS's own markup and what the Bokeh
 * server's document says is HTML or code (a Div's text, a CustomJS, an extension's URL), which the page trusts as
 * it trusts the server (docs/deploy.md, "Content-Security-Policy"). Created once, when the first script loads, and
 * kept in this module (a policy anyone can reach would let any script on the page make trusted values).
 */

/** The name the page allows with `trusted-types bokeh-session`. */
export const TRUSTED_TYPES_POLICY = "bokeh-session"

/** The subset of the Trusted Types API used here (TypeScript's DOM library does not declare it). */
export interface TrustedTypesPolicy {
  createHTML(input: string): unknown
  createScript(input: string): unknown
  createScriptURL(input: string): unknown
}

const pass = (input: string): string => input

/**
 * Undefined without Trusted Types, or when the page's `trusted-types` directive does not list the name (its sinks
 * then get strings, which only a page that also requires Trusted Types refuses: see `trustedTypesRefused`).
 */
export const trustedTypesPolicy: TrustedTypesPolicy | undefined = (() => {
  try {
    return (
      globalThis as {trustedTypes?: {createPolicy(name: string, rules: object): TrustedTypesPolicy}}
    ).trustedTypes?.createPolicy(TRUSTED_TYPES_POLICY, {
      createHTML: pass,
      createScript: pass,
      createScriptURL: pass,
    })
  } catch {
    return undefined
  }
})()
