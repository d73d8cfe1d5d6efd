/**
 * Removes a session's roots; when the focus was in them (a BokehJS widget or toolbar button), moves it to their
 * container, the element's `roots` part, instead of letting it fall back to the page's body: a keyboard user stays
 * where they were when a new session replaces the old one (a reconnect, a change of arguments).
 */
export function removeKeepingFocus(roots: HTMLElement): void {
  const part = roots.parentElement
  const focused = (roots.getRootNode() as Document | ShadowRoot).activeElement
  const hadFocus = focused != null && roots.contains(focused)
  roots.remove()
  if (hadFocus && part != null) {
    // -1: focusable from script only, not a stop in the page's tab order.
    part.tabIndex = -1
    part.focus({preventScroll: true})
  }
}
