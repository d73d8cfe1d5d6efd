/**
 * The text of a Bokeh server's autoload.js for an existing session, asked once per app URL and page while it
 * succeeds (what it names is the same for each of that server's sessions): src/driver/embed-resources.ts reads it.
 * Here, in the session code, so that a connect whose document says "another release" asks for it at once, while
 * the code of the server's BokehJS tier is still on its way (src/session/choose-bokehjs.ts).
 */

const texts = new Map<string, Promise<string | null>>()

/**
 * autoload.js for the session `sessionId` of `appUrl`, which must exist (ask after the server's ACK: for an unknown
 * id autoload.js creates a session, without its arguments); null when it cannot be read (a proxy that does not route
 * it, an auth module, a server that is gone).
 */
export function autoloadOf(appUrl: string, sessionId: string): Promise<string | null> {
  let text = texts.get(appUrl)
  if (text == null) {
    text = fetchAutoload(appUrl, sessionId)
    texts.set(appUrl, text)
    void text.then((found) => found == null && texts.delete(appUrl))
  }
  return text
}

async function fetchAutoload(appUrl: string, sessionId: string): Promise<string | null> {
  const app = new URL(appUrl)
  const query = new URLSearchParams({
    "bokeh-autoload-element": "bokeh-session",
    "bokeh-app-path": app.pathname,
    "bokeh-absolute-url": app.href,
    "bokeh-session-id": sessionId,
  })
  try {
    // Bokeh's handler answers any origin (Access-Control-Allow-Origin: *); credentials would make it refuse.
    const response = await fetch(`${app.href.replace(/\/$/, "")}/autoload.js?${query}`, {credentials: "omit"})
    return response.ok ? await response.text() : null
  } catch {
    return null
  }
}
