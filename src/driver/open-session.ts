/**
 * One session over one BokehJS (bokehjs-api.ts): the connection takes over the early socket, the document's model
 * code loads, BokehJS deserializes and renders it, and `close()` leaves nothing behind in that BokehJS. Both
 * implementations of the seam (src/session/bokehjs.ts) open their sessions here.
 */
import {BokehSessionError, loaded} from "../core/errors.js"
import type {OpenSessionOptions, OpenedSession} from "../session/bokehjs.js"
import {timedOut} from "../session/timed-out.js"
import type {BokehJsApi, RenderedViews} from "./bokehjs-api.js"
import {createConnection} from "./connection.js"
import type {FailureContext} from "./failures.js"
import {linkLiveArguments, readDocumentEcho} from "./live.js"
import type {ModelCode} from "./prepare-models.js"

/** What an implementation gives the driver for one connect. */
export interface DriverSetup {
  readonly api: BokehJsApi
  /** How this connection loads model code (its BokehJS's bundles, extensions, inline models). */
  readonly models: ModelCode
  /** Runs once before the document is deserialized (e.g. defines the `Bokeh` global CustomJS code uses). */
  beforeDocument?(): void
}

export async function openDriverSession(setup: DriverSetup, options: OpenSessionOptions): Promise<OpenedSession> {
  const {websocketUrl, token, query, timeoutMs, signal} = options
  const {api} = setup
  const context: FailureContext = {websocketUrl, pageHost: location.host, tokenMinted: options.tokenMinted}
  const connection = createConnection(api, websocketUrl, token, query, setup.models, options.socket)
  let serverVersion: string | null = null
  connection.onDocument = (docJson) => {
    serverVersion = docJson.version ?? null
    setup.beforeDocument?.()
  }
  let views: RenderedViews | null = null
  let closed = false
  const dispose = (): void => {
    if (closed) {
      return
    }
    closed = true
    connection.onDisconnect = null
    views?.clear()
    connection.close()
    const document = connection.session?.document
    if (document != null) {
      // BokehJS never removes documents from its global list.
      const index = api.documents.indexOf(document)
      if (index !== -1) {
        api.documents.splice(index, 1)
      }
    }
    // A closing socket lives until its close handshake ends, and its handlers hold the connection: without this,
    // the session, the document and its models stay reachable from it for that long.
    connection.session = null
  }

  let timer: ReturnType<typeof setTimeout> | undefined
  let onAbort: (() => void) | undefined
  const stopped = new Promise<never>((_, reject) => {
    // The connect's whole time counts, from before its BokehJS was chosen and loaded.
    const left = Math.max(0, timeoutMs - (performance.now() - (options.startedAt ?? performance.now())))
    timer = setTimeout(() => reject(timedOut(websocketUrl, timeoutMs)), left)
    onAbort = () => reject(signal?.reason ?? new DOMException("Aborted", "AbortError"))
    if (signal?.aborted) {
      onAbort()
    }
    signal?.addEventListener("abort", onAbort, {once: true})
  })
  // A patch can fail while connect() is still settling: hold the error until the session is handed over.
  let fatal: {error: unknown} | null = null
  let handedOver = false
  connection.onFatal = (error) => {
    if (!handedOver) {
      fatal = {error}
      return
    }
    console.error("bokeh-session: the live session failed and was closed:", error)
    dispose()
    options.onFatal?.(error)
  }
  let session: NonNullable<typeof connection.session>
  try {
    session = await Promise.race([connection.connect(), stopped])
  } catch (error) {
    dispose()
    if (signal?.aborted) {
      // The caller hears of the abort at once; the socket closes when the server answers (see SdkConnection.close),
      // and a caller that must not race it (the lifecycle's next connect) waits for this.
      options.onAbandoned?.(connection.closed)
      throw error
    }
    throw await classifyFailure(error, context)
  } finally {
    clearTimeout(timer)
    if (onAbort != null) {
      signal?.removeEventListener("abort", onAbort)
    }
  }
  // From here on the socket, the server session and the Document exist: whatever fails closes them all.
  const failed = fatal as {error: unknown} | null
  if (failed != null) {
    dispose()
    throw failed.error
  }
  handedOver = true
  if (options.onDisconnect != null) {
    connection.onDisconnect = options.onDisconnect
  }
  const document = session.document
  return {
    session,
    document,
    serverVersion,
    bokehJsVersion: api.version,
    async render(container) {
      if (closed) {
        return
      }
      try {
        views = await api.render(document, container)
      } catch (error) {
        dispose()
        throw error
      }
      if (closed) {
        // close() ran while the views were being built, before `views` was known.
        views.clear()
      }
    },
    readEcho: (warn) => readDocumentEcho(document, warn),
    linkLiveArguments: (onState) => linkLiveArguments(document, onState),
    close: dispose,
  }
}

async function classifyFailure(error: unknown, context: FailureContext): Promise<unknown> {
  if (error instanceof BokehSessionError) {
    return error
  }
  const message = error instanceof Error ? error.message : String(error)
  if (message.startsWith("Could not open websocket")) {
    const {probeServer, websocketFailure} = await loaded(import("./failure-code.js"))
    return websocketFailure(context, await probeServer(context.websocketUrl), error)
  }
  if (message.startsWith("Lost websocket connection")) {
    // The socket opened (so origin and path are right) and closed before the document: the token.
    const {sessionRejected} = await loaded(import("./failure-code.js"))
    return sessionRejected(context, message.replace(/^Lost websocket connection, /, "close code "), error)
  }
  // Not a refusal: an exception nobody anticipated, which the session code reports as `internal-error`.
  return error
}
