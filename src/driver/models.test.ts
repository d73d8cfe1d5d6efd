import {readFileSync, readdirSync} from "node:fs"
import {createRequire} from "node:module"
import {dirname, join} from "node:path"
import {describe, expect, it} from "vitest"
import {MATH_TEXT_MODELS, TABLE_MODELS, WIDGET_MODELS, documentUsesMath, referencedModelTypes} from "./models.js"

const require = createRequire(import.meta.url)
const LIB = join(dirname(require.resolve("@bokeh/bokehjs/package.json")), "build/js/lib")
const TABLES = join(LIB, "models/widgets/tables")

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

/** The models BokehJS's widgets bundle registers: every export of its index (and of the indexes it re-exports). */
function widgetModelsInBokehJs(dir = join(LIB, "models/widgets")): Set<string> {
  const names = new Set<string>()
  const index = readFileSync(join(dir, "index.d.ts"), "utf8")
  for (const [, list] of index.matchAll(/export \{([^}]+)\} from/g)) {
    list.split(",").forEach((name) => names.add(name.trim()))
  }
  for (const [, folder] of index.matchAll(/export \* from "\.\/(\w+)"/g)) {
    widgetModelsInBokehJs(join(dir, folder)).forEach((name) => names.add(name))
  }
  return new Set([...names].filter((name) => !name.endsWith("View")))
}

describe("WIDGET_MODELS", () => {
  it("lists exactly the models of the installed BokehJS's widgets bundle", () => {
    expect([...WIDGET_MODELS].sort()).toEqual([...widgetModelsInBokehJs()].sort())
  })
})

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
        {
          type: "object",
          name: "Figure",
          id: "p1",
          attributes: {renderers: [{type: "object", name: "GlyphRenderer", id: "p2"}]},
        },
        {type: "object", name: "MyData", id: "p3"},
        {
          type: "object",
          name: "DataTable",
          id: "p4",
          attributes: {columns: [{type: "object", name: "TableColumn", id: "p5"}]},
        },
      ],
    }
    expect([...referencedModelTypes(doc)].sort()).toEqual([
      "DataModel",
      "DataTable",
      "Figure",
      "GlyphRenderer",
      "TableColumn",
    ])
  })
})

describe("MATH_TEXT_MODELS", () => {
  it("lists exactly the model classes of BokehJS's math_text module and of the glyph modules that import it", () => {
    // A glyph that draws its text through MathTextView (TeXGlyph) needs MathJax as much as a TeX label does.
    const modules = ["models/text/math_text"]
    for (const file of readdirSync(join(LIB, "models/glyphs")).filter((name) => name.endsWith(".js"))) {
      if (
        /from "\.\.\/text\/math_text"|from "\.\/math_text_glyph"/.test(
          readFileSync(join(LIB, "models/glyphs", file), "utf8"),
        )
      ) {
        modules.push(`models/glyphs/${file.replace(/\.js$/, "")}`)
      }
    }
    const models = modules.flatMap((module) =>
      [...readFileSync(join(LIB, `${module}.d.ts`), "utf8").matchAll(/export declare (?:abstract )?class (\w+)/g)]
        .map(([, name]) => name!)
        .filter((name) => !name.endsWith("View")),
    )
    expect(models).toContain("TeXGlyph")
    expect([...MATH_TEXT_MODELS].sort()).toEqual(models.sort())
  })
})

describe("documentUsesMath", () => {
  const plot = (text: string) => ({
    roots: [{type: "object", name: "Div", id: "p1", attributes: {text}}],
  })

  it("is false for a document without math text models or TeX delimiters", () => {
    expect(documentUsesMath(plot("<b>widgets app</b> costs $5 (or \\$6) [a] (b)"))).toBe(false)
  })

  it("finds each TeX delimiter BokehJS recognizes, in any string", () => {
    expect(documentUsesMath(plot("energy $$E = mc^2$$"))).toBe(true)
    expect(documentUsesMath(plot("\\[x^2\\]"))).toBe(true)
    expect(documentUsesMath(plot("inline \\(x\\)"))).toBe(true)
    expect(documentUsesMath({roots: [], title: "$$"})).toBe(true)
  })

  it("finds math text models, also where they have no text yet", () => {
    for (const name of MATH_TEXT_MODELS) {
      expect(
        documentUsesMath({
          roots: [{type: "object", name: "Axis", attributes: {axis_label: {type: "object", name, id: "m"}}}],
        }),
      ).toBe(true)
    }
  })

  it("does not look inside binary buffers", () => {
    const bytes = new TextEncoder().encode("$$x$$")
    expect(documentUsesMath({roots: [{type: "object", name: "ColumnDataSource", attributes: {data: bytes}}]})).toBe(
      false,
    )
  })
})

describe("a PATCH-DOC's content", () => {
  // As Bokeh 3.9's server serializes `doc.add_root(column(DataTable(...), Slider(...), Div(text="$$x$$")))`, the
  // data source already in the document being a reference ({id}); abridged to the parts that name types.
  const patch = {
    events: [
      {
        kind: "RootAdded",
        model: {
          type: "object",
          name: "Column",
          id: "p1022",
          attributes: {
            children: [
              {
                type: "object",
                name: "DataTable",
                id: "p1014",
                attributes: {
                  source: {id: "p1008"},
                  columns: [{type: "object", name: "TableColumn", id: "p1011", attributes: {field: "a"}}],
                },
              },
              {type: "object", name: "Slider", id: "p1020", attributes: {start: 0, end: 1, value: 0}},
              {type: "object", name: "Div", id: "p1021", attributes: {text: "$$x$$"}},
            ],
          },
        },
      },
    ],
  }

  it("names the types its new models need, not the ones it only refers to", () => {
    expect([...referencedModelTypes(patch)].sort()).toEqual(["Column", "DataTable", "Div", "Slider", "TableColumn"])
  })

  it("typesets math when a new Div's text holds TeX", () => {
    expect(documentUsesMath(patch)).toBe(true)
    expect(documentUsesMath({events: [{kind: "ModelChanged", model: {id: "p1"}, attr: "text", new: "plain"}]})).toBe(
      false,
    )
  })
})
