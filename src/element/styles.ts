import {css} from "lit"

// Only what the first paint needs: the echo table's and the loading indicator's looks come with their code
// (session/echo-table.ts, session/loading.ts), and so does the error's box (session/loading.ts): the one error
// shown before, load-failed, has the error colour only. The text below ships as written: keep comments out of it.
//
// Colours: the page's custom properties (--bokeh-session-*) or defaults that follow the page. The muted colour is
// the text colour mixed 70% with Canvas (the page's background colour for its color-scheme): opaque, readable
// wherever the text is; the error's is light-dark(): the page's `color-scheme` (light dark, with
// prefers-color-scheme) picks it. --_* are the values in use, read by the views.
//
// The min-height is the echo table's height before it comes (and the note's, for an app that does not echo), so
// that the document below it does not move: its caption, header and one row per name sent (--rows, with --lines
// lines), each line 1.4em, each row 0.25rem of padding and a 1px border, as session/echo-table.ts lays them out.
//
// chrome="none" and "mismatch" hide the status line only visually (clipped to nothing, out of the flow, as wide as
// the element at most): screen readers still hear it.
export const styles = css`
  :host {
    display: block;
    --_font: var(--bokeh-session-font, system-ui, sans-serif);
    --_error: var(--bokeh-session-error, light-dark(#a4000f, #ff8f8f));
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
    font: 0.8125rem/1.4 var(--_font);
    margin: 0.25rem 0;
  }
  [part="status"],
  [part="no-echo"] {
    color: var(--bokeh-session-muted, color-mix(in srgb, var(--bokeh-session-text, currentColor) 70%, Canvas));
  }
  [part="echo"]:not(table),
  [part="no-echo"] {
    min-height: calc((var(--lines) + 2) * 1.4em + (var(--rows) + 1) * (0.25rem + 1px) + 0.5rem);
  }
  [part="error"] {
    color: var(--_error);
  }
  :host([chrome="none"]) [part="echo"],
  :host([chrome="mismatch"]) [part="echo"]:not(.differs) {
    display: none;
  }
  :host(:is([chrome="none"], [chrome="mismatch"])) [part="status"] {
    position: absolute;
    clip-path: inset(50%);
  }
`
