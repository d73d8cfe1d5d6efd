/**
 * `csp-blocked`: what the page's Content-Security-Policy refused, named by the directive and with the source to add
 * (docs/errors.md#csp-blocked, docs/deploy.md#content-security-policy). A blocked websocket is told apart from a
 * server that is down by the `securitypolicyviolation` event the browser fires for it; code that cannot be
 * compiled (CustomJS without `'unsafe-eval'`) by its EvalError. Also the route of a block found while a session
 * runs, from the BokehJS code that met it to the session that shows it: keyed by the session's document, so that
 * it needs no DOM and works for any BokehJS that reports here.
 */
import {BokehSessionError} from "./errors.js"
import {TRUSTED_TYPES_POLICIES, TRUSTED_TYPES_POLICY, trustedTypesPolicy} from "./trusted-types.js"

const DOCS = "docs/deploy.md#content-security-policy"

/** The websocket was refused by the page's policy before any request left the browser. */
export function connectBlocked(websocketUrl: string): BokehSessionError {
  const url = new URL(websocketUrl)
  const http = url.protocol === "wss:" ? "https:" : "http:"
  return new BokehSessionError(
    "csp-blocked",
    `The page's Content-Security-Policy refused the websocket ${websocketUrl} (connect-src), so the Bokeh server ` +
      `was never asked: add ${url.protocol}//${url.host} to connect-src, and ${http}//${url.host} (which the ` +
      `element asks when a connect fails, to tell a server that is down from one that refuses the page). ` +
      `See ${DOCS}.`,
  )
}

/** Whether an EvalError came from Trusted Types rather than from script-src. */
const byTrustedTypes = (error: Error): boolean => /Trusted Type/i.test(error.message)

/**
 * Code the document brings (`what`: "the CustomJS p1042") could not be compiled: script-src lacks `'unsafe-eval'`,
 * or the page requires Trusted Types and does not allow the element's policy.
 */
export function evalBlocked(what: string, error: Error, keepsRunning: boolean): BokehSessionError {
  const outcome = keepsRunning ? " It does nothing; the session keeps running." : ""
  if (byTrustedTypes(error)) {
    return new BokehSessionError(
      "csp-blocked",
      `The page requires Trusted Types (require-trusted-types-for 'script') but its trusted-types directive does ` +
        `not allow the element's policy, so ${what} cannot be compiled.${outcome} Add ${TRUSTED_TYPES_POLICIES} to ` +
        `trusted-types. See ${DOCS}.`,
      {cause: error},
    )
  }
  return new BokehSessionError(
    "csp-blocked",
    `The page's Content-Security-Policy does not allow compiling code (script-src without 'unsafe-eval'), so ` +
      `${what} cannot run.${outcome} Add 'unsafe-eval' to script-src, or do this work in Python (a server-side ` +
      `callback) instead of in a CustomJS. See ${DOCS}.`,
    {cause: error},
  )
}

/** A Trusted Types sink refused a string: the TypeError Chromium throws ("...requires 'TrustedHTML' assignment"). */
const TRUSTED_TYPES_REFUSAL = /requires '(Trusted(?:HTML|Script|ScriptURL))' assignment/

/** `csp-blocked` for an exception that is a Trusted Types refusal, else null. */
export function trustedTypesBlocked(error: unknown): BokehSessionError | null {
  const refused = error instanceof TypeError ? TRUSTED_TYPES_REFUSAL.exec(error.message) : null
  if (refused == null) {
    return null
  }
  const what =
    `The page requires Trusted Types (require-trusted-types-for 'script') and refused a string where it needs a ` +
    `${refused[1]} (${(error as Error).message})`
  return new BokehSessionError(
    "csp-blocked",
    trustedTypesPolicy == null
      ? `${what}: add ${TRUSTED_TYPES_POLICIES} to the page's trusted-types directive, which lets the element pass ` +
          `its markup through its own policy. See ${DOCS}.`
      : // The policy exists, so the string came from a sink the build did not route through it.
        `${what}, from code that bokeh-session does not pass through its ${TRUSTED_TYPES_POLICY} policy: this is a ` +
          `bug in bokeh-session; please report it with this message and the error's cause (its stack).`,
    {cause: error},
  )
}

type Report = (error: BokehSessionError) => void

/** Each watched document's reporter, and the messages it already reported (each once: a formatter runs often). */
const watched = new WeakMap<object, {report: Report; reported: Set<string>}>()

/** Sends the blocks reported for `document` to `report` until the returned function is called. */
export function watchPolicyBlocks(document: object, report: Report): () => void {
  const entry = {report, reported: new Set<string>()}
  watched.set(document, entry)
  return () => {
    if (watched.get(document) === entry) {
      watched.delete(document)
    }
  }
}

/** Reports a block met while `document` runs to whoever watches it (once per message); no watcher: nothing. */
export function reportPolicyBlock(document: object | null | undefined, error: BokehSessionError): void {
  const entry = document == null ? undefined : watched.get(document)
  if (entry == null || entry.reported.has(error.message)) {
    return
  }
  entry.reported.add(error.message)
  entry.report(error)
}
