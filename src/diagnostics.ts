/** What BokehJS holds on the whole page: how many documents its global list keeps and how many root views. */
export interface BokehJsCounts {
  documents: number
  rootViews: number
}

/**
 * Counts what BokehJS keeps page-wide, to check for leaks: after every element is removed (or every pulled
 * session closed) both are back to what they were before. Loads BokehJS if it is not loaded yet.
 */
export async function inspectBokehJs(): Promise<BokehJsCounts> {
  const {countBokehJsObjects} = await import("./bokeh/adapter.js")
  return countBokehJsObjects()
}
