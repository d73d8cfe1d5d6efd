// The class-only entry (`bokeh-session/element`): the whole API with no side effects. Nothing is registered;
// call `defineBokehSession("my-tag")` (or `customElements.define`) yourself. The package entry re-exports this
// file and registers `<bokeh-session>`, so a name added here reaches both.
export {BokehSessionElement} from "./element/element.js"
export type {BokehSessionStatus} from "./element/element.js"
export type {
  BokehSessionEventMap,
  BokehSessionConnectingDetail,
  BokehSessionReadyDetail,
  BokehSessionErrorDetail,
  BokehSessionClosedDetail,
  BokehSessionDisconnectedDetail,
  BokehSessionReconnectedDetail,
  BokehSessionWarningDetail,
  BokehSessionUpdatedDetail,
} from "./element/events.js"
export {defineBokehSession, DEFAULT_TAG_NAME} from "./element/define.js"
export {pullSession} from "./element/loaders.js"
export {DEFAULT_TIMEOUT_MS} from "./core/defaults.js"
export type {
  PullSessionOptions,
  PulledSession,
  TokenProvider,
  TokenRequest,
  DisconnectInfo,
  ArgumentsChange,
} from "./session/pull-session.js"
export {BokehSessionError, isBokehSessionError} from "./core/errors.js"
export type {BokehSessionErrorCode} from "./core/errors.js"
export {encodeArguments, normalizeArguments, parseArgumentsAttribute} from "./core/arguments.js"
export type {ArgumentValue, SessionArguments, NormalizedArguments} from "./core/arguments.js"
export type {BokehSessionLabels, BokehSessionLabelsInput} from "./core/labels.js"
export {ECHO_SOURCE_NAME, compareEcho} from "./core/echo.js"
export type {EchoedArguments, EchoComparisonRow} from "./core/echo.js"
export {inspectBokehJs} from "./element/loaders.js"
export type {BokehJsCounts} from "./element/loaders.js"
