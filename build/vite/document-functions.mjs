// Every function BokehJS compiles from a document's code (`new Function(...)` in CustomJS, CustomJSFilter,
// CustomJSHover, CanvasTexture, ...) goes through src/bokeh/document-function.ts, which binds `Bokeh` in that code
// to this build's global whatever `window.Bokeh` is (see there why). Rewritten in the build, for every BokehJS
// module that constructs a Function, so that a BokehJS upgrade that adds one is covered without a list to keep.
import {fileURLToPath} from "node:url"

const DOCUMENT_FUNCTION = fileURLToPath(new URL("../../src/bokeh/document-function.ts", import.meta.url)).replaceAll(
  "\\",
  "/",
)
const BOKEHJS_LIB = "/node_modules/@bokeh/bokehjs/build/js/lib/"
/** `new Function(` or a plain `Function(` call; not `isFunction(` or `x.Function(`. */
const FUNCTION_CONSTRUCTOR = /(?:\bnew\s+)?(?<![\w$.])Function\(/g
const LOCAL_NAME = "__bokehSessionDocumentFunction"

/** The module with each Function construction replaced, or null when it has none. */
export function scopeDocumentFunctions(code) {
  if (!FUNCTION_CONSTRUCTOR.test(code)) {
    return null
  }
  FUNCTION_CONSTRUCTOR.lastIndex = 0
  // On the first line, so that every other line keeps its number (and its place in a source map).
  const header = `import {documentFunction as ${LOCAL_NAME}} from ${JSON.stringify(DOCUMENT_FUNCTION)}; `
  return header + code.replace(FUNCTION_CONSTRUCTOR, `${LOCAL_NAME}(`)
}

export function documentFunctions() {
  return {
    name: "bokeh-session:document-functions",
    enforce: "pre",
    transform(code, id) {
      const path = id.split("?")[0].replaceAll("\\", "/")
      if (!path.includes(BOKEHJS_LIB) || !path.endsWith(".js")) {
        return null
      }
      const rewritten = scopeDocumentFunctions(code)
      return rewritten == null ? null : {code: rewritten, map: null}
    },
  }
}
