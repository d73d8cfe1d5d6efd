/**
 * The echo and live arguments over BokehJS models. Reads the arguments the app echoed. Live arguments
 * (docs/live-arguments.md): reads the app's live state from the echo source's
 * `tags`, hears every change of it, and sends a request by setting the request source's `tags` — one property
 * change, which BokehJS's ClientSession sends as one PATCH-DOC. Changes that come from the server are applied by
 * BokehJS without being sent back, so the app never hears its own changes again.
 */
import type {Document} from "@bokeh/bokehjs/build/js/lib/document/document.js"
import type {Model} from "@bokeh/bokehjs/build/js/lib/model.js"
import {ECHO_SOURCE_NAME, type EchoedArguments} from "../core/echo.js"
import {echoFromColumns} from "./echo-columns.js"
import type {LiveLink} from "../session/bokehjs.js"
import {parseLiveState, requestPayload, type LiveState} from "../session/live-arguments.js"

/** The name of the root model whose `tags` carry the page's requests (python/bokeh_session/live.py). */
export const REQUEST_SOURCE_NAME = "bokeh-session-request"

type ColumnSource = Model & {get_column?: (name: string) => ArrayLike<unknown> | null}

function readEcho(source: ColumnSource): EchoedArguments | null {
  return source.get_column == null ? null : echoFromColumns(source.get_column("name"), source.get_column("value"))
}

/** The models with this name, as Document.get_model_by_name finds them (it throws on a duplicate instead). */
function modelsNamed(document: Document, name: string): Model[] {
  // By name only, with no value import of BokehJS: this module ships in the session chunk, which must not load
  // BokehJS's core statically (every model of a document is a Model). Releases before 3.4 have no `all_models`.
  const all =
    (document as {all_models?: Iterable<unknown>}).all_models ??
    (document as unknown as {_all_models: Map<string, unknown>})._all_models.values()
  return [...all].filter((model) => (model as Model).name === name) as Model[]
}

/** The one model with this name, or null when there is none or several. */
function onlyModelNamed(document: Document, name: string): Model | null {
  const named = modelsNamed(document, name)
  return named.length === 1 ? named[0]! : null
}

/**
 * The arguments the app echoed (`echo_arguments(doc)`), or null when it does not echo. Two models with the echo's
 * name make it ambiguous: the session still renders, without an echo (and so without live arguments), and `warn`
 * names the duplicates.
 */
export function readDocumentEcho(document: Document, warn: (message: string) => void): EchoedArguments | null {
  const named = modelsNamed(document, ECHO_SOURCE_NAME)
  if (named.length > 1) {
    warn(
      `The document holds ${named.length} models named '${ECHO_SOURCE_NAME}' (${named.map((model) => `${model.type} ${model.id}`).join(", ")}), ` +
        `so the echo is ambiguous and is ignored: call echo_arguments(doc) once and give no other model that name.`,
    )
    return null
  }
  return named.length === 0 ? null : readEcho(named[0]!)
}

/**
 * Links to the app's live arguments, or returns null when the document says the app does not accept them.
 * `onState` gets every live state the app publishes, with the echo read then (the app sets the echo's data before
 * its tags, and one socket keeps that order).
 */
export function linkLiveArguments(
  document: Document,
  onState: (state: LiveState, echo: EchoedArguments) => void,
): LiveLink | null {
  const echoSource = onlyModelNamed(document, ECHO_SOURCE_NAME) as ColumnSource | null
  const request = onlyModelNamed(document, REQUEST_SOURCE_NAME)
  if (echoSource == null || request == null) {
    return null
  }
  const state = parseLiveState(echoSource.tags)
  const echo = readEcho(echoSource)
  if (state == null || echo == null) {
    return null
  }
  const onTags = (): void => {
    const next = parseLiveState(echoSource.tags)
    const nextEcho = readEcho(echoSource)
    if (next != null && nextEcho != null) {
      onState(next, nextEcho)
    }
  }
  const tagsChanged = echoSource.properties.tags.change
  tagsChanged.connect(onTags)
  let closed = false
  return {
    initial: {state, echo},
    send(seq, args) {
      if (!closed) {
        request.tags = [requestPayload(seq, args)]
      }
    },
    close() {
      if (!closed) {
        closed = true
        tagsChanged.disconnect(onTags)
      }
    },
  }
}
