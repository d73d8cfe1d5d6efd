import {BokehSessionError} from "../core/errors.js"
import {trustedTypesBlocked} from "../core/policy-blocks.js"

/**
 * The error as a `BokehSessionError`: one already is; anything else is an exception nobody anticipated (BokehJS
 * throwing, a bug here), reported as `internal-error` with the original as `cause`, never as a refused session.
 * A Trusted Types refusal (a page that requires them and does not allow the element's policy) is `csp-blocked`.
 */
export function asSessionError(error: unknown): BokehSessionError {
  if (error instanceof BokehSessionError) {
    return error
  }
  const blocked = trustedTypesBlocked(error)
  if (blocked != null) {
    return blocked
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
  return new BokehSessionError(
    "internal-error",
    `Unexpected failure (${detail}): this is a bug in bokeh-session or BokehJS. Please report it with this ` +
      `message and the error's cause (its stack); restart() tries again.`,
    {cause: error},
  )
}
