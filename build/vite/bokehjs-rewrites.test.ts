import {describe, expect, it} from "vitest"
import {applyRewrites} from "./bokehjs-rewrites.mjs"

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
