import {css} from "lit"

// Only what the first paint needs: the echo table's own look comes with its code (session/echo-table.ts). The text
// below ships as written (comments too): keep comments out of it.
//
// The min-height is the echo table's height before it comes (and the note's, for an app that does not echo), so
// that the document below it does not move: its caption, header and one row per name sent (--rows, with --lines
// lines), each line 1.4em, each row 0.25rem of padding and a 1px border, as session/echo-table.ts lays them out.
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
  [part="status"],
  [part="echo"],
  [part="no-echo"] {
    font:
      0.8125rem/1.4 system-ui,
      sans-serif;
    margin: 0.25rem 0;
  }
  [part="status"],
  [part="no-echo"] {
    color: #555;
  }
  [part="echo"]:not(table),
  [part="no-echo"] {
    min-height: calc((var(--lines) + 2) * 1.4em + (var(--rows) + 1) * (0.25rem + 1px) + 0.5rem);
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
`
