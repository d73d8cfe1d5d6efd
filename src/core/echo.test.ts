import {describe, expect, it} from "vitest"
import {compareEcho, echoFromColumns, echoMark} from "./echo.js"

describe("echoFromColumns", () => {
  it("groups rows by name, keeping value order", () => {
    expect(echoFromColumns(["k", "N", "k"], ["1", "10", "2"])).toEqual({k: ["1", "2"], N: ["10"]})
  })

  it("returns null when the columns break the contract", () => {
    expect(echoFromColumns(null, [])).toBeNull()
    expect(echoFromColumns(["a"], [])).toBeNull()
    expect(echoFromColumns(["a"], [1])).toBeNull()
  })

  it("gives an empty echo for an app that received nothing", () => {
    expect(echoFromColumns([], [])).toEqual({})
  })
})

describe("compareEcho", () => {
  it("marks equal, different, missing and unexpected names", () => {
    const rows = compareEcho(
      {same: ["1"], differ: ["a", "b"], lost: ["x"], none: []},
      {same: ["1"], differ: ["a"], extra: ["y"]},
    )
    expect(rows).toEqual([
      {name: "same", sent: ["1"], received: ["1"], matches: true},
      {name: "differ", sent: ["a", "b"], received: ["a"], matches: false},
      {name: "lost", sent: ["x"], received: null, matches: false},
      {name: "none", sent: [], received: null, matches: true},
      {name: "extra", sent: [], received: ["y"], matches: false},
    ])
  })
})

describe("echoMark", () => {
  it("says same, differs, not received or not sent", () => {
    const rows = compareEcho(
      {same: ["1"], differ: ["a", "b"], lost: ["x"], none: []},
      {same: ["1"], differ: ["a"], extra: ["y"]},
    )
    expect(rows.map((row) => [row.name, echoMark(row)])).toEqual([
      ["same", "✓ same"],
      ["differ", "✗ differs"],
      ["lost", "✗ not received"],
      ["none", "✓ same"],
      ["extra", "✗ not sent"],
    ])
  })
})
