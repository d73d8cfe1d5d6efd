// The package entry (`bokeh-session`, dist/bokeh-session.js): the class-only entry's API, plus registering
// `<bokeh-session>`. Registration is skipped where `customElements` does not exist, so importing this under
// Node or SSR does not throw.
import {defineBokehSession} from "./element/define.js"

export * from "./element-entry.js"

defineBokehSession()
