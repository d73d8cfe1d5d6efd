import {BokehSessionError} from "../core/errors.js"

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

/** What a side-effect-free probe found after the websocket failed to open. */
export type ProbeResult = "app-exists" | "server-answers" | "no-answer"

/** nginx's default request-line limit (large_client_header_buffers 4 8k); Bokeh itself takes 64 KiB. */
const PROXY_URL_LIMIT = 8 * 1024 - 64

/** `ws://host:5006/app/ws` -> `http://host:5006/app` */
export function appUrlOf(websocketUrl: string): string {
  const url = new URL(websocketUrl)
  url.protocol = url.protocol === "wss:" ? "https:" : "http:"
  url.pathname = url.pathname.replace(/\/ws$/, "")
  return url.href.replace(/\/$/, "")
}

export function websocketFailure(context: FailureContext, probe: ProbeResult, cause?: unknown): BokehSessionError {
  const app = appUrlOf(context.websocketUrl)
  const origin = new URL(app).host
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
          `app.py --port ${new URL(app).port || "80"}), or fix the host and port in url.`,
        {cause},
      )
  }
}

export function sessionRejected(context: FailureContext, detail: string, cause?: unknown): BokehSessionError {
  const why = context.tokenMinted
    ? `The token was minted in the browser, unsigned, so the server most likely signs session ids ` +
      `(BOKEH_SIGN_SESSIONS=yes): a browser cannot sign them. Supply tokens signed by your backend with the ` +
      `token attribute or the tokenProvider property (see docs/deploy.md).`
    : `The token from your backend is expired (check --session-token-expiration and that the token is fresh for ` +
      `every connect: use tokenProvider) or signed with another BOKEH_SECRET_KEY than the server's.`
  return new BokehSessionError(
    "session-rejected",
    `The server opened the websocket ${context.websocketUrl}, then closed it before sending the document ` +
      `(${detail}). ${why}`,
    {cause},
  )
}

export function timedOut(websocketUrl: string, timeoutMs: number): BokehSessionError {
  return new BokehSessionError(
    "timeout",
    `No document from ${websocketUrl} within ${timeoutMs} ms: the server accepted the connection but did not ` +
      `answer (stuck or overloaded), or the app takes longer to build; raise the timeout attribute if it is just slow.`,
  )
}

/** Works, but a mismatch between the server's Bokeh and the bundled BokehJS can break models or the protocol. */
export function versionMismatch(serverVersion: string, bokehJsVersion: string): string | null {
  if (serverVersion === bokehJsVersion) {
    return null
  }
  return (
    `The server runs Bokeh ${serverVersion} but this page bundles BokehJS ${bokehJsVersion}: pin the Python ` +
    `package to bokeh==${bokehJsVersion} (or use the bokeh-session build for ${serverVersion}).`
  )
}

export function unknownModels(types: string[], bokehJsVersion: string): BokehSessionError {
  return new BokehSessionError(
    "unknown-model",
    `The document uses model types that BokehJS ${bokehJsVersion} cannot resolve: ${types.join(", ")}. ` +
      `They come from a Bokeh extension or a library such as Panel: load that library's JavaScript in the page ` +
      `before the element connects, or use an app built from Bokeh's own models.`,
  )
}
