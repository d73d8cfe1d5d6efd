/**
 * The parts of one BokehJS that the driver uses, handed to it as values: the bundled BokehJS's modules
 * (src/bokeh/), or what a Bokeh server's own bundle registered as `Bokeh[version]` (src/server-bokehjs/). The
 * driver imports BokehJS's types only, never its code, so it runs over either. Typed by the bundled BokehJS's
 * declarations; the other 3.x releases have the same shape where the driver uses it (their ClientConnection
 * internals are read in connection.ts), and the server implementation fills the gaps older releases have.
 */
import type {ClientConnection} from "@bokeh/bokehjs/build/js/lib/client/connection.js"
import type {ClientSession} from "@bokeh/bokehjs/build/js/lib/client/session.js"
import type {Document} from "@bokeh/bokehjs/build/js/lib/document/document.js"

/** What resolves type names: BokehJS's default resolver, or a document's (which adds the document's `defs`). */
export interface TypeResolver {
  get(name: string): unknown
}

/** The views one rendering of a document made. */
export interface RenderedViews {
  /** Removes the views (and their root-view index entries). Idempotent. */
  clear(): void
}

export interface BokehJsApi {
  /** The release, as BokehJS reports it (`Bokeh.version`). */
  readonly version: string
  readonly ClientConnection: typeof ClientConnection
  readonly ClientSession: typeof ClientSession
  readonly Document: typeof Document
  /** BokehJS's page-wide list of documents, which it never shrinks by itself. */
  readonly documents: Document[]
  /** BokehJS's default resolver: every model type its loaded bundles registered. */
  readonly resolver: TypeResolver
  /** `add_document_standalone(document, container)`. */
  render(document: Document, container: HTMLElement): Promise<RenderedViews>
  /** How many root views BokehJS's page-wide index holds. */
  rootViewCount(): number
}
