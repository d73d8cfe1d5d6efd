import {BokehSessionError, type BokehSessionErrorCode} from "../core/errors.js"
import {trustedTypesBlocked} from "../core/policy-blocks.js"

/**
 * `error` as a `BokehSessionError`: one already is; a Trusted Types refusal (a page that requires them and does not
 * allow the element's policy) is the page's policy, `csp-blocked`; anything else gets `code` and the message
 * `explain` writes from its name and message, with the original as `cause`.
 */
function named(error: unknown, code: BokehSessionErrorCode, explain: (detail: string) => string): BokehSessionError {
  if (error instanceof BokehSessionError) {
    return error
  }
  const blocked = trustedTypesBlocked(error)
  if (blocked != null) {
    return blocked
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  return new BokehSessionError(code, explain(detail), {cause: error})
}

/**
 * The error as a `BokehSessionError`: anything not one already is an exception nobody anticipated (BokehJS
 * throwing, a bug here), reported as `internal-error`, never as a refused session.
 */
export function asSessionError(error: unknown): BokehSessionError {
  return named(
    error,
    "internal-error",
    (detail) =>
      `Unexpected failure (${detail}): this is a bug in bokeh-session or BokehJS. Please report it with this ` +
      `message and the error's cause (its stack); restart() tries again.`,
  )
}

/**
 * What BokehJS threw while rendering a document it had deserialized. That is BokehJS meeting models it cannot draw
 * as the app built them (a title in a plot's center, a scale bar in a unit its dimensional lacks), not a refusal and
 * not a bug here: Bokeh's own embed runs the same code on the same document and fails the same way.
 */
export function asRenderError(error: unknown): BokehSessionError {
  return named(
    error,
    "render-failed",
    (detail) =>
      `BokehJS could not render the document (${detail}). Bokeh's own embed of this app fails the same way (its ` +
      `console shows "Error rendering Bokeh items"): check how the app builds the models that the error's cause ` +
      `(its stack) names, and the Bokeh server's log for validation warnings; restart() tries again.`,
  )
}
