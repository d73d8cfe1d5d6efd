/**
 * The driver's view (src/driver/bokehjs-api.ts) of a BokehJS that a Bokeh server's own bundle registered as
 * `Bokeh[version]`: its modules, by their path under BokehJS's lib/, through its own `require`. The module paths
 * are the same from 3.0 to 3.9; what differs before 3.4 is filled in here: the root-view index is a plain object
 * and a rendering's ViewManager has no `clear()` before 3.3 and 3.4, and a Document has no `all_models` before 3.4
 * (src/driver/live.ts reads `_all_models` then).
 */
import type {ClientConnection as Connection} from "@bokeh/bokehjs/build/js/lib/client/connection.js"
import type {ClientSession as Session} from "@bokeh/bokehjs/build/js/lib/client/session.js"
import type {Document as BokehDocument} from "@bokeh/bokehjs/build/js/lib/document/document.js"
import type {BokehJsApi, RenderedViews, TypeResolver} from "../driver/bokehjs-api.js"

/** A BokehJS UMD bundle's main object, as `bokeh.min.js` registers it. */
export interface ServerBokeh {
  readonly version: string
  require(name: string): unknown
  [key: string]: unknown
}

/** Whether `value` is a BokehJS main object of `version` (or of any release when `version` is null). */
export function isBokeh(value: unknown, version: string | null): value is ServerBokeh {
  const bokeh = value as Partial<ServerBokeh> | null | undefined
  return (
    bokeh != null &&
    typeof bokeh.require === "function" &&
    typeof bokeh.version === "string" &&
    (version == null || bokeh.version === version)
  )
}

interface View {
  model: {id: string}
  remove(): void
}

/** A rendering's views: a ViewManager, with `clear()` from 3.4 on, a `roots` Set or array before. */
interface Views {
  clear?(): void
  roots: Iterable<View>
}

/** The page-wide root views: a ViewManager behind a Proxy from 3.3 on, a plain `{[id]: View}` before. */
type RootIndex = {roots?: View[]} & Record<string, unknown>

export function apiOf(bokeh: ServerBokeh): BokehJsApi {
  const module = <T>(name: string): T => bokeh.require(name) as T
  const {ClientConnection} = module<{ClientConnection: typeof Connection}>("client/connection")
  const {ClientSession} = module<{ClientSession: typeof Session}>("client/session")
  const {Document, documents} = module<{Document: typeof BokehDocument; documents: BokehDocument[]}>(
    "document/document",
  )
  const {default_resolver} = module<{default_resolver: TypeResolver}>("base")
  const standalone = module<{
    add_document_standalone(document: BokehDocument, element: HTMLElement): Promise<Views>
    index: RootIndex
  }>("embed/standalone")
  const index = standalone.index
  return {
    version: bokeh.version,
    ClientConnection,
    ClientSession,
    Document,
    documents,
    resolver: default_resolver,
    async render(document, container) {
      return viewsOf(await standalone.add_document_standalone(document, container), index)
    },
    rootViewCount: () => (Array.isArray(index.roots) ? index.roots.length : Object.keys(index).length),
  }
}

function viewsOf(views: Views, index: RootIndex): RenderedViews {
  let cleared = false
  return {
    clear() {
      if (cleared) {
        return
      }
      cleared = true
      if (typeof views.clear === "function") {
        views.clear()
        return
      }
      // Before 3.4: remove each root view and its entry of the plain index, as BokehJS's own unrender does.
      for (const view of [...views.roots]) {
        view.remove()
        delete index[view.model.id]
      }
    },
  }
}
