/**
 * Which BokehJS renders a session (src/session/bokehjs.ts): with `bokehjs="auto"` (the default), the bundled one
 * when the server runs its release, else the server's own. The release is the one the document states, which the
 * early socket hears before any BokehJS is needed (SessionSocket.outcome); the page also remembers each server's
 * release (src/core/server-memory.ts), so that the BokehJS a session will most likely need starts loading with the
 * socket, and the bundled one is not fetched at all for a server known to run another release.
 */
import {BUNDLED_BOKEHJS_VERSION} from "../core/bundled-bokehjs.js"
import {rememberedBundles, type OptionalBundle} from "../core/bundles.js"
import {BokehSessionError, loaded} from "../core/errors.js"
import {fetchBundledBokehJs} from "../core/fetch-bokehjs.js"
import {connectBlocked} from "../core/policy-blocks.js"
import {readServerMemory, rememberServer} from "../core/server-memory.js"
import {autoloadOf} from "./autoload-request.js"
import type {BokehJs, BokehJsKind} from "./bokehjs.js"
import type {SessionCredentials, SessionPlan} from "./plan.js"
import type {SessionSocket} from "./session-socket.js"

/** The releases the tests run against real servers of (docs/compatibility.md). */
export const TESTED_RELEASES = "3.4.3, 3.6.0 and 3.9.2"

const loadBundled = (): Promise<BokehJs> => loaded(import("../bokeh/adapter.js")).then((m) => m.bundledBokehJs)

/**
 * The bundled BokehJS, run once it is fetched (src/core/fetch-bokehjs.ts) or once the socket's outcome says it
 * renders the document, whichever comes first; null when the outcome came first and needs no bundled BokehJS (the
 * server runs another release, or the socket failed): then none of it runs.
 */
function runBundledWhenFetched(plan: SessionPlan, socket: SessionSocket): Promise<BokehJs | null> {
  const fetched = fetchBundledBokehJs().then(() => null)
  return Promise.race([fetched, socket.outcome]).then((outcome) => {
    if (outcome != null && !(outcome.document && kindFor(plan, outcome.version) === "bundled")) {
      return null
    }
    return loadBundled()
  })
}

/** The BokehJS that renders a document of a server of `version`. */
function kindFor(plan: SessionPlan, version: string | null): BokehJsKind {
  return plan.bokehjs !== "auto"
    ? plan.bokehjs
    : version == null || version === BUNDLED_BOKEHJS_VERSION
      ? "bundled"
      : "server"
}

const serverTier = (): Promise<typeof import("../server-bokehjs/index.js")> =>
  loaded(import("../server-bokehjs/index.js"))

/** The BokehJS a plan most likely needs, before its document says. */
function likelyKind(plan: SessionPlan): BokehJsKind {
  return kindFor(plan, readServerMemory(plan.appUrl)?.version ?? null)
}

/** Starts loading the BokehJS code `plan` most likely needs (failures surface where the connect awaits it). */
export function prefetchBokehJsFor(plan: SessionPlan): void {
  if (likelyKind(plan) === "bundled") {
    void fetchBundledBokehJs()
    // The optional bundles this page's documents needed on the last visit (the page ran the bundled BokehJS then):
    // they download while BokehJS's core does, and run right after it.
    const optional = rememberedBundles()?.filter((name): name is OptionalBundle => name !== "bundled") ?? []
    if (optional.length > 0) {
      void import("../driver/early-bundles.js").then(
        ({runBundles}) => runBundles(optional),
        () => undefined,
      )
    }
  } else {
    serverTier().then(
      (tier) => tier.prefetchServerBokehJs(plan.appUrl),
      () => undefined,
    )
  }
}

/** Every BokehJS a connect chose on this page: they hold its documents and views. */
const chosen = new Set<BokehJs>()

/** What the BokehJS copies that rendered documents on this page hold page-wide, summed (see `BokehJs.count`). */
export function countBokehJsObjects(): {documents: number; rootViews: number} {
  let documents = 0
  let rootViews = 0
  for (const bokehjs of chosen) {
    const counts = bokehjs.count()
    documents += counts.documents
    rootViews += counts.rootViews
  }
  return {documents, rootViews}
}

export interface ChosenBokehJs {
  bokehjs: BokehJs
  /** The server's release, as its document states it. */
  serverVersion: string | null
  /** What the page should hear about the choice (a `bokeh-session-warning`), or null. */
  warning: string | null
}

/**
 * The BokehJS for this connect, loaded, once the socket heard the document's version. Rejects with the failure of a
 * socket that ended before the document (told apart without BokehJS), `unsupported-server` for Bokeh 2, or
 * `load-failed`.
 */
