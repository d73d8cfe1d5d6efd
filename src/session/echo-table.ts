// The element's view of the echo: the arguments sent beside the ones the server received (rows come from
// core/echo.ts), or a note when the app does not echo. The element shows it only once a session is open, so it
// loads with the session code (lifecycle.ts re-exports it), not in the first script, and so does its style (the
// first script only reserves its height: element/styles.ts, whose formula follows the sizes set here).
import {css, html, nothing, type TemplateResult} from "lit"
import type {NormalizedArguments} from "../core/arguments.js"
import {compareEcho, echoSpace, type EchoComparisonRow, type EchoedArguments} from "../core/echo.js"
import type {BokehSessionLabels, BokehSessionLabelsInput} from "../core/labels.js"
import {label} from "./labels.js"

// Values and names wrap at spaces and never inside a word unless one word alone is wider than its cell (capped at
// 24ch, so a long token still fits a phone's width); the verdicts never wrap.
export const echoStyles = css`
  [part="echo"] {
    border-collapse: collapse;
    color: var(--bokeh-session-text);
  }
  [part="echo"] caption {
    text-align: left;
    font-weight: 600;
    padding: 0.25rem 0;
  }
  [part="echo"] th,
  [part="echo"] td {
    text-align: left;
    vertical-align: top;
    border-bottom: 1px solid color-mix(in srgb, currentColor 25%, transparent);
    padding: 0.125rem 0.75rem 0.125rem 0;
  }
  [part="echo"] tbody th {
    font-weight: normal;
  }
  [part="echo"] td,
  [part="echo"] tbody th {
    font-family: ui-monospace, monospace;
    white-space: pre-wrap;
  }
  .value {
    display: inline-block;
    max-width: 24ch;
    overflow-wrap: break-word;
  }
  [part="echo"] .mark {
    font-family: var(--_font);
    white-space: nowrap;
  }
  tr.mismatch > * {
    background: color-mix(in srgb, var(--_error) 12%, transparent);
  }
  .mismatch .mark {
    color: var(--_error);
  }
  :host([chrome="none"]) [part="no-echo"],
  :host([chrome="mismatch"]) [part="no-echo"] {
    display: none;
  }
`

export function renderEchoTable(
  sent: NormalizedArguments | null,
  echo: EchoedArguments | null,
  labels: BokehSessionLabelsInput | null,
): TemplateResult {
  if (echo == null) {
    // Keeps the height reserved for the table: collapsing would move the document up, a layout shift of its area.
    // Text between backticks is code: `echo_arguments(curdoc())`.
    return html`<p part="no-echo" .style=${echoSpace(sent)}>
      ${label(labels, "noEcho")
        .split("`")
        .map((text, index) => (index % 2 === 1 ? html`<code>${text}</code>` : text))}
    </p>`
  }
  const rows = compareEcho(sent ?? {}, echo)
  const word = (key: keyof BokehSessionLabels): string => label(labels, key)
  return html`<table part="echo" class=${rows.every((row) => row.matches) ? "" : "differs"}>
    <caption>
      ${word("echoCaption")}
    </caption>
    <thead>
      <tr>
        <th scope="col">${word("name")}</th>
        <th scope="col">${word("sent")}</th>
        <th scope="col">${word("received")}</th>
        <th scope="col">${word("match")}</th>
      </tr>
    </thead>
    <tbody>
      ${rows.map((row) => renderRow(row, word))}
    </tbody>
  </table>`
}

// On one line each: the cells keep white space (pre-wrap), so a line break in the template would show.
function renderRow(row: EchoComparisonRow, word: (key: keyof BokehSessionLabels) => string): TemplateResult {
  const received = row.received == null ? html`<em>${word("missing")}</em>` : renderValues(row.received, word)
  return html`<tr class=${row.matches ? "match" : "mismatch"} data-name=${row.name}>
    <th scope="row" class="name"><span class="value">${row.name}</span></th>
    <td class="sent">${renderValues(row.sent, word)}</td>
    <td class="received">${received}</td>
    <td class="mark">${word(echoVerdict(row))}</td>
  </tr>`
}

/** The verdict on one row, as the key of its words in the labels. */
export function echoVerdict(row: EchoComparisonRow): "same" | "differs" | "notReceived" | "notSent" {
  if (row.matches) {
    return "same"
  }
  if (row.received == null) {
    return "notReceived"
  }
  return row.sent.length === 0 ? "notSent" : "differs"
}

function renderValues(values: string[], word: (key: "none") => string) {
  if (values.length === 0) {
    return html`<em>${word("none")}</em>`
  }
  return values.map((value, index) => html`${index > 0 ? html`<br />` : nothing}<span class="value">${value}</span>`)
}
