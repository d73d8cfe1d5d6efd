/**
 * What the build rewrites in the bundled BokehJS (build/vite/bokehjs-rewrites.mjs) for leaks, done at run time to a
 * server's own BokehJS, whose code comes as it is. From 3.7 on, every plot view adds a `visualViewport` resize
 * listener in `connect_signals()` and never removes it, which keeps each removed plot's whole view tree (canvases,
 * shadow roots, models); 3.0 to 3.6 add none. Here the listeners a plot view adds get a signal that its `remove()`
 * aborts.
 */
import type {ServerBokeh} from "./api.js"

interface PlotViewPrototype {
  connect_signals(): void
  remove(): void
  __bokeh_session_viewport__?: AbortController
}

const fixed = new WeakSet<object>()

export function fixLeaks(bokeh: ServerBokeh): void {
  let prototype: PlotViewPrototype
  try {
    prototype = (bokeh.require("models/plots/plot_canvas") as {PlotView: {prototype: PlotViewPrototype}}).PlotView
      .prototype
  } catch {
    return
  }
  // The listener is added in connect_signals: its source names the global (minifiers keep global names).
  if (fixed.has(prototype) || typeof visualViewport === "undefined" || visualViewport == null) {
    return
  }
  if (!String(prototype.connect_signals).includes("visualViewport")) {
    return
  }
  fixed.add(prototype)
  const {connect_signals, remove} = prototype
  prototype.connect_signals = function (this: PlotViewPrototype) {
    const signal = (this.__bokeh_session_viewport__ ??= new AbortController()).signal
    const viewport = visualViewport!
    const own = Object.getOwnPropertyDescriptor(viewport, "addEventListener")
    const add = viewport.addEventListener
    viewport.addEventListener = function (
      this: VisualViewport,
      type: string,
      listener: EventListenerOrEventListenerObject,
      options?: boolean | AddEventListenerOptions,
    ) {
      const given = typeof options === "boolean" ? {capture: options} : (options ?? {})
      add.call(this, type, listener, {...given, signal})
    } as typeof add
    try {
      connect_signals.call(this)
    } finally {
      if (own == null) {
        delete (viewport as {addEventListener?: unknown}).addEventListener
      } else {
        Object.defineProperty(viewport, "addEventListener", own)
      }
    }
  }
  prototype.remove = function (this: PlotViewPrototype) {
    this.__bokeh_session_viewport__?.abort()
    remove.call(this)
  }
}
