// Trusted Types for the bundled libraries: every HTML sink in the node_modules code of the build (BokehJS,
// SlickGrid, jQuery, flatpickr, Choices, noUiSlider, DOMPurify, MathJax) gets its value through the element's
// policy (src/bokeh/trusted-sinks.ts, src/core/trusted-types.ts), so that a page with
// `require-trusted-types-for 'script'; trusted-types bokeh-session` renders them. Found in the syntax tree, not by
// text: a library upgrade that adds a sink gets it wrapped too. `BOKEH_SESSION_LIST_SINKS=1 npx vite build` lists
// them, module by module; build/vite/trusted-types.test.ts checks the walk on some of the real modules. Lit is left alone: its templates already go through the same policy
// (build/vite/csp-rewrites.mjs gives Lit the element's policy instead of its own "lit-html").
import {fileURLToPath} from "node:url"
import {parseAst} from "vite"

const modulePath = (path) => JSON.stringify(fileURLToPath(new URL(path, import.meta.url)).replaceAll("\\", "/"))
const SINKS_MODULE = modulePath("../../src/bokeh/trusted-sinks.ts")
const WRAP = "__bokehSessionTrustedHTML"

/** Properties whose assignment parses HTML. */
const HTML_PROPERTIES = new Set(["innerHTML", "outerHTML", "srcdoc"])
/** Methods that parse one of their arguments as HTML: the argument's index. */
const HTML_ARGUMENTS = new Map([
  ["insertAdjacentHTML", 1],
  ["parseFromString", 0],
  ["createContextualFragment", 0],
])
/** Packages whose sinks are not wrapped: Lit creates its TrustedHTML itself, with the element's policy. */
const UNWRAPPED = /\/node_modules\/(lit|lit-html|lit-element|@lit)\//

const propertyName = (member) =>
  member.type === "MemberExpression" &&
  (member.computed
    ? member.property.type === "Literal" && typeof member.property.value === "string"
      ? member.property.value
      : null
    : member.property.name)

/**
 * Whether a computed key may be an HTML property: `_b[allowHTML ? "innerHTML" : "innerText"] = value` (Choices
 * builds its elements so, then `Object.assign`s them). Wrapping is harmless when it is not: a TrustedHTML reads as
 * its text.
 */
const mayBeHTMLKey = (key) => {
  for (const node of nodes(key)) {
    if (node.type === "Literal" && HTML_PROPERTIES.has(node.value)) {
      return true
    }
  }
  return false
}

/** An assignment's or an object literal's key that names an HTML property, or may. */
const htmlKey = (node) => {
  if (node.type === "MemberExpression") {
    return HTML_PROPERTIES.has(propertyName(node)) || (node.computed && mayBeHTMLKey(node.property))
  }
  if (node.type === "Property" && node.kind === "init" && !node.method) {
    const key = node.computed ? null : node.key.type === "Identifier" ? node.key.name : node.key.value
    return HTML_PROPERTIES.has(key) || (node.computed && mayBeHTMLKey(node.key))
  }
  return false
}

function* nodes(node) {
  if (node == null || typeof node !== "object") {
    return
  }
  if (Array.isArray(node)) {
    for (const child of node) {
      yield* nodes(child)
    }
    return
  }
  if (typeof node.type === "string") {
    yield node
  }
  for (const key in node) {
    if (key !== "type" && key !== "start" && key !== "end" && key !== "range" && key !== "loc") {
      yield* nodes(node[key])
    }
  }
}

/**
 * The HTML sinks in a module's syntax tree, each as the value expression to wrap and what it is. Throws for a sink
 * this cannot wrap as is (`innerHTML += html`, `document.write`).
 */
export function findSinks(program, code, where) {
  const found = []
  for (const node of nodes(program)) {
    if (node.type === "AssignmentExpression" && htmlKey(node.left)) {
      if (node.operator !== "=") {
        throw new Error(`${where}: \`${code.slice(node.start, node.end)}\`: wrap this sink by hand`)
      }
      found.push({sink: propertyName(node.left) || "[computed]", value: node.right})
    } else if (node.type === "Property" && htmlKey(node)) {
      found.push({
        sink: `{${node.computed ? "[computed]" : code.slice(node.key.start, node.key.end)}}`,
        value: node.value,
      })
    } else if (node.type === "CallExpression" && HTML_ARGUMENTS.has(propertyName(node.callee))) {
      const value = node.arguments[HTML_ARGUMENTS.get(propertyName(node.callee))]
      if (value != null) {
        found.push({sink: propertyName(node.callee), value})
      }
    } else if (
      node.type === "CallExpression" &&
      ["write", "writeln"].includes(propertyName(node.callee)) &&
      node.callee.object.type === "Identifier" &&
      node.callee.object.name === "document"
    ) {
      throw new Error(`${where}: \`${code.slice(node.start, node.end)}\`: document.write needs TrustedHTML`)
    }
  }
  return found
}

const isModule = (program) => program.body.some((statement) => /^(Import|Export\w*)Declaration$/.test(statement.type))

/**
 * `code` with each sink's value wrapped (`x.innerHTML = __bokehSessionTrustedHTML(html)`) and the wrapper imported
 * on the first line; line numbers unchanged. A CommonJS module (SlickGrid, jQuery) requires it instead.
 */
export function wrapSinks(code, program, where) {
  const sinks = findSinks(program, code, where)
  if (sinks.length === 0) {
    return {code, sinks}
  }
  const edits = sinks
    .flatMap(({value}) => [
      {at: value.start, text: `${WRAP}(`},
      {at: value.end, text: ")"},
    ])
    .sort((a, b) => b.at - a.at)
  let wrapped = code
  for (const {at, text} of edits) {
    wrapped = wrapped.slice(0, at) + text + wrapped.slice(at)
  }
  const header = isModule(program)
    ? `import { trustedHTML as ${WRAP} } from ${SINKS_MODULE};`
    : `var ${WRAP} = require(${SINKS_MODULE}).trustedHTML;`
  return {code: header + wrapped, sinks}
}

export function trustedTypesSinks() {
  return {
    name: "bokeh-session:trusted-types",
    transform(code, id) {
      const path = id.split("?")[0].replaceAll("\\", "/")
      if (!path.includes("/node_modules/") || UNWRAPPED.test(path) || !/\.[cm]?js$/.test(path)) {
        return null
      }
      if (
        !/innerHTML|outerHTML|srcdoc|insertAdjacentHTML|parseFromString|createContextualFragment|\.write/.test(code)
      ) {
        return null
      }
      const name = path.slice(path.lastIndexOf("/node_modules/") + "/node_modules/".length)
      const {code: wrapped, sinks} = wrapSinks(code, parseAst(code), name)
      if (sinks.length === 0) {
        return null
      }
      if (process.env.BOKEH_SESSION_LIST_SINKS) {
        console.log(`${name}: ${sinks.map(({sink}) => sink).join(", ")}`)
      }
      return {code: wrapped, map: null}
    },
  }
}
