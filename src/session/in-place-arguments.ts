/**
 * Live arguments as the lifecycle uses them (docs/live-arguments.md): whether the running session can take the
 * element's new arguments in place, asking it to, and what the element shows and fires as the app answers.
 */
import {normalizeArguments, type NormalizedArguments} from "../core/arguments.js"
import type {EchoedArguments} from "../core/echo.js"
import {BokehSessionError} from "../core/errors.js"
import type {ArgumentsChange, PulledSession} from "./pull-session.js"
import type {SessionHost, SessionInputs} from "./session-host.js"

/**
 * The arguments that `session` can take in place from `inputs`, or null when a new session is needed instead: its
 * app does not accept live arguments, a token is involved (a signed session id carries signed arguments), or the
 * arguments are invalid (a new connect reports them, exactly as without live arguments).
 */
export function argumentsInPlace(session: PulledSession, inputs: SessionInputs): NormalizedArguments | null {
  if (!session.live || inputs.tokenProvider != null || (inputs.token != null && inputs.token !== "")) {
    return null
  }
  try {
    return normalizeArguments(inputs.arguments)
  } catch {
    return null
  }
}

/** What the element shows of a session's arguments (the lifecycle's fields). */
export interface ShownArguments {
  sent: NormalizedArguments | null
  echo: EchoedArguments | null
  error: BokehSessionError | null
}

/** One element's in-place changes: the requests to its live sessions, and the answers. */
export class InPlaceArguments {
  #shown: ShownArguments
  #host: SessionHost
  #isCurrent: (session: PulledSession) => boolean
  /** The latest change asked for (only its refusal is reported), and how many are unanswered. */
  #ticket = 0
  #unanswered = 0

  /** `isCurrent`: the session is still the one the element shows (an answer from another is ignored). */
  constructor(shown: ShownArguments, host: SessionHost, isCurrent: (session: PulledSession) => boolean) {
    this.#shown = shown
    this.#host = host
    this.#isCurrent = isCurrent
  }

  /** Asks the live session `current` for `args`; if the app refuses the latest ask, the element shows what it kept. */
  request(current: PulledSession, args: NormalizedArguments): void {
    const ticket = ++this.#ticket
    this.#unanswered++
    this.#shown.sent = args
    this.#host.changed()
    const answered = (): boolean => {
      this.#unanswered--
      return ticket === this.#ticket && this.#isCurrent(current)
    }
    current.updateArguments(args).then(answered, (error: unknown) => {
      if (!answered() || !(error instanceof BokehSessionError) || error.code !== "update-rejected") {
        return
      }
      // The element shows what the app holds: its arguments go back to the echo.
      const kept = current.arguments
      this.#shown.error = error
      this.#shown.sent = kept
      this.#host.argumentsChanged(kept)
      this.#host.changed()
      this.#host.emit("bokeh-session-error", {code: error.code, message: error.message})
    })
  }

  /** The echo of the current live session shows new arguments: the element's change accepted, or the app's own. */
  changed(session: PulledSession, change: ArgumentsChange): void {
    this.#shown.echo = change.arguments
    if (change.source === "page") {
      this.#shown.error = null
    } else if (this.#unanswered === 0) {
      // The element's own pending change, if any, is applied after the app's and wins: keep showing it.
      this.#shown.sent = change.arguments
      this.#host.argumentsChanged(change.arguments)
    }
    this.#host.changed()
    this.#host.emit("bokeh-session-updated", {
      sessionId: session.sessionId,
      arguments: change.arguments,
      echo: change.arguments,
      source: change.source,
    })
  }
}
