import {describe, expect, it} from "vitest"
import {echoFromColumns} from "./echo-columns.js"

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
