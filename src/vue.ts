// `bokeh-session/vue`: the package entry (registers `<bokeh-session>`) plus template typing for Vue 3.5's
// vue-tsc, the way Vue's guide types custom elements: a `GlobalComponents` entry whose `$props` are the element's
// inputs and whose `$emit` lists its events, so `:url="1"` or `@bokeh-session-ready="(e) => e.detail.code"` is
// a type error. Vue's compiler still needs `isCustomElement` for the tag (see the README's Vue recipe).
import type {EmitFn, HTMLAttributes, PublicProps} from "vue"
import type {BokehSessionElement} from "./element/element.js"
import type {BokehSessionEventMap} from "./element/events.js"
import type {BokehSessionInputProps} from "./element/input-props.js"

export * from "./index.js"
export type {BokehSessionInputProps}

/** `@bokeh-session-ready="(event) => ..."` and so on: one handler type per event of the element. */
export type BokehSessionVueEmit = EmitFn<{
  [Name in keyof BokehSessionEventMap]: (event: BokehSessionEventMap[Name]) => void
}>

/** What vue-tsc reads for `<bokeh-session>` in a template (its `$props` and `$emit`); not a runtime value. */
export type BokehSessionVueComponent = new () => BokehSessionElement & {
  /** @deprecated For template type checking only: not a property of the element. */
  $props: HTMLAttributes & BokehSessionInputProps & PublicProps
  /** @deprecated For template type checking only: not a method of the element. */
  $emit: BokehSessionVueEmit
}

declare module "vue" {
  interface GlobalComponents {
    "bokeh-session": BokehSessionVueComponent
  }
}