export async function chooseBokehJs(
  plan: SessionPlan,
  socket: SessionSocket,
  credentials: SessionCredentials,
): Promise<ChosenBokehJs> {
  const serverOf = (version: string | null, types?: ReadonlySet<string>): Promise<BokehJs> =>
    serverTier().then((tier) =>
      tier.serverBokehJs({
        appUrl: plan.appUrl,
        version,
        sessionId: credentials.sessionId,
        answered: socket.answered,
        types,
      }),
    )
  const remembered = readServerMemory(plan.appUrl)?.version ?? null
  const kind = likelyKind(plan)
  // The likely BokehJS loads while the server builds the document.
  const likely =
    kind === "bundled" ? runBundledWhenFetched(plan, socket) : serverOf(plan.bokehjs === "server" ? null : remembered)
  likely.catch(() => undefined)
  const outcome = await socket.outcome
  if (!outcome.document) {
    if (socket.refusedByPolicy) {
      // The page's policy refused the socket, which then fails as if the server were down: say which it was, with
      // no probe (the policy refuses that too). The only place: a BokehJS takes over a socket only once it brought
      // the document, so no later failure is a refusal.
      throw connectBlocked(plan.websocketUrl)
    }
    const {earlyFailure} = await loaded(import("../driver/failure-code.js"))
    throw await earlyFailure(
      {websocketUrl: plan.websocketUrl, pageHost: location.host, tokenMinted: credentials.minted},
      outcome,
    )
  }
  const version = outcome.version
  checkSupported(version, plan.appUrl)
  if (version != null && version !== remembered) {
    rememberServer(plan.appUrl, version)
  }
  const wanted = kindFor(plan, version)
  if (wanted === "server" && version !== remembered) {
    // The server's bundle URLs are not remembered for this release: its autoload.js names them. Asked now, it
    // comes while the server tier's code does, not after it.
    void autoloadOf(plan.appUrl, credentials.sessionId)
  }
  if (wanted === "bundled") {
    // The widget and table code the document needs, fetched while BokehJS's core loads (in the same chunk: no fetch).
    void import("../driver/early-bundles.js").then(
      ({prefetchBundles}) => prefetchBundles(outcome.types),
      () => undefined,
    )
  }
  const bokehjs =
    (wanted === kind && (kind === "bundled" || plan.bokehjs === "server" || version === remembered)
      ? await likely
      : null) ?? (wanted === "bundled" ? await loadBundled() : await serverOf(version, outcome.types))
  chosen.add(bokehjs)
  return {bokehjs, serverVersion: version, warning: choiceWarning(plan, version, bokehjs)}
}

/** Bokeh 2 speaks another document format: no BokehJS 3 reads it, and this package speaks no other. */
export function checkSupported(version: string | null, appUrl: string): void {
  const major = version == null ? null : Number(/^(\d+)\./.exec(version)?.[1])
  if (major != null && major < 3) {
    throw new BokehSessionError(
      "unsupported-server",
      `The Bokeh server of ${appUrl} runs Bokeh ${version}, whose documents and protocol predate Bokeh 3: ` +
        `bokeh-session works with Bokeh 3.0 and later (tested with ${TESTED_RELEASES}). Upgrade the server ` +
        `(pip install "bokeh>=3"), or embed this app with that server's own server_document().`,
    )
  }
}

/** What deserves a word about the BokehJS that renders a document of a server of `version`. */
export function choiceWarning(plan: SessionPlan, version: string | null, bokehjs: BokehJs): string | null {
  if (version == null || version === BUNDLED_BOKEHJS_VERSION) {
    return null
  }
  if (bokehjs.kind === "bundled") {
    return (
      `The server runs Bokeh ${version}, but bokehjs="bundled" renders its document with this page's bundled ` +
      `BokehJS ${BUNDLED_BOKEHJS_VERSION}, another release: models or data may fail to load. Remove bokehjs ` +
      `(or set bokehjs="auto") to render it with the server's own BokehJS, or pin bokeh==` +
      `${BUNDLED_BOKEHJS_VERSION} on the server.`
    )
  }
  if (plan.bokehjs === "server") {
    return null
  }
  return (
    `The server runs Bokeh ${version}, not the bundled BokehJS's ${BUNDLED_BOKEHJS_VERSION}, so its document is ` +
    `rendered with the server's own BokehJS ${bokehjs.version}, loaded from the server as Bokeh's own embed loads ` +
    `it. To use the bundled BokehJS (no BokehJS download from the server), pin bokeh==${BUNDLED_BOKEHJS_VERSION} on ` +
    `the server; to skip fetching the bundled one for this element, set bokehjs="server".`
  )
}
