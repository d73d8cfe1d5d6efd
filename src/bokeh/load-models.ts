/**
 * Loads the BokehJS code a document needs, and only that, before BokehJS deserializes it: widgets and tables are
 * separate chunks that a plot-only document never fetches, and MathJax (~600 KB gzip) is fetched only for a
 * document that typesets math. A PATCH-DOC that adds models is read the same way before it is applied.
 */
// The core models register first, so that `coreModels` below is exactly the core's.
import "@bokeh/bokehjs/build/js/lib/models/main"
import {default_resolver} from "@bokeh/bokehjs/build/js/lib/base"
import {default_provider} from "@bokeh/bokehjs/build/js/lib/models/text/providers"
import {version as bokehJsVersion} from "@bokeh/bokehjs/build/js/lib/version"
import {BokehSessionError, loaded} from "../core/errors.js"
import {unknownModels} from "./failures.js"
import {readPublishedModels, type PublishedModels} from "./published.js"
import {OPTIONAL_BUNDLES, rememberBundles, type OptionalBundle} from "../core/bundles.js"
import {TABLE_MODELS, documentUsesMath, referencedModelTypes} from "./models.js"

// No optional bundle can register before this module runs (they are loaded by it), so these are the core's.
const coreModels = new Set(default_resolver.names)

/** The bundles passed to rememberBundles during this page load. */
const remembered = new Set<OptionalBundle>()

/** What resolves type names: BokehJS's default resolver, or a document's (which adds the document's `defs`). */
export interface TypeResolver {
  get(name: string): unknown
}

/** How one connection loads the code of types that neither BokehJS nor its optional bundles have. */
export interface CustomModels {
  /** False for extensions="none": nothing is loaded, such types are `unknown-model` at once. */
  readonly enabled: boolean
  /** The app URL (`http://host:5006/app`): custom model code comes from its origin only. */
  readonly appUrl: string
  /** What the app published (python/bokeh_session_models.py), from the first document or a later patch. */
  published: PublishedModels | null
  warn(message: string): void
}

/** Registers the models the first document needs (widgets, tables, extensions), loading their code only then. */
export async function loadModelsFor(docJson: unknown, custom: CustomModels): Promise<void> {
  await prepare(docJson, default_resolver, true, custom)
}

/**
 * The same for a patch of a live document: null when everything it needs is already there (the patch can apply
 * at once, in the same task, as BokehJS would), else a promise that settles once it is. Throws (or rejects
 * with) `unknown-model` for types that nothing resolves, before anything is applied.
 */
export function prepareModelsForPatch(
  patch: unknown,
  resolver: TypeResolver,
  custom: CustomModels,
): Promise<void> | null {
  return prepare(patch, resolver, false, custom)
}

function prepare(
  json: unknown,
  resolver: TypeResolver,
  isDocument: boolean,
  custom: CustomModels,
): Promise<void> | null {
  const types = [...referencedModelTypes(json)]
  const missing = (): string[] => types.filter((name) => resolver.get(name) == null)
  // Every type that neither the core nor the document's own definitions provide comes from the widgets bundle,
  // or from the tables bundle (which needs the widgets too); a type in neither is reported once both are loaded.
  const optional = types.filter(
    (name) => !coreModels.has(name) && (default_resolver.get(name) != null || resolver.get(name) == null),
  )
  const bundles: OptionalBundle[] = []
  if (optional.length > 0) {
    bundles.push("widgets")
    if (optional.some((name) => TABLE_MODELS.has(name))) {
      bundles.push("tables")
    }
  }
  // Remembered even when already loaded (prefetched): the next visit should prefetch them again. Patches come
  // often, so they write to storage only when they need a bundle no document of this page load needed.
  if (isDocument || bundles.some((name) => !remembered.has(name))) {
    rememberBundles(bundles)
    bundles.forEach((name) => remembered.add(name))
  }
  // Imported again on every need: a failed import (load-failed) is not kept, so the next connect fetches anew.
  const loads: Promise<unknown>[] = missing().length > 0 ? bundles.map((name) => loaded(OPTIONAL_BUNDLES[name]())) : []
  const mathJax = prepareMathJax(json)
  if (mathJax != null) {
    loads.push(mathJax)
  }
  const check = (): void => {
    const unknown = missing()
    if (unknown.length > 0) {
      throw unknownModels(unknown, bokehJsVersion)
    }
  }
  if (loads.length === 0) {
    check()
    return null
  }
  return Promise.all(loads).then(async () => {
    const unknown = missing()
    if (unknown.length === 0) {
      return
    }
    if (!custom.enabled) {
      throw unknownModels(unknown, bokehJsVersion, "off")
    }
    // Read only now: most documents and patches have no custom models, and a walk of a large patch costs time.
    custom.published = readPublishedModels(json) ?? custom.published
    const {loadExtensions} = await import("./extensions.js")
    const outcome = await loadExtensions(missing, custom)
    const still = missing()
    if (still.length > 0) {
      throw unknownModels(still, bokehJsVersion, outcome)
    }
  })
}

/** Whether this module, not a real failure, set BokehJS's MathJax provider to "failed". */
let mathJaxDeclined = false

/**
 * Every BokehJS widget view awaits `default_provider.fetch()`, which in a bundled build always imports the ~2 MB
 * MathJax chunk (BokehJS's own bundles skip it only because bokeh-mathjax.js may be absent). "failed" is
 * BokehJS's state for "no MathJax, show TeX as text": views then render at once. A later document or patch that
 * does use math resets it and fetches MathJax, in parallel with its other bundles.
 */
function prepareMathJax(json: unknown): Promise<void> | null {
  if (documentUsesMath(json)) {
    if (mathJaxDeclined && default_provider.status === "failed") {
      default_provider.status = "not_started"
    }
    mathJaxDeclined = false
    return default_provider.status === "not_started" ? fetchMathJax() : null
  }
  if (default_provider.status === "not_started") {
    default_provider.status = "failed"
    mathJaxDeclined = true
  }
  return null
}

/**
 * BokehJS's provider swallows a failed import of its MathJax chunk ("failed": TeX then shows as source text), so
 * the failure is reported here, and the provider is reset so that the next document (a restart) fetches again.
 */
async function fetchMathJax(): Promise<void> {
  await default_provider.fetch()
  if (default_provider.status === "failed") {
    default_provider.status = "not_started"
    throw new BokehSessionError(
      "load-failed",
      "Could not load BokehJS's MathJax chunk (bokehjs-mathjax), which this document's TeX needs: reload the " +
        "page (restart() fetches it again only in a browser that does not keep failed module loads until a reload).",
    )
  }
}
