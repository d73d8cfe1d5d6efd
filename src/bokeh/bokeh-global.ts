/**
 * The `Bokeh` global that BokehJS's own bundles define (bokeh.min.js) and that CustomJS code, Bokeh's docs and
 * extensions use: `Bokeh.require("core/util/pretty")`, `Bokeh.documents`, `Bokeh.index`, `Bokeh.version`,
 * `Bokeh.register_plugin(...)`. This ES-module build has no module loader, so `require` answers from a static map
 * of the BokehJS modules below (all in the core chunk already), plus the modules that plugins register. A module's
 * namespace object keeps every export of the module, used or not: these cost ~4.7 KB gzip on every page, all the
 * core chunk's 517 modules would cost ~23 KB, and `core/dom` alone 2 KB. So the map holds what CustomJS code and
 * extensions commonly use; add a name here when one is missing (the error lists the names it has).
 */
import * as base from "@bokeh/bokehjs/build/js/lib/base.js"
import * as client_connection from "@bokeh/bokehjs/build/js/lib/client/connection.js"
import * as client_session from "@bokeh/bokehjs/build/js/lib/client/session.js"
import * as core_bokeh_events from "@bokeh/bokehjs/build/js/lib/core/bokeh_events.js"
import * as core_dom_view from "@bokeh/bokehjs/build/js/lib/core/dom_view.js"
import * as core_has_props from "@bokeh/bokehjs/build/js/lib/core/has_props.js"
import * as core_logging from "@bokeh/bokehjs/build/js/lib/core/logging.js"
import * as core_properties from "@bokeh/bokehjs/build/js/lib/core/properties.js"
import * as core_settings from "@bokeh/bokehjs/build/js/lib/core/settings.js"
import * as core_signaling from "@bokeh/bokehjs/build/js/lib/core/signaling.js"
import * as core_util_array from "@bokeh/bokehjs/build/js/lib/core/util/array.js"
import * as core_util_assert from "@bokeh/bokehjs/build/js/lib/core/util/assert.js"
import * as core_util_color from "@bokeh/bokehjs/build/js/lib/core/util/color.js"
import * as core_util_eq from "@bokeh/bokehjs/build/js/lib/core/util/eq.js"
import * as core_util_math from "@bokeh/bokehjs/build/js/lib/core/util/math.js"
import * as core_util_object from "@bokeh/bokehjs/build/js/lib/core/util/object.js"
import * as core_util_pretty from "@bokeh/bokehjs/build/js/lib/core/util/pretty.js"
import * as core_util_string from "@bokeh/bokehjs/build/js/lib/core/util/string.js"
import * as core_util_templating from "@bokeh/bokehjs/build/js/lib/core/util/templating.js"
import * as core_util_types from "@bokeh/bokehjs/build/js/lib/core/util/types.js"
import * as core_view from "@bokeh/bokehjs/build/js/lib/core/view.js"
import * as document_index from "@bokeh/bokehjs/build/js/lib/document/index.js"
import * as embed_standalone from "@bokeh/bokehjs/build/js/lib/embed/standalone.js"
import * as model from "@bokeh/bokehjs/build/js/lib/model.js"
import * as models_layouts_layout_dom from "@bokeh/bokehjs/build/js/lib/models/layouts/layout_dom.js"
import * as models_ui_ui_element from "@bokeh/bokehjs/build/js/lib/models/ui/ui_element.js"
import * as protocol_message from "@bokeh/bokehjs/build/js/lib/protocol/message.js"
import * as version from "@bokeh/bokehjs/build/js/lib/version.js"
import {scopeDocumentCode} from "./document-function.js"

/** The BokehJS modules `Bokeh.require` knows, by their path under BokehJS's lib/ (as in BokehJS's own bundle). */
const BOKEHJS_MODULES: ReadonlyMap<string, object> = new Map<string, object>([
  ["base", base],
  ["client/connection", client_connection],
  ["client/session", client_session],
  ["core/bokeh_events", core_bokeh_events],
  ["core/dom_view", core_dom_view],
  ["core/has_props", core_has_props],
  ["core/logging", core_logging],
  ["core/properties", core_properties],
  ["core/settings", core_settings],
  ["core/signaling", core_signaling],
  ["core/util/array", core_util_array],
  ["core/util/assert", core_util_assert],
  ["core/util/color", core_util_color],
  ["core/util/eq", core_util_eq],
  ["core/util/math", core_util_math],
  ["core/util/object", core_util_object],
  ["core/util/pretty", core_util_pretty],
  ["core/util/string", core_util_string],
  ["core/util/templating", core_util_templating],
  ["core/util/types", core_util_types],
  ["core/view", core_view],
  ["document", document_index],
  ["document/index", document_index],
  ["embed/standalone", embed_standalone],
  ["model", model],
  ["models/layouts/layout_dom", models_layouts_layout_dom],
  ["models/ui/ui_element", models_ui_ui_element],
  ["protocol/message", protocol_message],
  ["version", version],
])

/** A module of a plugin bundle, in the format of BokehJS's bundler (`bokeh build` writes the same). */
type PluginModule = (
  require: (name: string | number) => unknown,
  module: {exports: Record<string, unknown>},
  exports: Record<string, unknown>,
  esModule: () => void,
  esExport: (name: string, value: unknown) => void,
) => void

/** The global's shape: BokehJS's main exports, `require`, `loader` and `register_plugin`, as in bokeh.min.js. */
export type BokehGlobal = Record<string, unknown> & {
  readonly version: string
  require(name: string | number): unknown
  register_plugin(
    modules: Record<string, PluginModule>,
    entry: string | number,
    aliases?: Record<string, string | number>,
    externals?: Record<string, boolean>,
  ): Record<string, unknown>
}

