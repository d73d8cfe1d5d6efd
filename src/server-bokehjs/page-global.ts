/**
 * The `Bokeh` global that CustomJS code of a document uses (`Bokeh.require(...)`, `Bokeh.documents`), under Bokeh's
 * own embed the server's BokehJS: here too, when the page has no `Bokeh` at all. It is defined without BokehJS's
 * `__bokeh__` mark, so that a BokehJS bundle the page loads later (its own embed) still becomes the page's
 * `window.Bokeh`, as it would on a page without this element; CustomJS code then sees the page's, as it does
 * whenever the page has its own.
 */
import {pageBokeh} from "../driver/scripts.js"
import type {ServerBokeh} from "./api.js"

export function defineBokehGlobal(bokeh: ServerBokeh): void {
  if (pageBokeh() !== undefined) {
    return
  }
  ;(globalThis as {Bokeh?: unknown}).Bokeh = new Proxy(bokeh, {
    get: (target, key, receiver) => (key === "__bokeh__" ? undefined : (Reflect.get(target, key, receiver) as unknown)),
    has: (target, key) => key !== "__bokeh__" && Reflect.has(target, key),
  })
}
