import {LayoutDOM, LayoutDOMView} from "@bokehjs/models/layouts/layout_dom"
import type * as p from "@bokehjs/core/properties"

export class HelloView extends LayoutDOMView {
  declare model: Hello

  get child_models() {
    return []
  }

  override render(): void {
    super.render()
    const div = document.createElement("div")
    div.className = "acc-pkg-ext-hello"
    div.textContent = `Hello from acc_pkg_ext: ${this.model.text}`
    this.shadow_el.append(div)
  }
}

export namespace Hello {
  export type Attrs = p.AttrsOf<Props>
  export type Props = LayoutDOM.Props & {text: p.Property<string>}
}

export interface Hello extends Hello.Attrs {}

export class Hello extends LayoutDOM {
  declare properties: Hello.Props
  declare __view_type__: HelloView

  constructor(attrs?: Partial<Hello.Attrs>) {
    super(attrs)
  }

  static override __module__ = "acc_pkg_ext"

  static {
    this.prototype.default_view = HelloView
    this.define<Hello.Props>(({Str}) => ({text: [Str, ""]}))
  }
}
