// The test harness of the e2e project "server-bokehjs" (playwright.config.ts): served at /dist/bokeh-session.js in
// place of the real entry (served beside it as bokeh-session.under-test.js, whose chunks are the same files), so that
// every spec of that project runs with the server's own BokehJS: each element and each pullSession() call gets
// bokehjs="server" unless it says otherwise. Only the default changes; the package is the built one, unmodified.
import * as sdk from "./bokeh-session.under-test.js"

export * from "./bokeh-session.under-test.js"

export function pullSession(url, options = {}) {
  return sdk.pullSession(url, {bokehjs: "server", ...options})
}

const prototype = sdk.BokehSessionElement.prototype
const {connectedCallback} = prototype
prototype.connectedCallback = function () {
  if (!this.hasAttribute("bokehjs") && this.bokehjs == null) {
    this.bokehjs = "server"
  }
  connectedCallback.call(this)
}
// Elements of the page's markup connected before this module ran.
for (const element of document.querySelectorAll("bokeh-session:not([bokehjs])")) {
  element.bokehjs ??= "server"
}
