import {
  BokehSessionElement,
  type BokehSessionClosedDetail,
  type BokehSessionConnectingDetail,
  type BokehSessionDisconnectedDetail,
  type BokehSessionReconnectedDetail,
  type BokehSessionWarningDetail,
  type BokehSessionErrorDetail,
  type BokehSessionReadyDetail,
} from "./element.js"
import {preloadBokehJsFor} from "./preload.js"

export const DEFAULT_TAG_NAME = "bokeh-session"

/**
 * Registers the element under `tagName`. Safe to call more than once and where the tag is already taken (by
 * this or another copy of the package); does nothing where `customElements` does not exist (SSR, Node).
 */
export function defineBokehSession(tagName: string = DEFAULT_TAG_NAME): void {
  const registry = globalThis.customElements
  if (registry == null || registry.get(tagName) != null) {
    return
  }
  // A registry refuses the same constructor under a second name, so other names get a subclass.
  registry.define(tagName, tagName === DEFAULT_TAG_NAME ? BokehSessionElement : class extends BokehSessionElement {})
  preloadBokehJsFor(tagName)
}

declare global {
  interface HTMLElementTagNameMap {
    "bokeh-session": BokehSessionElement
  }
  interface GlobalEventHandlersEventMap {
    "bokeh-session-connecting": CustomEvent<BokehSessionConnectingDetail>
    "bokeh-session-ready": CustomEvent<BokehSessionReadyDetail>
    "bokeh-session-error": CustomEvent<BokehSessionErrorDetail>
    "bokeh-session-closed": CustomEvent<BokehSessionClosedDetail>
    "bokeh-session-disconnected": CustomEvent<BokehSessionDisconnectedDetail>
    "bokeh-session-reconnected": CustomEvent<BokehSessionReconnectedDetail>
    "bokeh-session-warning": CustomEvent<BokehSessionWarningDetail>
  }
}
