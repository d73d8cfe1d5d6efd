import {BokehSessionElement} from "./element.js"
import type {BokehSessionEventMap} from "./events.js"
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
  // The element's events (events.ts), for `addEventListener` on any element, document or window.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalEventHandlersEventMap extends BokehSessionEventMap {}
}
