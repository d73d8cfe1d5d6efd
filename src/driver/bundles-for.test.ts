import {describe, expect, it} from "vitest"
import {bundlesFor} from "./models.js"

describe("bundlesFor", () => {
  it("needs nothing for a plot", () => {
    expect(bundlesFor(["Figure", "GlyphRenderer", "Circle", "ColumnDataSource"])).toEqual([])
  })

  it("needs the widgets for a widget, and the tables with the widgets for a table", () => {
    expect(bundlesFor(["Column", "Div", "Slider"])).toEqual(["widgets"])
    expect(bundlesFor(["Column", "TableColumn"])).toEqual(["widgets", "tables"])
    expect(bundlesFor(new Set(["Div", "DataTable"]))).toEqual(["widgets", "tables"])
  })
})
