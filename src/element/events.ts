// The element's events, in one map: the emitter (`EmitBokehSessionEvent`), `GlobalEventHandlersEventMap`
// (define.ts), the React and Vue typings (react.ts, vue.ts) and the manifest's event types all derive from it.
import type {NormalizedArguments} from "../core/arguments.js"
import type {EchoedArguments} from "../core/echo.js"
import type {BokehSessionError} from "../core/errors.js"

export interface BokehSessionConnectingDetail {
  sessionId: string
  arguments: NormalizedArguments
}
export interface BokehSessionReadyDetail {
  sessionId: string
  arguments: NormalizedArguments
  echo: EchoedArguments | null
}
export interface BokehSessionErrorDetail {
  code: BokehSessionError["code"]
  message: string
}
export interface BokehSessionClosedDetail {
  sessionId: string
}
export interface BokehSessionDisconnectedDetail {
  sessionId: string
  /** The websocket close code (1006 when the server vanished). */
  code: number
  reason: string
}
export type BokehSessionReconnectedDetail = BokehSessionReadyDetail
export interface BokehSessionWarningDetail {
  message: string
}
export interface BokehSessionUpdatedDetail {
  sessionId: string
  /** The arguments the app now holds (live arguments: the same session, updated in place). */
  arguments: NormalizedArguments
  /** What the app echoed: the same content as `arguments`. */
  echo: EchoedArguments
  /** `page`: the element's change, accepted by the app; `server`: the app's own change. */
  source: "page" | "server"
}

/** Every event `<bokeh-session>` fires (bubbling and composed), by name. */
export interface BokehSessionEventMap {
  "bokeh-session-connecting": CustomEvent<BokehSessionConnectingDetail>
  "bokeh-session-ready": CustomEvent<BokehSessionReadyDetail>
  "bokeh-session-error": CustomEvent<BokehSessionErrorDetail>
  "bokeh-session-closed": CustomEvent<BokehSessionClosedDetail>
  "bokeh-session-disconnected": CustomEvent<BokehSessionDisconnectedDetail>
  "bokeh-session-reconnected": CustomEvent<BokehSessionReconnectedDetail>
  "bokeh-session-warning": CustomEvent<BokehSessionWarningDetail>
  "bokeh-session-updated": CustomEvent<BokehSessionUpdatedDetail>
}

export type BokehSessionEventName = keyof BokehSessionEventMap
export type BokehSessionEventDetail<Name extends BokehSessionEventName> = BokehSessionEventMap[Name]["detail"]

/** Fires one of the element's events: a misspelt name, or a detail that lacks a field, does not compile. */
export type EmitBokehSessionEvent = <Name extends BokehSessionEventName>(
  name: Name,
  detail: BokehSessionEventDetail<Name>,
) => void

/** Dispatches `name` from `target` with `detail`, bubbling and composed (it crosses shadow roots). */
export function emitBokehSessionEvent<Name extends BokehSessionEventName>(
  target: EventTarget,
  name: Name,
  detail: BokehSessionEventDetail<Name>,
): void {
  target.dispatchEvent(new CustomEvent(name, {detail, bubbles: true, composed: true}))
}
