/**
 * The code that names a failure (src/driver/failures.ts) and the probe it asks, in a chunk of its own: a session
 * needs it only once something failed, so it stays out of the session code every connect loads. Imported as
 * `loaded(import("./failure-code.js"))`.
 */
export {earlyFailure} from "./early-failure.js"
export {sessionRejected, unknownModels, websocketFailure} from "./failures.js"
export {probeServer} from "./probe.js"
