import {readFileSync} from "node:fs"
import {createRequire} from "node:module"
import {dirname, join} from "node:path"
import {describe, expect, it} from "vitest"
import {assignClassFields, checkBundleClassFields, findPublicClassFields} from "./class-fields.mjs"

const require = createRequire(import.meta.url)
const BOKEHJS_LIB = join(dirname(require.resolve("@bokeh/bokehjs/package.json")), "build/js/lib")

/** A base whose constructor sets what subclasses declare, as BokehJS's HasProps does with initialize(). */
const HAS_PROPS_LIKE = `
class Base {
  constructor() { this.initialize() }
  initialize() { this.signal = "set by initialize" }
  get source_range() { return "from the prototype" }
}
class Mapper extends Base {
  signal;
  source_range;
  static __name__ = "Mapper";
  count = 1;
  #hidden = 2;
  hidden() { return this.#hidden }
}
const mapper = new Mapper()
export const result = [mapper.signal, mapper.source_range, Mapper.__name__, mapper.count, mapper.hidden()]
`

async function evaluate(code: string): Promise<unknown> {
  const module = (await import(`data:text/javascript,${encodeURIComponent(code)}`)) as {result: unknown}
  return module.result
}

describe("assignClassFields", () => {
  it("keeps what a base constructor set and the prototype's getters, where standard fields wipe them", async () => {
    // The failure as BokehJS's ES2022 lib has it: each declaration is set to undefined after super() returns.
    expect(await evaluate(HAS_PROPS_LIKE)).toEqual([undefined, undefined, "Mapper", 1, 2])
    const assigned = assignClassFields(HAS_PROPS_LIKE, "/node_modules/x/mapper.js")
    expect(assigned).not.toBeNull()
    expect(await evaluate(assigned!.code)).toEqual(["set by initialize", "from the prototype", "Mapper", 1, 2])
    expect(findPublicClassFields(assigned!.code)).toEqual([])
  })

  it("leaves code without public fields alone", () => {
    expect(assignClassFields("export class A { #x = 1; get x() { return this.#x } }", "/node_modules/a.js")).toBeNull()
    expect(assignClassFields("export const a = 1", "/node_modules/a.js")).toBeNull()
  })

  it("leaves no public field in the BokehJS modules that broke colour bars, factor ranges and graphs", () => {
    for (const file of ["models/mappers/color_mapper.js", "models/scales/categorical_scale.js", "model.js"]) {
      const code = readFileSync(join(BOKEHJS_LIB, file), "utf8")
      expect(findPublicClassFields(code).length, file).toBeGreaterThan(0)
      expect(findPublicClassFields(assignClassFields(code, file)!.code), file).toEqual([])
    }
  })
})

describe("checkBundleClassFields", () => {
  it("names each chunk that declares public fields, instance or static, bare or initialised, computed", () => {
    const problems = checkBundleClassFields([
      {fileName: "a.js", code: "class A extends B { x; static y = 1; [k] = 2; #z; }"},
      {fileName: "b.js", code: "class C { #z = 1; m() { this.w = 1 } }"},
      {fileName: "c.js", code: "const D = class { q = 1 }"},
    ])
    expect(problems).toHaveLength(2)
    expect(problems[0]).toMatch(/^a\.js declares 3 public class field\(s\): x \(offset \d+\), y \(offset \d+\), \[k\]/)
    expect(problems[0]).toContain("build/vite/class-fields.mjs")
    expect(problems[1]).toMatch(/^c\.js declares 1 public class field\(s\): q/)
  })
})
