/**
 * Which BokehJS model bundles a document needs, decided from the document's JSON before BokehJS deserializes
 * it (deserialization fails on the first type that is not registered, and leaves a half-built Document behind).
 */

/** Every model that `models/widgets/tables/main` registers. A unit test checks this against BokehJS's sources. */
export const TABLE_MODELS: ReadonlySet<string> = new Set([
  "StringEditor", "TextEditor", "SelectEditor", "PercentEditor", "CheckboxEditor", "IntEditor", "NumberEditor",
  "TimeEditor", "DateEditor", "StringFormatter", "ScientificFormatter", "NumberFormatter", "BooleanFormatter",
  "DateFormatter", "HTMLTemplateFormatter", "GroupingInfo", "DataCube", "DataTable", "AvgAggregator",
  "MinAggregator", "MaxAggregator", "SumAggregator", "TableColumn", "TableWidget",
])

/** The model type names a serialized document refers to, less the ones it defines itself (`defs`). */
export function referencedModelTypes(docJson: unknown): Set<string> {
  const referenced = new Set<string>()
  const defined = new Set<string>()
  const seen = new Set<object>()
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== "object" || seen.has(node)) {
      return
    }
    seen.add(node)
    if (ArrayBuffer.isView(node) || node instanceof ArrayBuffer) {
      return
    }
    if (Array.isArray(node)) {
      node.forEach(visit)
      return
    }
    const record = node as Record<string, unknown>
    if (typeof record.name === "string") {
      if (record.type === "object") {
        referenced.add(record.name)
      } else if (record.type === "model") {
        defined.add(record.name)
      }
    }
    for (const value of Object.values(record)) {
      visit(value)
    }
  }
  visit(docJson)
  for (const name of defined) {
    referenced.delete(name)
  }
  return referenced
}
