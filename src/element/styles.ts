import {css} from "lit"

export const styles = css`
  :host {
    display: block;
  }
  :host([hidden]) {
    display: none;
  }
  [part="roots"] {
    display: block;
    width: 100%;
  }
  [part="status"] {
    font:
      0.8125rem/1.4 system-ui,
      sans-serif;
    color: #555;
    margin: 0.25rem 0;
  }
  [part="error"] {
    font:
      0.875rem/1.4 system-ui,
      sans-serif;
    color: #a4000f;
    background: #fff0f0;
    border-left: 3px solid #a4000f;
    padding: 0.375rem 0.5rem;
    margin: 0.25rem 0;
    white-space: pre-wrap;
  }
  [part="echo"] {
    font:
      0.8125rem/1.4 system-ui,
      sans-serif;
    border-collapse: collapse;
    margin: 0.25rem 0;
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
  [part="no-echo"] {
    font:
      0.8125rem/1.4 system-ui,
      sans-serif;
    color: #555;
  }
`
