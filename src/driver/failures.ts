import {BokehSessionError} from "../core/errors.js"
import {appUrlOf} from "../session/url.js"

/**
 * The messages of the failures found on the network. Each names the likely cause and the fix, in the user's
 * terms (flags, attributes), because BokehJS itself reports all of them as "Could not open websocket".
 */

export interface FailureContext {
  /** `ws://host:5006/app/ws` */
  websocketUrl: string
  /** The page's `host:port`, which the server must allow. */
  pageHost: string
  /** Whether the token was minted in the browser (unsigned) rather than given by a backend. */
  tokenMinted: boolean
}

/**
 * What a side-effect-free probe found after the websocket failed to open: Bokeh's own answer for the app
 * (`app-exists`), a readable answer that is not Bokeh's (`not-bokeh`: a static server's 404, a proxy's 502 on the
 * page's origin), an opaque answer from the server's root (`server-answers`), or nothing (`no-answer`).
 */
export type ProbeResult = "app-exists" | "server-answers" | "no-answer" | {notBokeh: number}

/** The close code a Bokeh server's refusal gives (its `close()` sends no status), e.g. for an invalid token. */
export const REFUSED_CLOSE_CODE = 1005

/** nginx's default request-line limit (large_client_header_buffers 4 8k); Bokeh itself takes 64 KiB. */
const PROXY_URL_LIMIT = 8 * 1024 - 64

// The session code derives it too (src/session/url.ts).
export {appUrlOf}

/** The port `bokeh serve --port` needs for the app URL: explicit, or the scheme's default. */
function portOf(app: string): string {
  const url = new URL(app)
  return url.port || (url.protocol === "https:" ? "443" : "80")
}

export function websocketFailure(context: FailureContext, probe: ProbeResult, cause?: unknown): BokehSessionError {
  const app = appUrlOf(context.websocketUrl)
  const origin = new URL(app).host
  if (typeof probe === "object") {
    return notBokeh(context, app, probe.notBokeh, cause)
  }
  switch (probe) {
    case "app-exists":
      return new BokehSessionError(
        "handshake-rejected",
        `The Bokeh server at ${origin} has the app ${app} but refused this page's websocket: it does not allow ` +
          `the page's origin. Start it with --allow-websocket-origin=${context.pageHost} ` +
          `(or set BOKEH_ALLOW_WS_ORIGIN=${context.pageHost}).` +
          (context.websocketUrl.length > PROXY_URL_LIMIT
            ? ` Or, behind a proxy, the ${context.websocketUrl.length}-character websocket URL is over the proxy's ` +
              `URL limit (nginx: 8 KiB unless large_client_header_buffers is raised; see docs/deploy.md).`
            : ""),
        {cause},
      )
    case "server-answers":
      return new BokehSessionError(
        "handshake-rejected",
        `The server at ${origin} answered but refused the websocket ${context.websocketUrl}: either there is no ` +
          `Bokeh app at ${new URL(app).pathname} (check the app path in url; bokeh serve prints each app's URL), ` +
          `or the server does not allow this page's origin: start it with ` +
          `--allow-websocket-origin=${context.pageHost}.`,
        {cause},
      )
    case "no-answer":
      return new BokehSessionError(
        "unreachable",
        `Nothing answers at ${origin} (tried ${context.websocketUrl}): start the Bokeh server (bokeh serve ` +
          `app.py --port ${portOf(app)}), or fix the host and port in url.`,
        {cause},
      )
  }
}

/** A readable answer for `<app>/autoload.js` that is not Bokeh's (which is 405 to the probe's HEAD). */
function notBokeh(context: FailureContext, app: string, status: number, cause: unknown): BokehSessionError {
  const url = new URL(app)
  const onPageOrigin = url.host === context.pageHost
  const where = onPageOrigin ? `this page's own server (${url.host})` : url.host
  if (status === 502 || status === 503 || status === 504) {
    return new BokehSessionError(
      "unreachable",
      `${where} answered ${status} for ${app}, like a proxy whose Bokeh server is down or out of its reach: ` +
        `start the Bokeh server behind it, or fix the proxy's upstream address for ${url.pathname} ` +
        `(and pass websocket upgrades: see docs/deploy.md).`,
      {cause},
    )
  }
  return new BokehSessionError(
    "handshake-rejected",
    `${where} answered ${status} for ${app}/autoload.js, which is not a Bokeh server's answer: there is no Bokeh ` +
      `app at ${url.pathname} there. ` +
      (onPageOrigin
        ? `url resolved against this page to ${app}: write the Bokeh server's own address (e.g. ` +
          `http://localhost:5006${url.pathname}; bokeh serve prints each app's URL), or route ${url.pathname} ` +
          `to the Bokeh server in your proxy, with websocket upgrades (see docs/deploy.md).`
        : `Check the host, port and app path in url (bokeh serve prints each app's URL), or the proxy's route ` +
          `for ${url.pathname}.`),
    {cause},
  )
}

