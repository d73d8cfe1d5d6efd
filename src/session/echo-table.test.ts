import {describe, expect, it} from "vitest"
import {compareEcho} from "../core/echo.js"
import {echoVerdict} from "./echo-table.js"
import {DEFAULT_LABELS, label, statusText} from "./labels.js"

describe("echoVerdict", () => {
  it("says same, differs, not received or not sent", () => {
    const rows = compareEcho(
      {same: ["1"], differ: ["a", "b"], lost: ["x"], none: []},
      {same: ["1"], differ: ["a"], extra: ["y"]},
    )
    expect(rows.map((row) => [row.name, label(null, echoVerdict(row))])).toEqual([
      ["same", "✓ same"],
      ["differ", "✗ differs"],
      ["lost", "✗ not received"],
      ["none", "✓ same"],
      ["extra", "✗ not sent"],
    ])
  })
})

describe("labels", () => {
  it("takes the page's words where given, the defaults elsewhere", () => {
    const german = {connected: "Verbunden", session: "Sitzung {id}…", same: "✓ gleich"}
    expect(statusText("connected", "0123456789abcdef", 0, german)).toBe("Verbunden (Sitzung 01234567…)")
    expect(statusText("connecting", "0123456789abcdef", 0, german)).toBe("Connecting… (Sitzung 01234567…)")
    expect(label(german, "same")).toBe("✓ gleich")
    expect(label(german, "differs")).toBe(DEFAULT_LABELS.differs)
  })

  it("numbers the reconnect attempts, and shows no session before one is minted", () => {
    expect(statusText("reconnecting", "0123456789abcdef", 0, null)).toBe("Connection lost, reconnecting…")
    expect(statusText("reconnecting", "0123456789abcdef", 3, {attempt: "Versuch {n}"})).toBe(
      "Connection lost, reconnecting… (Versuch 3)",
    )
    expect(statusText("connecting", null, 0, null)).toBe("Connecting…")
    expect(statusText("closed", "0123456789abcdef", 0, null)).toBe("Closed")
  })

  it("ignores what is not a string (a framework's undefined, a number)", () => {
    expect(label({closed: undefined, idle: 3 as unknown as string}, "closed")).toBe("Closed")
    expect(label({idle: 3 as unknown as string}, "idle")).toBe("Not connected")
  })
})
