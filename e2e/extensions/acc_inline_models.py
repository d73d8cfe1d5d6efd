"""An inline TypeScript model (``__implementation__``) for e2e/apps/inline_model.py, compiled by Bokeh's server with node.

It lives in an importable module rather than in the app script: Bokeh caches compiled models by module and class
name, and an app script runs as a new module (``bokeh_app_<id>``) for every session, so a model defined there is
compiled again, blocking the server's event loop for seconds, for every session (under Bokeh's own embed too).
"""

from bokeh.core.properties import String
from bokeh.models import LayoutDOM


IMPLEMENTATION = """
import {LayoutDOM, LayoutDOMView} from "models/layouts/layout_dom"
import * as p from "core/properties"

export class InlineHelloView extends LayoutDOMView {
  declare model: InlineHello

  get child_models() {
    return []
  }

  override render(): void {
    super.render()
    const div = document.createElement("div")
    div.className = "inline-hello"
    div.textContent = `Hello from an inline model: ${this.model.text}`
    this.shadow_el.append(div)
  }
}

export namespace InlineHello {
  export type Attrs = p.AttrsOf<Props>
  export type Props = LayoutDOM.Props & {text: p.Property<string>}
}

export interface InlineHello extends InlineHello.Attrs {}

export class InlineHello extends LayoutDOM {
  declare properties: InlineHello.Props
  declare __view_type__: InlineHelloView

  constructor(attrs?: Partial<InlineHello.Attrs>) {
    super(attrs)
  }

  static {
    this.prototype.default_view = InlineHelloView
    this.define<InlineHello.Props>(({Str}) => ({text: [Str, ""]}))
  }
}
"""


class InlineHello(LayoutDOM):
    """Renders a ``div`` with ``text``; its view is the TypeScript above."""

    __implementation__ = IMPLEMENTATION

    text = String(default="")
