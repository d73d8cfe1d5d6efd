import {readFileSync, readdirSync} from "node:fs"
import {createRequire} from "node:module"
import {dirname, join} from "node:path"
import {describe, expect, it} from "vitest"
import {scopeDocumentFunctions} from "./document-functions.mjs"

const require = createRequire(import.meta.url)
const LIB = join(dirname(require.resolve("@bokeh/bokehjs/package.json")), "build/js/lib")

describe("scopeDocumentFunctions", () => {
  it("routes every Function construction through documentFunction, on the first line", () => {
    const code = 'const a = new Function("x", code)\nconst b = Function(...names, body)\nconst c = isFunction(f)\n'
    const rewritten = scopeDocumentFunctions(code)!
    const [header, ...rest] = rewritten.split("\n")
    expect(header).toMatch(
      /^import \{documentFunction as __bokehSessionDocumentFunction\} from ".*document-function\.ts"; /,
    )
    expect(rest.length).toBe(code.split("\n").length - 1)
    expect(rewritten).not.toMatch(/(?<![\w$.])Function\(/)
    expect(rewritten).toContain("isFunction(f)")
    expect(scopeDocumentFunctions("const d = x.Function(1); isFunction(y)")).toBeNull()
  })

  it("leaves no Function construction in the installed BokehJS's modules (CustomJS and the rest)", () => {
    const files: string[] = []
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, {withFileTypes: true})) {
        const path = join(dir, entry.name)
        if (entry.isDirectory()) {
          walk(path)
        } else if (entry.name.endsWith(".js")) {
          files.push(path)
        }
      }
    }
    walk(LIB)
    const rewritten = files.filter((file) => scopeDocumentFunctions(readFileSync(file, "utf8")) != null)
    // CustomJS, CustomJSFilter, CustomJSHover, CustomJSTransform, CustomJSTicker, CustomJSTickFormatter,
    // CustomJSCompare, CanvasTexture at least.
    expect(rewritten.length).toBeGreaterThanOrEqual(8)
    expect(rewritten.map((file) => file.slice(LIB.length + 1))).toContain("models/callbacks/customjs.js")
  })
})
