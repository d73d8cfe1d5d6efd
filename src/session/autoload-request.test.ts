import {afterEach, describe, expect, it, vi} from "vitest"
import {autoloadOf} from "./autoload-request.js"

/** Answers each autoload.js request with the next of `answers`; returns the URLs asked. */
function answer(...answers: (number | "network-error")[]): string[] {
  const requested: string[] = []
  vi.stubGlobal("fetch", async (url: string | URL, init: RequestInit) => {
    requested.push(`${String(url)} ${init.credentials}`)
    const status = answers.shift() ?? 200
    if (status === "network-error") {
      throw new TypeError("Failed to fetch")
    }
    return new Response(status === 200 ? "autoload" : null, {status})
  })
  return requested
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe("autoloadOf", () => {
  it("asks for the session's autoload.js as Bokeh's embed does, without credentials", async () => {
    const requested = answer(200)
    expect(await autoloadOf("http://127.0.0.1:5006/first/", "id-1")).toBe("autoload")
    const [url, credentials] = requested[0]!.split(" ")
    expect(credentials).toBe("omit")
    const asked = new URL(url!)
    expect(`${asked.origin}${asked.pathname}`).toBe("http://127.0.0.1:5006/first/autoload.js")
    expect(Object.fromEntries(asked.searchParams)).toEqual({
      "bokeh-autoload-element": "bokeh-session",
      "bokeh-app-path": "/first/",
      "bokeh-absolute-url": "http://127.0.0.1:5006/first/",
      "bokeh-session-id": "id-1",
    })
  })

  it("asks once per app URL, also while the first answer is on its way", async () => {
    const requested = answer(200, 200)
    const [first, second] = [
      autoloadOf("http://127.0.0.1:5006/once", "a"),
      autoloadOf("http://127.0.0.1:5006/once", "b"),
    ]
    expect(await first).toBe("autoload")
    expect(await second).toBe("autoload")
    expect(requested).toHaveLength(1)
  })

  it.each([404, "network-error"] as const)("gives null for %s, and asks again the next time", async (failure) => {
    const requested = answer(failure, 200)
    expect(await autoloadOf(`http://127.0.0.1:5006/failing-${failure}`, "a")).toBeNull()
    expect(await autoloadOf(`http://127.0.0.1:5006/failing-${failure}`, "b")).toBe("autoload")
    expect(requested).toHaveLength(2)
  })
})
