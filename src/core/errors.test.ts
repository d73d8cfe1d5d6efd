import {describe, expect, it} from "vitest"
import {BokehSessionError, loaded} from "./errors.js"

describe("loaded", () => {
  it("passes a loaded module through", async () => {
    const module = {answer: 42}
    expect(await loaded(Promise.resolve(module))).toBe(module)
  })

  it("turns a failed import into load-failed, naming the file and the fix, with the browser's error as cause", async () => {
    const failure = new TypeError(
      "Failed to fetch dynamically imported module: https://example.org/assets/chunks/lifecycle-AbC123.js",
    )
    const error = await loaded(Promise.reject(failure)).catch((error: unknown) => error)
    expect(error).toBeInstanceOf(BokehSessionError)
    expect(error).toMatchObject({
      code: "load-failed",
      message:
        "TypeError: Failed to fetch dynamically imported module: " +
        "https://example.org/assets/chunks/lifecycle-AbC123.js: reload the page (restart() fetches it again only in " +
        "a browser that does not keep failed module loads until a reload).",
      cause: failure,
    })
  })
})
