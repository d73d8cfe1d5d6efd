/**
 * What the bundled libraries hand their HTML and script sinks, through the element's Trusted Types policy
 * (src/core/trusted-types.ts). build/vite/trusted-types.mjs wraps every `innerHTML = x` (and `outerHTML`,
 * `insertAdjacentHTML`, `parseFromString`, `createContextualFragment`) in the node_modules code of the BokehJS
 * chunks as `innerHTML = trustedHTML(x)`; the few script sinks are rewritten by name (csp-rewrites.mjs). Without
 * Trusted Types (or without the policy) the value passes unchanged.
 *
 * This module imports nothing: CommonJS libraries (SlickGrid, Choices, MathJax's adaptor) `require()` it, and
 * BokehJS modules that the bundler initialises lazily import it; a first-script module (the policy's) imported
 * from either would be made lazy too, and cost the first script the bundler's runtime helpers. The adapter hands
 * the policy over (policy-handover.ts) before BokehJS renders anything.
 */
import type {TrustedTypesPolicy} from "../core/trusted-types.js"

let policy: TrustedTypesPolicy | undefined

export function usePolicy(created: TrustedTypesPolicy | undefined): void {
  policy = created
}

/** The policy, once handed over (DOMPurify takes it as its TRUSTED_TYPES_POLICY; CustomJS compiles through it). */
export const currentPolicy = (): TrustedTypesPolicy | undefined => policy

/** A string (what the sink would have turned the value into) as TrustedHTML; TrustedHTML and objects unchanged. */
export function trustedHTML(value: unknown): unknown {
  if (policy == null || (typeof value === "object" && value != null)) {
    return value
  }
  // innerHTML and its kin read null as "" (LegacyNullToEmptyString), and anything else as its text.
  return policy.createHTML(value === null ? "" : String(value as string))
}

export function trustedScript(value: string): unknown {
  return policy == null ? value : policy.createScript(value)
}

export function trustedScriptURL(value: string): unknown {
  return policy == null ? value : policy.createScriptURL(value)
}
