"""A test app with an inline TypeScript model (``__implementation__``), compiled by Bokeh's server with node."""

from bokeh.core.properties import String
from bokeh.io import curdoc
from bokeh.models import LayoutDOM

from bokeh_session_echo import echo_arguments
from bokeh_session_models import publish_models

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


doc = curdoc()
echo_arguments(doc)
doc.add_root(InlineHello(text="inline", name="hello"))
publish_models(doc)
