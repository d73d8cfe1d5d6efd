/**
 * The element's Trusted Types policy for BokehJS. A page that sends `require-trusted-types-for 'script'` refuses
 * strings at the HTML and script sinks (innerHTML, script.src, eval); BokehJS and the libraries bundled with it
 * pass them through this policy instead (Lit, in the first script, through its own, renamed "bokeh-session-lit" by
 * build/vite/csp-rewrites.mjs), and the page allows both with `trusted-types bokeh-session bokeh-session-lit`.
 * It lets everything through unchanged: what reaches it is BokehJS's own markup and what the Bokeh server's
 * document says is HTML or code (a Div's text, a CustomJS, an extension's URL), which the page trusts as it trusts
 * the server (docs/deploy.md, "Content-Security-Policy"). Created once, when the session code loads, and kept in
 * this module (a policy anyone can reach would let any script on the page make trusted values).
 */

/** The name of this policy. */
export const TRUSTED_TYPES_POLICY = "bokeh-session"
/** What the page's `trusted-types` directive must list: this policy and Lit's. */
export const TRUSTED_TYPES_POLICIES = "bokeh-session bokeh-session-lit"

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