const pluginModules = new Map<string, PluginModule>()
/** Modules added after load (src/bokeh/extensions.ts adds tslib and more of BokehJS before it runs an extension). */
const providedModules = new Map<string, object>()

/** Makes `require(name)` answer with `exports` (for names this build's static map lacks). */
export function provideModules(modules: Iterable<[string, object]>): void {
  for (const [name, exports] of modules) {
    providedModules.set(name, exports)
  }
}
const pluginAliases = new Map<string, string>()
const loaded = new Map<string, {exports: Record<string, unknown>}>()

/** Bokeh's bundle accepts "@bokehjs/core/dom", "core/dom", "core/dom.js" and "models/dom/" (its index) alike. */
function candidates(name: string): string[] {
  const path = name.replace(/^@bokehjs\//, "").replace(/\.js$/, "")
  const trimmed = path.replace(/\/$/, "")
  return [name, path, trimmed, `${trimmed}/index`]
}

function requireModule(name: string | number): unknown {
  const key = String(name)
  if (key === "bokehjs" || key === "main" || key === "index") {
    return bokeh
  }
  for (const candidate of candidates(key)) {
    const id = pluginAliases.get(candidate) ?? candidate
    const instance = loaded.get(id)
    if (instance != null) {
      return instance.exports
    }
    const factory = pluginModules.get(id)
    if (factory != null) {
      return instantiate(id, factory)
    }
    const builtin = BOKEHJS_MODULES.get(candidate) ?? providedModules.get(candidate)
    if (builtin != null) {
      return builtin
    }
  }
  throw Object.assign(
    new Error(
      `Bokeh.require("${key}"): bokeh-session's BokehJS ${version.version} build has no module "${key}". It provides ` +
        `${[...BOKEHJS_MODULES.keys(), ...providedModules.keys()].join(", ")}, and the modules of registered plugins.`,
    ),
    {code: "MODULE_NOT_FOUND"},
  )
}

/** Runs a plugin module once, as BokehJS's bundle does (CommonJS with ES-module export helpers). */
function instantiate(id: string, factory: PluginModule): Record<string, unknown> {
  const module: {exports: Record<string, unknown>} = {exports: {}}
  loaded.set(id, module)
  const esModule = (): void => {
    Object.defineProperty(module.exports, "__esModule", {value: true})
  }
  const esExport = (name: string, value: unknown): void => {
    Object.defineProperty(module.exports, name, {enumerable: true, get: () => value})
  }
  try {
    factory.call(module.exports, requireModule, module, module.exports, esModule, esExport)
  } catch (error) {
    loaded.delete(id)
    throw error
  }
  return module.exports
}

/**
 * Adds a plugin bundle's modules (what Bokeh's widget bundles and `bokeh build` extensions call on load) and runs
 * its entry. Its models register with this build's BokehJS, through `require("@bokehjs/base").register_models`.
 */
function registerPlugin(
  modules: Record<string, PluginModule>,
  entry: string | number,
  aliases: Record<string, string | number> = {},
): Record<string, unknown> {
  for (const [id, factory] of Object.entries(modules)) {
    pluginModules.set(id, factory)
  }
  for (const [name, id] of Object.entries(aliases)) {
    pluginAliases.set(name, String(id))
  }
  const plugin = requireModule(entry) as Record<string, unknown>
  for (const [name, value] of Object.entries(plugin)) {
    bokeh[name] = value
  }
  return plugin
}

/** This build's `Bokeh`, whether or not it is `window.Bokeh` (see installBokehGlobal). */
export const bokeh: BokehGlobal = {
  version: version.version,
  // BokehJS's main module (lib/index.js) exports these; `embed` here has what the core chunk holds.
  index: embed_standalone.index,
  documents: document_index.documents,
  Models: base.Models,
  embed: {add_document_standalone: embed_standalone.add_document_standalone, index: embed_standalone.index},
  logger: core_logging.logger,
  set_log_level: core_logging.set_log_level,
  settings: core_settings.settings,
  require: requireModule,
  // `Bokeh.loader["@bokehjs/core/dom"]`, as in bokeh.min.js.
  loader: new Proxy({}, {get: (_target, name) => (typeof name === "string" ? requireModule(name) : undefined)}),
  register_plugin: registerPlugin,
  // No `__bokeh__` mark: a bokeh.min.js that loads later (a page's Bokeh embed, added after an element) keeps a
  // marked `window.Bokeh` and adds only itself to it as `Bokeh["3.9.2"]`, so the embed would call `Bokeh.safely`
  // and `Bokeh.embed.embed_item` on this partial global and never render. Unmarked, it takes `window.Bokeh`.
}
bokeh[bokeh.version] = bokeh
// Code a document brings (CustomJS, ...) sees this global as `Bokeh`, whichever `window.Bokeh` the page ends up with.
scopeDocumentCode(bokeh)

/**
 * Defines `window.Bokeh` unless the page already has one (Bokeh's own bundle, another bokeh-session build, or the
 * page's own object): that one is left as it is, not merged, because merging two BokehJS copies would make
 * `documents`, `index` and the model registry answer for one copy or the other at random. Bokeh's own bundle,
 * loading later, replaces this one (it is not marked as Bokeh's). Code of this package that needs this build's
 * registry uses `bokeh` directly, and so does the code of this build's documents (document-function.ts).
 */
export function installBokehGlobal(): void {
  const scope = globalThis as {Bokeh?: unknown}
  if (scope.Bokeh === undefined) {
    scope.Bokeh = bokeh
  }
}
