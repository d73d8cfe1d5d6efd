// Defaults shared by the element and the lazily loaded session code, kept apart so that importing them loads
// nothing else.

/** Long enough for a slow app to build its document; far below BokehJS's own ~240 s hang on a stuck server. */
export const DEFAULT_TIMEOUT_MS = 30_000

/** Keeps trying this long after a connection loss before failing with `connection-lost`. */
export const DEFAULT_RECONNECT_TIMEOUT_MS = 5 * 60_000
