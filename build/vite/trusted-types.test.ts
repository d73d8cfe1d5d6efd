import {readFileSync} from "node:fs"
import {parseAst} from "vite"
import {describe, expect, it} from "vitest"
import {findSinks, wrapSinks} from "./trusted-types.mjs"

const wrap = (code: string): {code: string; sinks: Array<{sink: string}>} => wrapSinks(code, parseAst(code), "x.js")
const body = (code: string): string => wrap(code).code.replace(/^[^;]+;/, "")

describe("wrapSinks", () => {
  it("wraps the value of each HTML sink, whatever the expression", () => {
    expect(body(`export const f = (el, a, b) => { el.innerHTML = a + b; el["outerHTML"] = "<p>"; }`)).toBe(
      `export const f = (el, a, b) => { el.innerHTML = __bokehSessionTrustedHTML(a + b); el["outerHTML"] = __bokehSessionTrustedHTML("<p>"); }`,
    )
    expect(
      body(
        `export const g = (el, d, s) => { el.insertAdjacentHTML("beforeend", s); d.parseFromString(s, "text/html") }`,
      ),
    ).toBe(
      `export const g = (el, d, s) => { el.insertAdjacentHTML("beforeend", __bokehSessionTrustedHTML(s)); d.parseFromString(__bokehSessionTrustedHTML(s), "text/html") }`,
    )
  })

  it("wraps keys that may be an HTML property (Choices' elements) and object literals' HTML properties", () => {
    expect(
      body(`export const h = (o, html, v) => { o[html ? "innerHTML" : "innerText"] = v; return {innerHTML: v} }`),
    ).toBe(
      `export const h = (o, html, v) => { o[html ? "innerHTML" : "innerText"] = __bokehSessionTrustedHTML(v); return {innerHTML: __bokehSessionTrustedHTML(v)} }`,
    )
  })

  it("leaves reads and other properties alone", () => {
    const code = `export const k = (el) => { const html = el.innerHTML; el.textContent = html; return el.outerHTML }`
    expect(wrap(code)).toEqual({code, sinks: []})
  })

  it("imports the wrapper in an ES module, requires it in a CommonJS one, on the first line", () => {
    const esm = wrap(`import x from "y"\nx.innerHTML = "a"\n`).code
    expect(esm.split("\n")[0]).toMatch(
      /^import \{ trustedHTML as __bokehSessionTrustedHTML \} from ".*\/src\/bokeh\/trusted-sinks\.ts";import x/,
    )
    const cjs = wrap(`var x = require("y")\nx.innerHTML = "a"\nmodule.exports = x\n`).code
    expect(cjs.split("\n")[0]).toMatch(
      /^var __bokehSessionTrustedHTML = require\(".*\/src\/bokeh\/trusted-sinks\.ts"\)\.trustedHTML;var x/,
    )
    expect(cjs.split("\n")).toHaveLength(4)
  })

  it("refuses what it cannot wrap as is", () => {
    expect(() => wrap(`export const f = (el, s) => { el.innerHTML += s }`)).toThrowError(
      /x\.js: `el\.innerHTML \+= s`: wrap this sink by hand/,
    )
    expect(() => wrap(`document.write("<p>")`)).toThrowError(/document\.write needs TrustedHTML/)
  })
})

describe("the bundled libraries", () => {
  // A few of the real modules, to catch a syntax the walk does not know (the build wraps every one).
  it.each([
    ["@bokeh/slickgrid/slick.grid.js", 7],
    ["choices.js/public/assets/scripts/choices.js", 12],
    ["flatpickr/dist/esm/index.js", 5],
  ])("%s: %i sinks", (module, count) => {
    const code = readFileSync(new URL(`../../node_modules/${module}`, import.meta.url), "utf8")
    expect(findSinks(parseAst(code), code, module)).toHaveLength(count)
  })
})
