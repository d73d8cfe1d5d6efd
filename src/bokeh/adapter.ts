/**
 * The adapter over BokehJS (only src/bokeh/ imports BokehJS). It is loaded with `import()` because BokehJS
 * touches `window` and `document` at import time. Bokeh's snake_case stays in here; callers see camelCase.
 */
import "@bokeh/bokehjs/build/js/lib/models/main.js"
import type {ClientSession} from "@bokeh/bokehjs/build/js/lib/client/session.js"
import {documents, type Document} from "@bokeh/bokehjs/build/js/lib/document/document.js"
import {add_document_standalone, index as rootViews} from "@bokeh/bokehjs/build/js/lib/embed/standalone.js"
import {version as bokehJsVersion} from "@bokeh/bokehjs/build/js/lib/version.js"
import type {ViewManager} from "@bokeh/bokehjs/build/js/lib/core/view_manager.js"
import {BokehSessionError} from "../core/errors.js"
import type {DisconnectInfo} from "../core/bokeh-objects.js"
import {
  appUrlOf,
  sessionRejected,
  timedOut,
  versionMismatch,
  websocketFailure,
  type FailureContext,
} from "./failures.js"
import {probeServer} from "./probe.js"
import {SdkConnection} from "./connection.js"
import {installBokehGlobal} from "./bokeh-global.js"
import {handOverPolicy} from "./policy-handover.js"
import type {SessionSocket} from "../session/session-socket.js"

export {bokehJsVersion}
export type {ClientSession, Document, DisconnectInfo}

// CustomJS code of any document may use `Bokeh` (Bokeh.require, Bokeh.documents, Bokeh.index): define it before
// the first document is deserialized, as BokehJS's own bundle does when it loads.
installBokehGlobal()
// The page's Trusted Types policy for BokehJS's HTML sinks and compiles, and where a refused compile is reported.
handOverPolicy()

export function countBokehJsObjects(): {documents: number; rootViews: number} {
  return {documents: documents.length, rootViews: rootViews.roots.length}
}

export interface OpenSessionOptions {
  websocketUrl: string
  token: string
  /** The session's websocket, opened with this URL, query and token before BokehJS loaded. */
  socket: SessionSocket
  tokenMinted: boolean
  query: string
  timeoutMs: number
  /** "none": load no custom model code (extension bundles, inline models) from the server. Default "auto". */
  extensions?: "auto" | "none"
  signal?: AbortSignal
  /** Called once when the live session's websocket closes without `close()`. */
  onDisconnect?: (info: DisconnectInfo) => void
  /** Called with a message when something works but deserves attention (a version mismatch, an ambiguous echo). */
  onWarning?: (message: string) => void
  /**
   * Called once when the live session fails after it opened (a patch brings a type nothing resolves:
   * `unknown-model`; or BokehJS throws while applying a patch: that exception). Everything is closed first.
   */
  onFatal?: (error: unknown) => void
  /** Called when an aborted connect rejects, with a promise that settles once its socket is closed. */
  onAbandoned?: (socketClosed: Promise<void>) => void
}

/** A live session. `close()` is idempotent and leaves nothing behind in BokehJS. */
export interface OpenedSession {
  readonly session: ClientSession
  readonly document: Document
  /** The Bokeh version the server reported with the document. */
  readonly serverVersion: string | null
  /** Renders the roots into `container`; a failure closes the session before it rejects. */
  render(container: HTMLElement): Promise<void>
  close(): void
}

export async function openSession(options: OpenSessionOptions): Promise<OpenedSession> {
  const {websocketUrl, token, query, timeoutMs, signal} = options
  const context: FailureContext = {websocketUrl, pageHost: location.host, tokenMinted: options.tokenMinted}
  const connection = new SdkConnection(
    websocketUrl,
    token,
    query,
    {
      enabled: options.extensions !== "none",
      appUrl: appUrlOf(websocketUrl),
      published: null,
      warn: (message) => {
        console.warn(`bokeh-session: ${message}`)
        options.onWarning?.(message)
      },
    },
    options.socket,
  )
  let serverVersion: string | null = null
  connection.onDocument = (docJson) => {
    serverVersion = docJson.version ?? null
    const warning = serverVersion == null ? null : versionMismatch(serverVersion, bokehJsVersion)
    if (warning != null) {
      console.warn(`bokeh-session: ${warning}`)
      options.onWarning?.(warning)
    }
  }
  let views: ViewManager | null = null
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
      const index = documents.indexOf(document)
      if (index !== -1) {
        documents.splice(index, 1)
      }
    }
    // A closing socket lives until its close handshake ends, and its handlers hold the connection: without this,
    // the session, the document and its models stay reachable from it for that long.
    connection.session = null
  }

  let timer: ReturnType<typeof setTimeout> | undefined
  let onAbort: (() => void) | undefined
  const stopped = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timedOut(websocketUrl, timeoutMs)), timeoutMs)
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
  let session: ClientSession
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
    // A socket the page's policy refused needs no probe (which the policy refuses too): the session code says so.
    throw options.socket.refusedByPolicy ? error : await classifyFailure(error, context)
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

  return {
    session,
    document: session.document,
    serverVersion,
    async render(container) {
      if (closed) {
        return
      }
      try {
        views = await add_document_standalone(session.document, container)
      } catch (error) {
        dispose()
        throw error
      }
      if (closed) {
        // close() ran while the views were being built, before `views` was known.
        views.clear()
      }
    },
    close: dispose,
  }
}

async function classifyFailure(error: unknown, context: FailureContext): Promise<unknown> {
  if (error instanceof BokehSessionError) {
    return error
  }
  const message = error instanceof Error ? error.message : String(error)
  if (message.startsWith("Could not open websocket")) {
    return websocketFailure(context, await probeServer(context.websocketUrl), error)
  }
  if (message.startsWith("Lost websocket connection")) {
    // The socket opened (so origin and path are right) and closed before the document: the token.
    return sessionRejected(context, message.replace(/^Lost websocket connection, /, "close code "), error)
  }
  // Not a refusal: an exception nobody anticipated, which the session code reports as `internal-error`.
  return error
}
