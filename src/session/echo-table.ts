// The element's view of the echo: the arguments sent beside the ones the server received (rows and verdicts come
// from core/echo.ts), or a note when the app does not echo. The element shows it only once a session is open, so
// it loads with the session code (lifecycle.ts re-exports it), not in the first script, and so does its style
// (the first script only reserves its height: element/styles.ts, whose formula follows the sizes set here).
import {css, html, nothing, type TemplateResult} from "lit"
import type {NormalizedArguments} from "../core/arguments.js"
import {compareEcho, echoMark, echoSpace, type EchoedArguments} from "../core/echo.js"

export const echoStyles = css`
  [part="echo"] {
    border-collapse: collapse;
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
    border-bottom: 1px solid #ddd;
    padding: 0.125rem 0.75rem 0.125rem 0;
  }
  [part="echo"] td {
    font-family: ui-monospace, monospace;
    white-space: pre-wrap;
    word-break: break-all;
    max-width: 40ch;
  }
  tr.mismatch td {
    background: #fff3cd;
  }
  .mark {
    font-family: system-ui, sans-serif;
    white-space: nowrap;
  }
`

export function renderEchoTable(sent: NormalizedArguments | null, echo: EchoedArguments | null): TemplateResult {
  if (echo == null) {
    // Keeps the height reserved for the table: collapsing would move the document up, a layout shift of its area.
    return html`<p part="no-echo" .style=${echoSpace(sent)}>
      This app does not echo its arguments: call <code>echo_arguments(curdoc())</code> from
      <code>bokeh_session_echo</code> in the app to compare them here.
    </p>`
  }
  const rows = compareEcho(sent ?? {}, echo)
  return html`<table part="echo">
    <caption>
      Arguments sent and received
    </caption>
    <thead>
      <tr>
        <th>Name</th>
        <th>Sent</th>
        <th>Received</th>
        <th></th>
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (row) =>
          html`<tr class=${row.matches ? "match" : "mismatch"} data-name=${row.name}>
            <td class="name">${row.name}</td>
            <td class="sent">${renderValues(row.sent)}</td>
            <td class="received">${row.received == null ? html`<em>missing</em>` : renderValues(row.received)}</td>
            <td class="mark">${echoMark(row)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`
}

function renderValues(values: string[]) {
  if (values.length === 0) {
    return html`<em>none</em>`
  }
  return values.map((value, index) => html`${index > 0 ? html`<br />` : nothing}<span class="value">${value}</span>`)
}