/**
 * The websocket opened, then closed before the document. Bokeh refuses a session (a bad or expired token, a
 * signature it cannot check) with `close()` and no status, which the browser reports as 1005; any other code
 * (1006: no close frame at all) means the connection dropped: a crash, a kill, a proxy or the network.
 */
export function closedBeforeDocument(
  context: FailureContext,
  code: number,
  reason: string,
  cause?: unknown,
): BokehSessionError {
  const detail = `close code ${code}${reason === "" ? "" : `, ${JSON.stringify(reason)}`}`
  if (code === REFUSED_CLOSE_CODE) {
    return refusedSession(context, detail, cause)
  }
  const origin = new URL(context.websocketUrl).host
  const what =
    code === 1006
      ? `the connection dropped without a close frame, so Bokeh did not refuse the session (it closes with ` +
        `${REFUSED_CLOSE_CODE}): the server process stopped or crashed (check its log), or a proxy or the network ` +
        `cut the connection`
      : `the connection was closed, not refused by Bokeh (which closes with ${REFUSED_CLOSE_CODE}): the server or ` +
        `a proxy is shutting down, restarting or cut the connection`
  return new BokehSessionError(
    "connection-lost",
    `The server at ${origin} opened the websocket ${context.websocketUrl}, then ${what} before the document ` +
      `arrived (${detail}). Call restart() once the server is back.`,
    {cause},
  )
}

/**
 * The adapter's entry point today: `detail` is "close code <n> (<reason>)" from BokehJS's "Lost websocket
 * connection, <n> (<reason>)". Only a refusal (1005) is blamed on the token; other codes go to
 * `closedBeforeDocument`, which the adapter may call directly with the close event's code and reason.
 */
export function sessionRejected(context: FailureContext, detail: string, cause?: unknown): BokehSessionError {
  const close = /^close code (\d+) \((.*)\)$/s.exec(detail)
  if (close != null && Number(close[1]) !== REFUSED_CLOSE_CODE) {
    return closedBeforeDocument(context, Number(close[1]), close[2], cause)
  }
  return refusedSession(context, detail, cause)
}

/**
 * Bokeh refused the session: with a token minted here (unsigned), because the server signs session ids
 * (`signed-required`); with a backend's token, because it is expired or signed with another key
 * (`session-rejected`).
 */
export function refusedSession(context: FailureContext, detail: string, cause?: unknown): BokehSessionError {
  const why = context.tokenMinted
    ? `The token was minted in the browser, unsigned, so the server most likely signs session ids ` +
      `(BOKEH_SIGN_SESSIONS=yes): a browser cannot sign them. Supply tokens signed by your backend with the ` +
      `token attribute or the tokenProvider property (see docs/deploy.md).`
    : `The token from your backend is expired (check --session-token-expiration and that the token is fresh for ` +
      `every connect: use tokenProvider) or signed with another BOKEH_SECRET_KEY than the server's.`
  return new BokehSessionError(
    context.tokenMinted ? "signed-required" : "session-rejected",
    `The server opened the websocket ${context.websocketUrl}, then closed it before sending the document ` +
      `(${detail}). ${why}`,
    {cause},
  )
}

// The session code reports it too, while the document's BokehJS is still being chosen (src/session/timed-out.ts).
export {timedOut} from "../session/timed-out.js"

/** What the element did about types BokehJS could not resolve, for the message. */
export type ExtensionOutcome = {failed: readonly string[]; loaded: readonly string[]; ranInline: boolean} | "off" | null

export function unknownModels(
  types: string[],
  bokehJsVersion: string,
  outcome: ExtensionOutcome = null,
): BokehSessionError {
  const what = `The document uses model types that BokehJS ${bokehJsVersion} cannot resolve: ${types.join(", ")}.`
  if (outcome === "off") {
    return new BokehSessionError(
      "unknown-model",
      `${what} Extension loading is off (extensions="none"), so their code from the Bokeh server was not ` +
        `loaded: remove extensions="none" to load it, or use an app built from Bokeh's own models.`,
    )
  }
  const loaded =
    outcome != null && outcome.loaded.length > 0
      ? ` ${outcome.loaded.join(", ")} loaded but did not register them (the browser console has its error, e.g. ` +
        `a Bokeh.require of a module this build lacks: see docs/errors.md#the-bokeh-global; or "Cannot find Bokeh ` +
        `<version>": it was built for another BokehJS release).`
      : ""
  const tried =
    outcome != null && outcome.failed.length > 0
      ? ` Their code is not at ${outcome.failed.join(", ")} (tried on the app's server).`
      : outcome?.ranInline === true
        ? ` The inline model code (the server's autoload.js, or what the app published) ran but did not register ` +
          `them (see the browser console).`
        : ""
  return new BokehSessionError(
    "unknown-model",
    `${what}${loaded}${tried} If they come from a packaged extension (or Panel), install its Python package where the ` +
      `server runs and import it in the app: the element loads its bundle where the server's autoload.js names it, ` +
      `as Bokeh's own embed does. Inline TypeScript models (__implementation__) come compiled in the same ` +
      `autoload.js: the server's log says why one did not compile. See docs/errors.md#unknown-model.`,
  )
}
