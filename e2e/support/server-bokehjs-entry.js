// The test harness of the e2e project "server-bokehjs" (playwright.config.ts): served at /dist/bokeh-session.js in
// place of the real entry (served beside it as bokeh-session.under-test.js, whose chunks are the same files), so that
// every spec of that project runs with the server's own BokehJS: each element (server-bokehjs-defaults.js) and each
// pullSession() call gets bokehjs="server" unless it says otherwise. Only the default changes; the package is the
// built one, unmodified.
import "./server-bokehjs-defaults.js"
import * as sdk from "./bokeh-session.under-test.js"

export * from "./bokeh-session.under-test.js"

export function pullSession(url, options = {}) {
  return sdk.pullSession(url, {bokehjs: "server", ...options})
}
