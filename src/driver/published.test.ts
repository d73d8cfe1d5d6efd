import {describe, expect, test} from "vitest"
import {MODELS_SOURCE_NAME, packageOf, readPublishedModels} from "./published.js"

/** A document as Bokeh's server sends it: the published source among the roots, its columns in Bokeh's map form. */
function documentWith(columns: [string, unknown[]][]): unknown {
  return {
    version: "3.9.2",
    roots: [
      {type: "object", name: "acc_pkg_ext.Hello", id: "p1", attributes: {text: "x"}},
      {
        type: "object",
        name: "ColumnDataSource",
        id: "p2",
        attributes: {
          name: MODELS_SOURCE_NAME,
          selected: {type: "object", name: "Selection", id: "p3"},
          data: {type: "map", entries: columns},
        },
      },
    ],
  }
}

describe("readPublishedModels", () => {
  test("reads extensions by package and inline code, from Bokeh's map encoding", () => {
    const published = readPublishedModels(
      documentWith([
        ["kind", ["extension", "extension", "inline"]],
        ["name", ["acc_pkg_ext", "panel", "inline"]],
        [
          "source",
          ["static/extensions/acc_pkg_ext/acc_pkg_ext.min.js", "static/extensions/panel/panel.min.js?v=ab", "code();"],
        ],
        ["bokeh_version", ["3.9.2", "", "3.9.2"]],
      ]),
    )
    expect(published).not.toBeNull()
    expect([...published!.extensions]).toEqual([
      ["acc_pkg_ext", {path: "static/extensions/acc_pkg_ext/acc_pkg_ext.min.js", bokehVersion: "3.9.2"}],
      ["panel", {path: "static/extensions/panel/panel.min.js?v=ab", bokehVersion: ""}],
    ])
    expect(published!.inline).toEqual(["code();"])
  })

  test("reads columns given as a plain object, and skips rows that are not strings", () => {
    const doc = {
      roots: [
        {
          type: "object",
          name: "ColumnDataSource",
          id: "p2",
          attributes: {
            name: MODELS_SOURCE_NAME,
            data: {kind: ["inline", "extension"], name: ["inline", "x"], source: [42, "static/extensions/x/x.js"]},
          },
        },
      ],
    }
    const published = readPublishedModels(doc)
    expect(published!.inline).toEqual([])
    expect([...published!.extensions]).toEqual([["x", {path: "static/extensions/x/x.js", bokehVersion: ""}]])
  })

  test("is null for a document without the published source, or with a source of another name", () => {
    expect(readPublishedModels({roots: []})).toBeNull()
    const other = {
      roots: [{type: "object", name: "ColumnDataSource", id: "p1", attributes: {name: "bokeh-session-echo"}}],
    }
    expect(readPublishedModels(other)).toBeNull()
  })
})

describe("packageOf", () => {
  test("is the first segment of a qualified model name, as Bokeh's embed takes it", () => {
    expect(packageOf("acc_pkg_ext.Hello")).toBe("acc_pkg_ext")
    expect(packageOf("panel.models.layout.Column")).toBe("panel")
  })

  test("is null for names without a package, and for segments that are not Python package names", () => {
    expect(packageOf("InlineHello")).toBeNull()
    expect(packageOf("../evil.Model")).toBeNull()
    expect(packageOf("a/b.Model")).toBeNull()
    expect(packageOf("%2e%2e.Model")).toBeNull()
  })
})
