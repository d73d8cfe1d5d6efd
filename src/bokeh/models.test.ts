import {readFileSync} from "node:fs"
import {createRequire} from "node:module"
import {dirname, join} from "node:path"
import {describe, expect, it} from "vitest"
import {TABLE_MODELS, referencedModelTypes} from "./models.js"

const require = createRequire(import.meta.url)
const TABLES = join(dirname(require.resolve("@bokeh/bokehjs/package.json")), "build/js/lib/models/widgets/tables")

/** The concrete model classes BokehJS's tables bundle registers, read from its declarations. */
function tableModelsInBokehJs(): Set<string> {
  const names = new Set<string>()
  const index = readFileSync(join(TABLES, "index.d.ts"), "utf8")
  for (const [, file] of index.matchAll(/export \* from "\.\/(\w+)"/g)) {
    for (const [, name] of readFileSync(join(TABLES, `${file}.d.ts`), "utf8").matchAll(/export declare class (\w+)/g)) {
      names.add(name)
    }
  }
  for (const [, list] of index.matchAll(/export \{([^}]+)\} from/g)) {
    for (const name of list.split(",")) {
      names.add(name.trim())
    }
  }
  return new Set([...names].filter((name) => !name.endsWith("View")))
}

describe("TABLE_MODELS", () => {
  it("lists exactly the models of the installed BokehJS's tables bundle", () => {
    expect([...TABLE_MODELS].sort()).toEqual([...tableModelsInBokehJs()].sort())
  })
})

describe("referencedModelTypes", () => {
  it("collects object types anywhere in the document, less the ones it defines", () => {
    const doc = {
      defs: [{type: "model", name: "MyData", extends: {type: "object", name: "DataModel"}}],
      roots: [
        {type: "object", name: "Figure", id: "p1", attributes: {renderers: [{type: "object", name: "GlyphRenderer", id: "p2"}]}},
        {type: "object", name: "MyData", id: "p3"},
        {type: "object", name: "DataTable", id: "p4", attributes: {columns: [{type: "object", name: "TableColumn", id: "p5"}]}},
      ],
    }
    expect([...referencedModelTypes(doc)].sort()).toEqual(["DataModel", "DataTable", "Figure", "GlyphRenderer", "TableColumn"])
  })
})
