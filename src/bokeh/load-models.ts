/**
 * Loads the BokehJS model code a document needs, and only that: widgets and tables are separate chunks that a
 * plot-only document never fetches.
 */
import {default_resolver} from "@bokeh/bokehjs/build/js/lib/base"
import {version as bokehJsVersion} from "@bokeh/bokehjs/build/js/lib/version"
import {BokehSessionError} from "../errors.js"
import {TABLE_MODELS, referencedModelTypes} from "./models.js"

/** Registers the widget and table models the document needs, loading their code only then. */
export async function loadModelsFor(docJson: unknown): Promise<void> {
  const missing = () => [...referencedModelTypes(docJson)].filter((name) => default_resolver.get(name) == null)
  const needed = missing()
  if (needed.length === 0) {
    return
  }
  const loads: Promise<unknown>[] = [import("@bokeh/bokehjs/build/js/lib/models/widgets/main")]
  if (needed.some((name) => TABLE_MODELS.has(name))) {
    loads.push(import("@bokeh/bokehjs/build/js/lib/models/widgets/tables/main"))
  }
  await Promise.all(loads)
  const unknown = missing()
  if (unknown.length > 0) {
    throw new BokehSessionError(
      "unknown-model",
      `The document uses model types that BokehJS ${bokehJsVersion} cannot resolve: ${unknown.join(", ")}. ` +
        `They come from a Bokeh extension or a library such as Panel: load that library's JavaScript in the page ` +
        `before the element connects, or use an app built from Bokeh's own models.`,
    )
  }
}

