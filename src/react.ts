// `bokeh-session/react`: the package entry (registers `<bokeh-session>`) plus JSX typing for React 19, which
// sets a custom element's known properties as properties (objects stay objects) and turns `on<event-name>`
// props into listeners for that exact event name.
import type {DetailedHTMLProps, HTMLAttributes} from "react"
import type {BokehSessionElement} from "./element.js"
import type {ArgumentsInput} from "./session-lifecycle.js"

export * from "./index.js"

type BokehSessionEventName = Extract<keyof GlobalEventHandlersEventMap, `bokeh-session-${string}`>

/** `onbokeh-session-ready={(event) => ...}` and so on, one typed handler per event of the element. */
export type BokehSessionEventProps = {
  [Name in BokehSessionEventName as `on${Name}`]?: (event: GlobalEventHandlersEventMap[Name]) => void
}

/** The inputs React may set on the element (as properties, so `arguments` and `tokenProvider` stay objects). */
export type BokehSessionInputProps = Partial<
  Pick<BokehSessionElement, "url" | "token" | "tokenProvider" | "timeout" | "reconnectTimeout">
> & {arguments?: ArgumentsInput}

export type BokehSessionJsxProps = DetailedHTMLProps<HTMLAttributes<BokehSessionElement>, BokehSessionElement> &
  BokehSessionInputProps &
  BokehSessionEventProps

declare module "react" {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      "bokeh-session": BokehSessionJsxProps
    }
  }
}
