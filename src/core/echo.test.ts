import {describe, expect, it} from "vitest"
import {compareEcho, echoSpace} from "./echo.js"

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

describe("echoSpace", () => {
  it("counts one row per name sent and one line per value, at least one (a name with no values shows 'none')", () => {
    expect(echoSpace({N: ["10"], k: ["a", "b", "c"], empty: []})).toBe("--rows:3;--lines:5")
  })

  it("reserves no rows when nothing is sent or the arguments are invalid", () => {
    expect(echoSpace({})).toBe("--rows:0;--lines:0")
    expect(echoSpace(null)).toBe("--rows:0;--lines:0")
  })
})
