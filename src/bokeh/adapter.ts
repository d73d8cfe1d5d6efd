/**
 * The bundled BokehJS, as one implementation of the seam (src/session/bokehjs.ts): its modules handed to the driver
 * (src/driver/), which opens the session. The only tier that imports BokehJS, loaded with `import()` because
 * BokehJS touches `window` and `document` at import time. Bokeh's snake_case stays in here; callers see camelCase.
 */
import "@bokeh/bokehjs/build/js/lib/models/main.js"
import {default_resolver} from "@bokeh/bokehjs/build/js/lib/base.js"
import {ClientConnection} from "@bokeh/bokehjs/build/js/lib/client/connection.js"
import {ClientSession} from "@bokeh/bokehjs/build/js/lib/client/session.js"
import {Document, documents} from "@bokeh/bokehjs/build/js/lib/document/document.js"
import {add_document_standalone, index as rootViews} from "@bokeh/bokehjs/build/js/lib/embed/standalone.js"
import {version as bokehJsVersion} from "@bokeh/bokehjs/build/js/lib/version.js"
import type {BokehJs} from "../session/bokehjs.js"
import type {BokehJsApi} from "../driver/bokehjs-api.js"
import {openDriverSession} from "../driver/open-session.js"
import type {ModelCode} from "../driver/prepare-models.js"
import {readPublishedModels, type PublishedModels} from "../driver/published.js"
import {appUrlOf} from "../session/url.js"
import {installBokehGlobal} from "./bokeh-global.js"
import {handOverPolicy} from "./policy-handover.js"
import {loadBundledCode} from "./load-models.js"

// The page's Trusted Types policy for BokehJS's HTML sinks and compiles, and where a refused compile is reported.
handOverPolicy()

const api: BokehJsApi = {
  version: bokehJsVersion,
  ClientConnection,
  ClientSession,
  Document,
  documents,
  resolver: default_resolver,
  render: (document, container) => add_document_standalone(document, container),
  rootViewCount: () => rootViews.roots.length,
}

/** How one connection of the bundled BokehJS loads the code its document and patches need. */
function modelCode(appUrl: string, sessionId: string, extensions: string, warn: (message: string) => void): ModelCode {
  /** What the app published (python/bokeh_session_models.py), from the first document or a later patch. */
  let published: PublishedModels | null = null
  return {
    version: bokehJsVersion,
    resolver: default_resolver,
    loadBundles: loadBundledCode,
    customEnabled: extensions !== "none",
    async loadCustom(json, missing) {
      // Read only now: most documents and patches have no custom models, and a walk of a large patch costs time.
      published = readPublishedModels(json) ?? published
      const {loadBundledExtensions} = await import("./extensions.js")
      return loadBundledExtensions(missing, {appUrl, sessionId, published, warn})
    },
  }
}

export const bundledBokehJs: BokehJs = {
  kind: "bundled",
  version: bokehJsVersion,
  openSession(options) {
    const warn = (message: string): void => {
      console.warn(`bokeh-session: ${message}`)
      options.onWarning?.(message)
    }
    return openDriverSession(
      {
        api,
        models: modelCode(appUrlOf(options.websocketUrl), options.sessionId, options.extensions ?? "auto", warn),
        // CustomJS code of any document may use `Bokeh` (Bokeh.require, Bokeh.documents, Bokeh.index): defined
        // before the first document is deserialized, as BokehJS's own bundle does when it loads.
        beforeDocument: installBokehGlobal,
      },
      options,
    )
  },
  count: () => ({documents: documents.length, rootViews: rootViews.roots.length}),
}
