// `bokeh-session/react`: the package entry (registers `<bokeh-session>`) plus JSX typing for React 19, which
// sets a custom element's known properties as properties (objects stay objects) and turns `on<event-name>`
// props into listeners for that exact event name.
import type {LitElement} from "lit"
import type {DetailedHTMLProps, HTMLAttributes} from "react"
import type {BokehSessionElement} from "./element/element.js"
import type {ArgumentsInput} from "./core/arguments.js"

export * from "./index.js"

type BokehSessionEventName = Extract<keyof GlobalEventHandlersEventMap, `bokeh-session-${string}`>

/** `onbokeh-session-ready={(event) => ...}` and so on, one typed handler per event of the element. */
export type BokehSessionEventProps = {
  [Name in BokehSessionEventName as `on${Name}`]?: (event: GlobalEventHandlersEventMap[Name]) => void
}

type IfEquals<X, Y, Then, Else> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? Then : Else
/** Keys of T that can be assigned (a getter without a setter is `readonly` in T's type). */
type WritableKeys<T> = {
  [K in keyof T]-?: IfEquals<{[P in K]: T[K]}, {-readonly [P in K]: T[K]}, K, never>
}[keyof T]
type InputKeys = Exclude<WritableKeys<BokehSessionElement>, keyof LitElement | "arguments">

/**
 * The inputs React may set on the element: every writable property it adds to LitElement except methods,
 * derived from the class so a new input is typed here without an edit. React 19 sets them as properties, so
 * `arguments` and `tokenProvider` stay objects and functions.
 */
export type BokehSessionInputProps = {
  [K in InputKeys as BokehSessionElement[K] extends (...args: never[]) => unknown ? never : K]?: BokehSessionElement[K]
} & {arguments?: ArgumentsInput}

export type BokehSessionJsxProps = DetailedHTMLProps<HTMLAttributes<BokehSessionElement>, BokehSessionElement> &
  BokehSessionInputProps &
  BokehSessionEventProps

declare module "react" {
  // React declares JSX as a namespace: augmenting it needs the same form.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      "bokeh-session": BokehSessionJsxProps
    }
  }
}
