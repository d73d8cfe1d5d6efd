// Part of the e2e project "server-bokehjs" harness (server-bokehjs-entry.js imports it first, before the package):
// every element class defined from now on connects with bokehjs="server" unless it says otherwise. Custom elements'
// callbacks are read once, when the class is defined, so the default goes in before the package defines its tag.
const define = customElements.define.bind(customElements)
customElements.define = (name, constructor, options) => {
  if (constructor.observedAttributes?.includes("bokehjs")) {
    const {connectedCallback} = constructor.prototype
    constructor.prototype.connectedCallback = function () {
      if (!this.hasAttribute("bokehjs") && this.bokehjs == null) {
        this.bokehjs = "server"
      }
      connectedCallback.call(this)
    }
  }
  define(name, constructor, options)
}
