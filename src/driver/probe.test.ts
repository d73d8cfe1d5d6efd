import {afterEach, describe, expect, it, vi} from "vitest"
import {probeServer} from "./probe.js"

const WEBSOCKET_URL = "ws://127.0.0.1:5006/echo/ws"

/** Answers the probe's two requests: the app's autoload.js, then the server's root. */
function answer(autoload: number | "network-error", root: "opaque" | "network-error" = "opaque"): string[] {
  const requested: string[] = []
  vi.stubGlobal("fetch", async (url: string | URL, init: RequestInit) => {
    requested.push(`${init.method} ${String(url)} ${init.mode ?? "cors"}`)
    const status = String(url).endsWith("/autoload.js") ? autoload : root
    if (status === "network-error") {
      throw new TypeError("Failed to fetch")
    }
    return status === "opaque" ? Response.error() : new Response(null, {status})
  })
  return requested
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe("probeServer", () => {
  it("counts only Bokeh's own answer to a HEAD of autoload.js, 405, as the app", async () => {
    const requested = answer(405)
    expect(await probeServer(WEBSOCKET_URL)).toBe("app-exists")
    expect(requested).toEqual(["HEAD http://127.0.0.1:5006/echo/autoload.js cors"])
  })

  it.each([404, 502, 200, 403])("reports a readable %i as not Bokeh's, with its status", async (status) => {
    answer(status)
    expect(await probeServer(WEBSOCKET_URL)).toEqual({notBokeh: status})
  })

  it("asks the root, without CORS, when autoload.js gives no readable answer", async () => {
    const requested = answer("network-error")
    expect(await probeServer(WEBSOCKET_URL)).toBe("server-answers")
    expect(requested[1]).toBe("HEAD http://127.0.0.1:5006/ no-cors")
  })

  it("says no answer when neither request gets one", async () => {
    answer("network-error", "network-error")
    expect(await probeServer(WEBSOCKET_URL)).toBe("no-answer")
  })
})
