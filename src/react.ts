// `bokeh-session/react`: the package entry (registers `<bokeh-session>`) plus JSX typing for React 19, which
// sets a custom element's known properties as properties (objects stay objects) and turns `on<event-name>`
// props into listeners for that exact event name.
import type {DetailedHTMLProps, HTMLAttributes} from "react"
import type {BokehSessionElement} from "./element/element.js"
import type {BokehSessionEventMap} from "./element/events.js"
import type {BokehSessionInputProps} from "./element/input-props.js"

export * from "./index.js"
export type {BokehSessionInputProps}

/** `onbokeh-session-ready={(event) => ...}` and so on, one typed handler per event of the element. */
export type BokehSessionEventProps = {
  [Name in keyof BokehSessionEventMap as `on${Name}`]?: (event: BokehSessionEventMap[Name]) => void
}

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
