/**
 * The Bokeh server's own BokehJS, as one implementation of the seam (src/session/bokehjs.ts): its bokeh.min.js
 * and, as the document needs them, its widgets, tables, gl and mathjax bundles, loaded from that server (where its
 * autoload.js says), driven through `Bokeh[version]` and its `require` by the same driver as the bundled BokehJS
 * (src/driver/). Used for servers of another release than the bundled BokehJS's (`bokehjs="auto"`), or always
 * (`bokehjs="server"`). Nothing here imports the bundled BokehJS.
 */
import {appUrlOf} from "../session/url.js"
import type {BokehJs} from "../session/bokehjs.js"
import {openDriverSession} from "../driver/open-session.js"
import {bundlesFor} from "../driver/models.js"
import {preloadScript} from "../driver/scripts.js"
import {apiOf, type ServerBokeh} from "./api.js"
import {fixLeaks} from "./leak-fixes.js"
import {loadServerBokehJs} from "./load.js"
import {serverModelCode} from "./model-code.js"
import {defineBokehGlobal} from "./page-global.js"
import {bundleUrls, conventionalUrl, rememberUrls, rememberedUrls, rememberedUse} from "./resources.js"

export interface ServerBokehJsRequest {
  /** The app URL, normalized. */
  appUrl: string
  /** The server's release, as its document states it; null before the document (`bokehjs="server"`). */
  version: string | null
  sessionId: string
  /** Settles true once the session exists on the server (its ACK), false when the socket closed first. */
  answered: Promise<boolean>
  /** The model types the document names, as the early socket heard them: their bundles load with the core. */
  types?: ReadonlySet<string>
}

/** One implementation per loaded BokehJS. */
const implementations = new WeakMap<ServerBokeh, BokehJs>()

/** The server's own BokehJS for the session of `request`, loaded. Rejects with `load-failed`. */
export async function serverBokehJs(request: ServerBokehJsRequest): Promise<BokehJs> {
  const {appUrl, version} = request
  const urls = await bundleUrls(appUrl, version, request.sessionId, request.answered)
  // The widget and table bundles the document needs download with the core, not once it has run and found their
  // models missing (they run after it: src/server-bokehjs/model-code.ts).
  for (const name of bundlesFor(request.types ?? [])) {
    const url = urls[name]
    if (url != null) {
      preloadScript(url)
    }
  }
  const bokeh = await loadServerBokehJs(urls.core ?? conventionalUrl(appUrl, "core"), version)
  rememberUrls(appUrl, version ?? bokeh.version, urls)
  let implementation = implementations.get(bokeh)
  if (implementation == null) {
    implementation = implement(bokeh)
    implementations.set(bokeh, implementation)
  }
  return implementation
}

function implement(bokeh: ServerBokeh): BokehJs {
  const api = apiOf(bokeh)
  fixLeaks(bokeh)
  return {
    kind: "server",
    version: bokeh.version,
    async openSession(options) {
      const appUrl = appUrlOf(options.websocketUrl)
      const known = rememberedUrls(appUrl, null)
      const urls = known ?? (await bundleUrls(appUrl, null, options.sessionId, options.socket.answered))
      return openDriverSession(
        {
          api,
          models: serverModelCode({
            bokeh,
            resolver: api.resolver,
            appUrl,
            sessionId: options.sessionId,
            serverVersion: options.serverVersion ?? bokeh.version,
            urls,
            extensions: options.extensions ?? "auto",
          }),
          beforeDocument: () => defineBokehGlobal(bokeh),
        },
        options,
      )
    },
    count: () => ({documents: api.documents.length, rootViews: api.rootViewCount()}),
  }
}

/**
 * On a connect to a server remembered to run another release: fetches its BokehJS (and the bundles the app's last
 * document needed) while the session opens, and runs its core bundle as soon as it is there.
 */
export function prefetchServerBokehJs(appUrl: string): void {
  const urls = rememberedUrls(appUrl, null)
  if (urls?.core == null) {
    return
  }
  for (const name of rememberedUse(appUrl)) {
    const url = urls[name]
    if (url != null) {
      preloadScript(url)
    }
  }
  loadServerBokehJs(urls.core, null).catch(() => undefined)
}
