/**
 * Hands the element's Trusted Types policy, created by the first script, to the sink wrappers of the bundled
 * libraries (trusted-sinks.ts), and the `csp-blocked` reporting to BokehJS's compiles (compile-code.ts): those
 * must import nothing outside src/bokeh/ (see trusted-sinks.ts). The adapter calls it when it loads: it is
 * BokehJS's entry, so this runs before any BokehJS view renders or compiles, and before the widget and table
 * chunks load.
 */
import {evalBlocked, reportPolicyBlock} from "../core/policy-blocks.js"
import {trustedTypesPolicy} from "../core/trusted-types.js"
import {useRefusal} from "./compile-code.js"
import {usePolicy} from "./trusted-sinks.js"

export function handOverPolicy(): void {
  usePolicy(trustedTypesPolicy)
  useRefusal((what, error, keepsRunning, document) => {
    const blocked = evalBlocked(what, error, keepsRunning)
    reportPolicyBlock(document, blocked)
    return blocked
  })
}
