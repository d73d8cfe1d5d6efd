/**
 * The adapter over BokehJS (only src/bokeh/ imports BokehJS). It is loaded with `import()` because BokehJS
 * touches `window` and `document` at import time. Bokeh's snake_case stays in here; callers see camelCase.
 */
import "@bokeh/bokehjs/build/js/lib/models/main"
import {ClientConnection} from "@bokeh/bokehjs/build/js/lib/client/connection"
import type {ClientSession} from "@bokeh/bokehjs/build/js/lib/client/session"
import {Document, documents} from "@bokeh/bokehjs/build/js/lib/document/document"
import {add_document_standalone, index as rootViews} from "@bokeh/bokehjs/build/js/lib/embed/standalone"
import {version as bokehJsVersion} from "@bokeh/bokehjs/build/js/lib/version"
import type {ViewManager} from "@bokeh/bokehjs/build/js/lib/core/view_manager"
import {BokehSessionError} from "../errors.js"
import {ECHO_SOURCE_NAME, echoFromColumns, type EchoedArguments} from "../echo.js"
import {loadModelsFor} from "./load-models.js"

export {bokehJsVersion}

export function countBokehJsObjects(): {documents: number; rootViews: number} {
  return {documents: documents.length, rootViews: rootViews.roots.length}
}
export type {ClientSession, Document}

/**
 * A ClientConnection that can be closed before its session exists (BokehJS's `close()` throws then) and that
 * loads the model code a document needs before BokehJS deserializes it.
 */
class SdkConnection extends ClientConnection {
  protected override async _pull_doc_json(): ReturnType<ClientConnection["_pull_doc_json"]> {
    const reply = await super._pull_doc_json()
    await loadModelsFor(reply.doc_json)
    return reply
  }

  override close(): void {
    if (this.session != null) {
      super.close()
    } else if (!this.closed_permanently) {
      this.closed_permanently = true
      this.socket?.close(1000, "closed by bokeh-session")
    }
  }
}

export interface OpenSessionOptions {
  websocketUrl: string
  token: string
  query: string
  timeoutMs: number
  signal?: AbortSignal
}

/** A live session. `close()` is idempotent and leaves nothing behind in BokehJS. */
export interface OpenedSession {
  readonly session: ClientSession
  readonly document: Document
  readEcho(): EchoedArguments | null
  render(container: HTMLElement): Promise<void>
  close(): void
}

export async function openSession(options: OpenSessionOptions): Promise<OpenedSession> {
  const {websocketUrl, token, query, timeoutMs, signal} = options
  const connection = new SdkConnection(websocketUrl, token, query)
  let views: ViewManager | null = null
  let closed = false
  const dispose = (): void => {
    if (closed) {
      return
    }
    closed = true
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
  }

  let timer: ReturnType<typeof setTimeout> | undefined
  let onAbort: (() => void) | undefined
  const stopped = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(
        new BokehSessionError(
          "timeout",
          `No document from ${websocketUrl} within ${timeoutMs} ms: the server is busy, stuck, or the app takes ` +
            `longer to build; raise the timeout attribute if the app is just slow.`,
        ),
      )
    }, timeoutMs)
    onAbort = () => reject(signal?.reason ?? new DOMException("Aborted", "AbortError"))
    if (signal?.aborted) {
      onAbort()
    }
    signal?.addEventListener("abort", onAbort, {once: true})
  })
  let session: ClientSession
  try {
    session = await Promise.race([connection.connect(), stopped])
  } catch (error) {
    dispose()
    throw classifyFailure(error, websocketUrl)
  } finally {
    clearTimeout(timer)
    if (onAbort != null) {
      signal?.removeEventListener("abort", onAbort)
    }
  }

  return {
    session,
    document: session.document,
    readEcho() {
      const source = session.document.get_model_by_name(ECHO_SOURCE_NAME) as
        | {get_column?: (name: string) => ArrayLike<unknown> | null}
        | null
      if (source?.get_column == null) {
        return null
      }
      return echoFromColumns(source.get_column("name"), source.get_column("value"))
    },
    async render(container) {
      if (closed) {
        return
      }
      views = await add_document_standalone(session.document, container)
      if (closed) {
        // close() ran while the views were being built, before `views` was known.
        views.clear()
      }
    },
    close: dispose,
  }
}

function classifyFailure(error: unknown, websocketUrl: string): unknown {
  if (error instanceof BokehSessionError || (error instanceof DOMException && error.name === "AbortError")) {
    return error
  }
  const message = error instanceof Error ? error.message : String(error)
  if (message.startsWith("Could not open websocket")) {
    return new BokehSessionError(
      "unreachable",
      `Could not open the websocket ${websocketUrl}: check that \`bokeh serve\` is running there, that the app ` +
        `path is right, and that it allows this page's origin with --allow-websocket-origin=${location.host}.`,
      {cause: error},
    )
  }
  if (message.startsWith("Lost websocket connection")) {
    return new BokehSessionError(
      "session-rejected",
      `The server opened the websocket ${websocketUrl}, then closed it before sending the document (${message}): ` +
        `the token may be expired or invalid, or the server signs session ids (BOKEH_SIGN_SESSIONS) and needs a ` +
        `token from your backend in the token attribute.`,
      {cause: error},
    )
  }
  return new BokehSessionError("session-rejected", `The session could not be opened: ${message}`, {cause: error})
}
