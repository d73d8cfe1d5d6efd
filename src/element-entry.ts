// The class-only entry (`bokeh-session/element`): the whole API with no side effects. Nothing is registered;
// call `defineBokehSession("my-tag")` (or `customElements.define`) yourself. The package entry re-exports this
// file and registers `<bokeh-session>`, so a name added here reaches both.
export {BokehSessionElement} from "./element.js"
export type {
  BokehSessionStatus,
  BokehSessionConnectingDetail,
  BokehSessionReadyDetail,
  BokehSessionErrorDetail,
  BokehSessionClosedDetail,
  BokehSessionDisconnectedDetail,
  BokehSessionReconnectedDetail,
  BokehSessionWarningDetail,
} from "./element.js"
export {defineBokehSession, DEFAULT_TAG_NAME} from "./define.js"
export {pullSession} from "./lazy.js"
export {DEFAULT_TIMEOUT_MS} from "./defaults.js"
export type {PullSessionOptions, PulledSession, TokenProvider, TokenRequest, DisconnectInfo} from "./pull-session.js"
export {BokehSessionError, isBokehSessionError} from "./errors.js"
export type {BokehSessionErrorCode} from "./errors.js"
export {encodeArguments, normalizeArguments, parseArgumentsAttribute} from "./arguments.js"
export type {ArgumentValue, SessionArguments, NormalizedArguments} from "./arguments.js"
export {ECHO_SOURCE_NAME, compareEcho} from "./echo.js"
export type {EchoedArguments, EchoComparisonRow} from "./echo.js"
export {inspectBokehJs} from "./diagnostics.js"
export type {BokehJsCounts} from "./diagnostics.js"
