// The loading indicator: shown while a session opens or reopens, over the space the element already holds (its
// status line, the echo table's reserved box, the document's last height or last picture), so it moves nothing.
// Only shown once the session code runs (status connecting or reconnecting), so it loads with it; so does the
// error's box (the first script gives the error its colour only).
import {css, html, nothing, type TemplateResult} from "lit"
import type {BokehSessionStatus} from "./session-host.js"

export const loadingStyles = css`
  :host {
    --_accent: var(--bokeh-session-accent, light-dark(#1f6feb, #6cb6ff));
  }
  [part="error"] {
    font: 0.875rem/1.4 var(--_font);
    background: color-mix(in srgb, currentColor 8%, Canvas);
    border-left: 3px solid;
    padding: 0.375rem 0.5rem;
    margin: 0.25rem 0;
    white-space: pre-wrap;
  }
  :host(:state(connecting)),
  :host(:state(reconnecting)) {
    position: relative;
    isolation: isolate;
  }
  [part="loading"] {
    position: absolute;
    inset: 0;
    z-index: 1;
    overflow: hidden;
    display: grid;
    place-items: center;
    pointer-events: none;
  }
  :host(:state(reconnecting)) [part="loading"] {
    background: color-mix(in srgb, Canvas 50%, transparent);
  }
  .spinner {
    width: 2rem;
    height: 2rem;
    box-sizing: border-box;
    border: 3px solid color-mix(in srgb, var(--_accent) 25%, transparent);
    border-top-color: var(--_accent);
    border-radius: 50%;
    animation: bokeh-session-spin 0.9s linear infinite;
  }
  @keyframes bokeh-session-spin {
    to {
      transform: rotate(1turn);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
      border-color: var(--_accent);
      border-right-color: transparent;
    }
  }
`

/** The indicator, or nothing when no session is opening. The page replaces it with `slot="loading"` content. */
export function renderLoading(status: BokehSessionStatus): TemplateResult | typeof nothing {
  return status === "connecting" || status === "reconnecting"
    ? html`<div part="loading" aria-hidden="true">
        <slot name="loading"><span class="spinner"></span></slot>
      </div>`
    : nothing
}
