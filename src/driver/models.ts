/**
 * Which BokehJS model bundles a document needs, decided from the document's JSON before BokehJS deserializes
 * it (deserialization fails on the first type that is not registered, and leaves a half-built Document behind).
 */

/**
 * Every model that `models/widgets/main` registers (the tables bundle builds on it). A unit test checks this against
 * BokehJS's sources.
 */
export const WIDGET_MODELS: ReadonlySet<string> = new Set([
  "AbstractButton",
  "AutocompleteInput",
  "Button",
  "CategoricalSlider",
  "Checkbox",
  "CheckboxButtonGroup",
  "CheckboxGroup",
  "ColorPicker",
  "DatePicker",
  "DateRangePicker",
  "DateRangeSlider",
  "DateSlider",
  "DatetimePicker",
  "DatetimeRangePicker",
  "DatetimeRangeSlider",
  "Div",
  "Dropdown",
  "FileInput",
  "HelpButton",
  "InputWidget",
  "Markdown",
  "Markup",
  "MultiChoice",
  "MultiSelect",
  "MultipleDatePicker",
  "MultipleDatetimePicker",
  "NumericInput",
  "PaletteSelect",
  "Paragraph",
  "PasswordInput",
  "PreText",
  "Progress",
  "RadioButtonGroup",
  "RadioGroup",
  "RangeSlider",
  "Select",
  "Slider",
  "Spinner",
  "Switch",
  "TextAreaInput",
  "TextInput",
  "TimePicker",
  "Toggle",
  "Widget",
])

/** Every model that `models/widgets/tables/main` registers. A unit test checks this against BokehJS's sources. */
export const TABLE_MODELS: ReadonlySet<string> = new Set([
  "StringEditor",
  "TextEditor",
  "SelectEditor",
  "PercentEditor",
  "CheckboxEditor",
  "IntEditor",
  "NumberEditor",
  "TimeEditor",
  "DateEditor",
  "StringFormatter",
  "ScientificFormatter",
  "NumberFormatter",
  "BooleanFormatter",
  "DateFormatter",
  "HTMLTemplateFormatter",
  "GroupingInfo",
  "DataCube",
  "DataTable",
  "AvgAggregator",
  "MinAggregator",
  "MaxAggregator",
  "SumAggregator",
  "TableColumn",
  "TableWidget",
])

/**
 * The optional bundles whose models `types` names (both BokehJS tiers name them alike): the widgets for a widget,
 * both for a table (it builds on the widgets).
 */
export function bundlesFor(types: Iterable<string>): ("widgets" | "tables")[] {
  let widgets = false
  for (const name of types) {
    if (TABLE_MODELS.has(name)) {
      return ["widgets", "tables"]
    }
    widgets ||= WIDGET_MODELS.has(name)
  }
  return widgets ? ["widgets"] : []
}

/**
 * The models whose views typeset with MathJax: the math text models, and the glyphs that draw their text as math
 * (a TeXGlyph's `\alpha` needs no `$$` delimiters). A unit test checks this against BokehJS's sources.
 */
export const MATH_TEXT_MODELS: ReadonlySet<string> = new Set([
  "MathText",
  "TeX",
  "MathML",
  "Ascii",
  "MathTextGlyph",
  "TeXGlyph",
  "MathMLGlyph",
])

/** The delimiters BokehJS (and MathJax's find_tex) take as the start of TeX inside a plain string. */
const TEX_OPENERS = ["$$", "\\[", "\\("]

/**
 * Whether a document may typeset math: it uses a math text model, or some string contains a TeX delimiter
 * (widgets typeset TeX inside their text, plots turn such labels into TeX models). Errs on the side of yes: a
 * string like "$$$" also counts, and only costs a needless MathJax download.
 */
export function documentUsesMath(docJson: unknown): boolean {
  let found = false
  const seen = new Set<object>()
  const visit = (node: unknown): void => {
    if (found) {
      return
    }
    if (typeof node === "string") {
      found = TEX_OPENERS.some((opener) => node.includes(opener))
      return
    }
    if (
      node === null ||
      typeof node !== "object" ||
      seen.has(node) ||
      ArrayBuffer.isView(node) ||
      node instanceof ArrayBuffer
    ) {
      return
    }
    seen.add(node)
    const record = node as Record<string, unknown>
    if (record.type === "object" && typeof record.name === "string" && MATH_TEXT_MODELS.has(record.name)) {
      found = true
      return
    }
    for (const value of Array.isArray(node) ? node : Object.values(record)) {
      visit(value)
    }
  }
  visit(docJson)
  return found
}

/**
 * Calls `visit` once for every object of a serialized document or message (arrays are walked, buffers skipped), until
 * it returns true.
 */
export function forEachJsonObject(json: unknown, visit: (record: Record<string, unknown>) => boolean | void): void {
  const seen = new Set<object>()
  let stopped = false
  const walk = (node: unknown): void => {
    if (stopped || node === null || typeof node !== "object" || seen.has(node)) {
      return
    }
    seen.add(node)
    if (ArrayBuffer.isView(node) || node instanceof ArrayBuffer) {
      return
    }
    if (Array.isArray(node)) {
      node.forEach(walk)
      return
    }
    const record = node as Record<string, unknown>
    if (visit(record) === true) {
      stopped = true
      return
    }
    for (const value of Object.values(record)) {
      walk(value)
    }
  }
  walk(json)
}

/** The model type names a serialized document refers to, less the ones it defines itself (`defs`). */
export function referencedModelTypes(docJson: unknown): Set<string> {
  const referenced = new Set<string>()
  const defined = new Set<string>()
  forEachJsonObject(docJson, (record) => {
    if (typeof record.name === "string") {
      if (record.type === "object") {
        referenced.add(record.name)
      } else if (record.type === "model") {
        defined.add(record.name)
      }
    }
  })
  for (const name of defined) {
    referenced.delete(name)
  }
  return referenced
}
