// The element's inputs as framework typings see them (react.ts, vue.ts): derived from the class, so a new input
// is typed there without an edit.
import type {LitElement} from "lit"
import type {ArgumentsInput} from "../core/arguments.js"
import type {BokehSessionElement} from "./element.js"

type IfEquals<X, Y, Then, Else> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? Then : Else
/** Keys of T that can be assigned (a getter without a setter is `readonly` in T's type). */
type WritableKeys<T> = {
  [K in keyof T]-?: IfEquals<{[P in K]: T[K]}, {-readonly [P in K]: T[K]}, K, never>
}[keyof T]
type InputKeys = Exclude<WritableKeys<BokehSessionElement>, keyof LitElement | "arguments">

/**
 * Every writable property the element adds to LitElement except methods. React 19 and Vue set them as
 * properties, so `arguments` and `tokenProvider` stay objects and functions.
 */
export type BokehSessionInputProps = {
  [K in InputKeys as BokehSessionElement[K] extends (...args: never[]) => unknown ? never : K]?: BokehSessionElement[K]
} & {arguments?: ArgumentsInput}
