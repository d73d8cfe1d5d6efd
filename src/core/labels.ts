// The words the element shows, replaceable for other languages (the element's `labels` property). Only the two
// shown before the session code loads are here, in the first script; the rest come with the session code
// (src/session/labels.ts).
import type {BokehSessionStatus} from "../session/session-host.js"

/**
 * Every word the element shows. `{id}` in `session` is the start of the session id, `{n}` in `attempt` the
 * reconnect attempt; in `noEcho`, text between backticks is shown as code. All are shown as text, never as HTML.
 */
export interface BokehSessionLabels extends Record<BokehSessionStatus, string> {
  /** After the connecting and connected words, in parentheses. */
  session: string
  /** After the reconnecting words, in parentheses. */
  attempt: string
  echoCaption: string
  name: string
  sent: string
  received: string
  match: string
  same: string
  differs: string
  notReceived: string
  notSent: string
  /** A name the server did not receive. */
  missing: string
  /** A name sent with no value (an empty array). */
  none: string
  noEcho: string
}

/** What `labels` accepts: any of the words, the others stay the defaults. */
export type BokehSessionLabelsInput = Partial<BokehSessionLabels>

/** The words shown before the session code has loaded: no url yet, or the session code could not load. */
export const FIRST_LABELS: Pick<BokehSessionLabels, "idle" | "error"> = {idle: "Not connected", error: "Failed"}
