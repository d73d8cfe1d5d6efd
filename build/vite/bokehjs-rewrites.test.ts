import {readFileSync} from "node:fs"
import {describe, expect, it} from "vitest"
import {applyRewrites} from "./bokehjs-rewrites.mjs"
import {CSP_REWRITES, sameLines} from "./csp-rewrites.mjs"

const fail = (message: string): never => {
  throw new Error(message)
}

describe("applyRewrites", () => {
  it("inserts the replacement literally, whatever $ patterns a path holds", () => {
    const to = `import {w} from "/home/a$&b/c$'d/e$\`f/$1/web-mercator.ts"`
    expect(applyRewrites("before\nOLD\nafter", [{file: "x.js", from: "OLD", to}], fail)).toBe(`before\n${to}\nafter`)
  })

  it("fails loudly when a line to rewrite is gone", () => {
    expect(() => applyRewrites("code", [{file: "x.js", from: "OLD", to: "NEW"}], fail)).toThrowError(
      /^x\.js no longer contains "OLD": the installed BokehJS changed/,
    )
  })
})

describe("pattern rewrites", () => {
  const rewrite = {file: "x.js", pattern: /OLD(\d)/g, count: 2, to: (_match: string, digit: string) => `NEW${digit}`}

  it("replace every match when there are as many as expected", () => {
    expect(applyRewrites("OLD1 and OLD2", [rewrite], fail)).toBe("NEW1 and NEW2")
  })

  it("fail loudly when the number of sites changed", () => {
    expect(() => applyRewrites("OLD1 OLD2 OLD3", [rewrite], fail)).toThrowError(
      /^x\.js has 3 matches of \/OLD\(\\d\)\/g, not 2: the installed BokehJS changed/,
    )
  })
})

describe("sameLines", () => {
  it("pads the replacement to the replaced text's line count, and refuses a longer one", () => {
    expect(sameLines("a\nb\nc", "x")).toBe("x\n\n")
    expect(() => sameLines("a", "x\ny")).toThrowError(/1 more lines than the text it replaces/)
  })
})

describe("the CSP rewrites on the installed packages", () => {
  const files = [...new Set(CSP_REWRITES.map(({file}) => file))]

  it.each(files)("%s: every rewrite applies, and the line count stays", (file) => {
    const code = readFileSync(new URL(`../../node_modules/${file}`, import.meta.url), "utf8")
    const rewritten = applyRewrites(
      code,
      CSP_REWRITES.filter((rewrite) => rewrite.file === file),
      fail,
    )
    expect(rewritten).not.toBe(code)
    expect(rewritten.split("\n")).toHaveLength(code.split("\n").length)
  })

  it("SlickGrid's fixed parts no longer carry style attributes, and set the same declarations through the CSSOM", () => {
    const code = readFileSync(new URL("../../node_modules/@bokeh/slickgrid/slick.grid.js", import.meta.url), "utf8")
    const rewritten = applyRewrites(
      code,
      CSP_REWRITES.filter(({file}) => file.endsWith("slick.grid.js")),
      fail,
    )
    expect(rewritten).toContain(
      `$("<div class='slick-header-columns slick-header-columns-left' />").each(function () { this.style.cssText = "left:-1000px"; })`,
    )
    // None left in the grid (SlickGrid's editors and formatters, which BokehJS does not use, have their own files).
    expect(rewritten.match(/style=['"]/g)).toBeNull()
  })
})
