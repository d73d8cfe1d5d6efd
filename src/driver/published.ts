/**
 * The custom model code an app published with python/bokeh_session_models.py: a ColumnDataSource named
 * `bokeh-session-models` in the document, read from the document's JSON because it must run before the rest of the
 * document can be deserialized. Pure: no BokehJS, no DOM.
 */
import {forEachJsonObject} from "./models.js"

export const MODELS_SOURCE_NAME = "bokeh-session-models"

export interface PublishedExtension {
  /** The bundle's path under the server's root, as autoload.js names it: `static/extensions/<package>/<file>`. */
  readonly path: string
  /** The Bokeh that built it (from the extension's `.bokeh`), or "" when unknown. */
  readonly bokehVersion: string
}

export interface PublishedModels {
  /** By package: the first segment of its models' type names (`acc_pkg_ext.Hello` -> `acc_pkg_ext`). */
  readonly extensions: ReadonlyMap<string, PublishedExtension>
  /** The compiled code of the app's inline TypeScript models (`__implementation__`), as autoload.js inlines it. */
  readonly inline: readonly string[]
}

/** The published models of a serialized document, or null when the app published none. */
export function readPublishedModels(docJson: unknown): PublishedModels | null {
  const source = findModelsSource(docJson)
  if (source == null) {
    return null
  }
  const columns = entriesOf(source.data)
  const column = (name: string): unknown[] => {
    const value = columns.get(name)
    return Array.isArray(value) ? value : []
  }
  const kinds = column("kind")
  const names = column("name")
  const sources = column("source")
  const versions = column("bokeh_version")
  const extensions = new Map<string, PublishedExtension>()
  const inline: string[] = []
  kinds.forEach((kind, row) => {
    const name = names[row]
    const code = sources[row]
    const version = typeof versions[row] === "string" ? versions[row] : ""
    if (typeof code !== "string") {
      return
    }
    if (kind === "extension" && typeof name === "string") {
      extensions.set(name, {path: code, bokehVersion: version})
    } else if (kind === "inline") {
      inline.push(code)
    }
  })
  return {extensions, inline}
}

/** The package a type name belongs to (`acc_pkg_ext.Hello` -> `acc_pkg_ext`), or null for a name without one. */
export function packageOf(type: string): string | null {
  const dot = type.indexOf(".")
  const name = dot === -1 ? null : type.slice(0, dot)
  // A Python package name: it becomes a path segment of the bundle's URL, so nothing else is accepted.
  return name != null && /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : null
}

function findModelsSource(docJson: unknown): {data: unknown} | null {
  let found: {data: unknown} | null = null
  forEachJsonObject(docJson, (record) => {
    if (record.type === "object" && record.name === "ColumnDataSource") {
      const attributes = entriesOf(record.attributes)
      if (attributes.get("name") === MODELS_SOURCE_NAME) {
        found = {data: attributes.get("data")}
        return true
      }
    }
    return false
  })
  return found
}

/** A serialized mapping: Bokeh's `{type: "map", entries: [[key, value]]}` or a plain object. */
function entriesOf(value: unknown): Map<unknown, unknown> {
  if (value === null || typeof value !== "object") {
    return new Map()
  }
  const record = value as Record<string, unknown>
  if (record.type === "map") {
    return new Map(Array.isArray(record.entries) ? (record.entries as [unknown, unknown][]) : [])
  }
  return new Map(Object.entries(record))
}
