/** What the lifecycle and its element say to each other: the inputs it reads, the host it reports to, its status. */
import type {ArgumentsInput, NormalizedArguments} from "../core/arguments.js"
import type {EmitBokehSessionEvent} from "../element/events.js"
import type {TokenProvider} from "./plan.js"

export type BokehSessionStatus = "idle" | "connecting" | "connected" | "reconnecting" | "closed" | "error"

export interface SessionInputs {
  url: string | null
  arguments: ArgumentsInput
  token: string | null
  tokenProvider: TokenProvider | null
  timeout: number | null
  reconnectTimeout: number | null
  extensions?: string | null
  /** Display attributes, read here only to warn about unknown values. */
  chrome?: string | null
  loading?: string | null
  bokehjs?: string | null
}

/** How the lifecycle reaches its element. */
export interface SessionHost {
  /** The element's inputs now (re-read for every attempt). */
  inputs(): SessionInputs
  /** A fresh, attached container for one session's roots: a new session renders beside the last, then replaces it. */
  createRootsContainer(): Promise<HTMLElement>
  /** Something shown changed (status, echo, error). */
  changed(): void
  /** Fires one of the element's events (a misspelt name or a missing detail field does not compile). */
  emit: EmitBokehSessionEvent
  /**
   * The arguments in force changed in the running session (the app changed them, or refused the element's change
   * and kept its own): the element's `arguments` follow, without a new session.
   */
  argumentsChanged(args: NormalizedArguments): void
}
