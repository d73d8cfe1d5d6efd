import {describe, expect, it} from "vitest"
import {BokehSessionError} from "../core/errors.js"
import {asRenderError, asSessionError} from "./internal-error.js"

describe("asSessionError", () => {
  it("keeps a BokehSessionError and reports anything else as internal-error, with the original as cause", () => {
    const named = new BokehSessionError("timeout", "slow")
    expect(asSessionError(named)).toBe(named)
    const thrown = new TypeError("x is undefined")
    expect(asSessionError(thrown)).toMatchObject({code: "internal-error", cause: thrown})
  })
})

describe("asRenderError", () => {
  it("reports what BokehJS threw while rendering as render-failed: the document, as under Bokeh's embed", () => {
    const thrown = new TypeError("Cannot destructure property 'bbox' of 'this.layout' as it is undefined.")
    const error = asRenderError(thrown)
    expect(error).toBeInstanceOf(BokehSessionError)
    expect(error).toMatchObject({code: "render-failed", cause: thrown})
    expect(error.message).toBe(
      "BokehJS could not render the document (TypeError: Cannot destructure property 'bbox' of 'this.layout' as " +
        `it is undefined.). Bokeh's own embed of this app fails the same way (its console shows "Error rendering ` +
        `Bokeh items"): check how the app builds the models that the error's cause (its stack) names, and the ` +
        "Bokeh server's log for validation warnings; restart() tries again.",
    )
  })

  it("keeps an error bokeh-session already named (a load that failed while rendering)", () => {
    const named = new BokehSessionError("load-failed", "could not fetch")
    expect(asRenderError(named)).toBe(named)
  })
})
