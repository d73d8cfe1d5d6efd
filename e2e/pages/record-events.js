// Records every bokeh-session event in order, with the id of the element that fired it, and every
// Content-Security-Policy violation: a file, not an inline script, so that pages under a strict policy can load it.
window.events = []
window.violations = []
const types = ["connecting", "ready", "updated", "error", "closed", "disconnected", "reconnected", "warning"]
for (const type of types.map((name) => `bokeh-session-${name}`)) {
  document.addEventListener(type, (event) => {
    window.events.push({type, id: event.target.id, detail: event.detail})
  })
}
document.addEventListener("securitypolicyviolation", (event) => {
  window.violations.push({
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    sample: event.sample,
    source: event.sourceFile,
    line: event.lineNumber,
  })
})
