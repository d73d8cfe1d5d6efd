import {FIRST_LABELS, type BokehSessionLabels, type BokehSessionLabelsInput} from "../core/labels.js"
import type {BokehSessionStatus} from "./session-host.js"

export const DEFAULT_LABELS: BokehSessionLabels = {
  ...FIRST_LABELS,
  connecting: "Connecting…",
  connected: "Connected",
  reconnecting: "Connection lost, reconnecting…",
  closed: "Closed",
  session: "session {id}…",
  attempt: "attempt {n}",
  echoCaption: "Arguments sent and received",
  name: "Name",
  sent: "Sent",
  received: "Received",
  match: "Match",
  same: "✓ same",
  differs: "✗ differs",
  notReceived: "✗ not received",
  notSent: "✗ not sent",
  missing: "missing",
  none: "none",
  noEcho:
    "This app does not echo its arguments: call `echo_arguments(curdoc())` from `bokeh_session` in the app to compare them here.",
}

/** The word for `key`: the page's own (a string) or the default. */
export const label = (labels: BokehSessionLabelsInput | null, key: keyof BokehSessionLabels): string => {
  const given = labels?.[key]
  return typeof given === "string" ? given : DEFAULT_LABELS[key]
}

/** The status line: the state's words, and which session or which attempt. */
export function statusText(
  status: BokehSessionStatus,
  sessionId: string | null,
  attempt: number,
  labels: BokehSessionLabelsInput | null,
): string {
  const text = label(labels, status)
  if (status === "reconnecting" && attempt > 0) {
    return `${text} (${label(labels, "attempt").replace("{n}", String(attempt))})`
  }
  return (status === "connecting" || status === "connected") && sessionId != null
    ? `${text} (${label(labels, "session").replace("{id}", sessionId.slice(0, 8))})`
    : text
}
