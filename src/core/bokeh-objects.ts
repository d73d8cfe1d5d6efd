// The public API hands out BokehJS's session and document. They are typed here by what the API promises, not by
// BokehJS's own declarations: those do not type-check without `skipLibCheck` (bare `core/types` imports, `google`
// and `MathJax` globals), and installing them brings ~100 MB. The package's declarations therefore never import
// BokehJS, so a TypeScript consumer needs neither. BokehJS's objects are assignable to these (tsc checks it where
// pull-session.ts hands the adapter's values out); cast to BokehJS's types when you need more of them.

/** A BokehJS model (`HasProps`), as `Document.get_model_by_name` returns it. */
export interface BokehModel {
  readonly id: string
  /** The model's type name, e.g. `"Plot"` or `"ColumnDataSource"`. */
  readonly type: string
}

/** The BokehJS `Document` of a session. */
export interface BokehDocument {
  roots(): BokehModel[]
  title(): string
  get_model_by_id(id: string): BokehModel | null
  get_model_by_name(name: string): BokehModel | null
}

/** The BokehJS `ClientSession`. */
export interface BokehClientSession {
  readonly id: string
  readonly document: BokehDocument
}

/** How the live session's websocket closed. */
export interface DisconnectInfo {
  code: number
  reason: string
}
