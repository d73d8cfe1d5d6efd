// The element's views that show only once the session code runs, as the element calls them: each reads what it
// shows from the lifecycle. The first script holds the rest (element/element.ts, element/styles.ts).
import type {CSSResult, TemplateResult} from "lit"
import type {BokehSessionLabelsInput} from "../core/labels.js"
import {echoStyles, renderEchoTable as echoTable} from "./echo-table.js"
import {statusText as words} from "./labels.js"
import {loadingStyles} from "./loading.js"
import type {SessionLifecycle} from "./lifecycle.js"

export {renderLoading} from "./loading.js"

export const viewStyles: CSSResult[] = [echoStyles, loadingStyles]

/** The status line: the state's words, with the session or the reconnect attempt. */
export const statusText = (lifecycle: SessionLifecycle, labels: BokehSessionLabelsInput | null): string =>
  words(lifecycle.status, lifecycle.sessionId, lifecycle.reconnectAttempt, labels)

/** The echo table (or the no-echo note) of the session shown. */
export const renderEchoTable = (lifecycle: SessionLifecycle, labels: BokehSessionLabelsInput | null): TemplateResult =>
  echoTable(lifecycle.sent, lifecycle.echo, labels)
