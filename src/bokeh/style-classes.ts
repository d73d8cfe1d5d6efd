/**
 * Table cells without inline style attributes. BokehJS's cell formatters style an element through the CSSOM
 * (`text.style.textAlign = "left"`) and hand SlickGrid its `outerHTML`, so every cell's HTML carries a `style="..."`
 * attribute, which a policy without `style-src 'unsafe-inline'` refuses to apply (one violation per cell). Here the
 * element's inline declarations become a class with the same declarations, in one sheet that every table view
 * adopts (build/vite/csp-rewrites.mjs rewrites the formatters and the table's stylesheets to use it).
 */
import {AdoptedSheet} from "./adopted-stylesheets.js"

/** Declarations -> their class. Distinct styles are few (an alignment, a colour per mapped value). */
const classes = new Map<string, string>()
let sheet: CSSStyleSheet | null = null

function styleSheet(): CSSStyleSheet {
  sheet ??= new AdoptedSheet("", {shared: false}).sheet
  return sheet
}

/**
 * The class for `declarations` (a `style.cssText`), added to the sheet on first use. Its declarations are
 * `!important`, as an inline style outranks the stylesheets' rules.
 */
function classFor(declarations: string): string {
  let name = classes.get(declarations)
  if (name == null) {
    name = `bokeh-session-style-${classes.size}`
    const target = styleSheet()
    const rule = target.cssRules[target.insertRule(`.${name} {}`, target.cssRules.length)] as CSSStyleRule
    rule.style.cssText = declarations
    for (const property of Array.from(rule.style)) {
      rule.style.setProperty(property, rule.style.getPropertyValue(property), "important")
    }
    classes.set(declarations, name)
  }
  return name
}

/** `element.outerHTML`, its inline style moved into a class of the shared sheet. */
export function styledHTML(element: HTMLElement): string {
  const declarations = element.style.cssText
  if (declarations !== "") {
    element.classList.add(classFor(declarations))
    // Reading the attribute writes the CSSOM's pending changes to it first: removed without that, it comes back
    // empty (`style=""`, still refused by the policy) when the element is serialized.
    element.getAttribute("style")
    element.removeAttribute("style")
  }
  return element.outerHTML
}

/** The shared sheet for a table view's stylesheets (each call: a handle the view installs and uninstalls). */
export function styleClassesSheet(): {install(target: Node): void; uninstall(): void} {
  return AdoptedSheet.wrapping(styleSheet())
}
