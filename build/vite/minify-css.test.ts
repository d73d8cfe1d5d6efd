import {readFileSync, readdirSync} from "node:fs"
import {join} from "node:path"
import ts from "typescript"
import {describe, expect, test} from "vitest"
import {minifyCssTemplates, minifyCssText} from "./minify-css.mjs"

const ROOT = join(import.meta.dirname, "..", "..")

/** The text of every css`...` tagged template in `code`, found by TypeScript's parser. */
function cssTemplates(code: string): string[] {
  const found: string[] = []
  const visit = (node: ts.Node): void => {
    if (ts.isTaggedTemplateExpression(node) && node.tag.getText() === "css") {
      found.push(node.template.getText())
    }
    ts.forEachChild(node, visit)
  }
  visit(ts.createSourceFile("x.ts", code, ts.ScriptTarget.Latest, true))
  return found
}

/** Every .ts file under src/ that mentions css` (in a template or not). */
function sourcesWithCss(): string[] {
  return (readdirSync(join(ROOT, "src"), {recursive: true}) as string[])
    .filter((file) => file.endsWith(".ts") && readFileSync(join(ROOT, "src", file), "utf8").includes("css`"))
    .map((file) => join(ROOT, "src", file))
}

describe("minifyCssText", () => {
  test("removes only what CSS ignores", () => {
    expect(minifyCssText(":host {\n  display: block;\n  font: 0.8rem/1.4 var(--f, a, b);\n}\n")).toBe(
      ":host{display:block;font:0.8rem/1.4 var(--f,a,b)}",
    )
  })

  test("keeps the spaces that separate tokens: combinators, calc(), media queries", () => {
    expect(minifyCssText(':host([x="a"]) [part="echo"] { width: calc((var(--n) + 2) * 1em); }')).toBe(
      ':host([x="a"]) [part="echo"]{width:calc((var(--n) + 2) * 1em)}',
    )
    expect(minifyCssText("@media (prefers-reduced-motion: reduce) {\n  a { b: c }\n}")).toBe(
      "@media (prefers-reduced-motion:reduce){a{b:c}}",
    )
  })

  test("keeps quoted strings as written", () => {
    expect(minifyCssText(`a::after { content: "x:  y ; }"; b: 'p,  q' }`)).toBe(
      `a::after{content:"x:  y ; }";b:'p,  q'}`,
    )
  })

  test("keeps a space beside an interpolation", () => {
    expect(minifyCssTemplates("const s = css`a { b: ${x} c; }`")).toBe("const s = css`a{b:${x} c}`")
  })
})

describe("minifyCssTemplates on src/", () => {
  test("the sources have css templates (else this suite checks nothing)", () => {
    expect(sourcesWithCss().length).toBeGreaterThanOrEqual(3)
  })

  test.each(sourcesWithCss())("%s: only the css templates change, and in them only what CSS ignores", (file) => {
    const code = readFileSync(file, "utf8")
    const minified = minifyCssTemplates(code) ?? code
    const before = cssTemplates(code)
    const after = cssTemplates(minified)
    expect(after).toHaveLength(before.length)
    // Outside the templates nothing changed (comments that name css`...` included).
    const outside = (text: string, templates: string[]): string =>
      templates.reduce((rest, template) => rest.replace(template, "``"), text)
    expect(outside(minified, after)).toBe(outside(code, before))
    // Inside, the same tokens in the same order, each template shorter or as long.
    const tokens = (text: string): string => text.replace(/;(\s*})/g, "$1").replace(/\s+/g, "")
    after.forEach((template, index) => {
      expect(tokens(template)).toBe(tokens(before[index]!))
      expect(template.length).toBeLessThanOrEqual(before[index]!.length)
    })
  })
})
