/**
 * Loads the code a document needs, and only that, before BokehJS deserializes it (deserialization fails on the first
 * type that is not registered, and leaves a half-built Document behind). A PATCH-DOC that adds models is read the
 * same way before it is applied. Which code that is, and where it comes from, is the BokehJS implementation's
 * (`ModelCode`): the bundled one's chunks, or the server's own bundles.
 */
import {loaded} from "../core/errors.js"
import type {TypeResolver} from "./bokehjs-api.js"
import type {ExtensionOutcome} from "./failures.js"
import {referencedModelTypes} from "./models.js"

/** How one connection loads the model code of its document and patches. */
export interface ModelCode {
  /** The BokehJS release, for the messages. */
  readonly version: string
  /** BokehJS's default resolver (every type its loaded bundles registered). */
  readonly resolver: TypeResolver
  /**
   * Starts loading what `json` needs of BokehJS's own optional code (widgets, tables, WebGL, MathJax), given the
   * types it names and those no resolver knows yet (`missing`); returns the loads, none when nothing is needed.
   * `isDocument`: `json` is a whole document, not a patch.
   */
  loadBundles(
    json: unknown,
    types: readonly string[],
    missing: readonly string[],
    isDocument: boolean,
  ): Promise<unknown>[]
  /** False for extensions="none": custom model code is never loaded, such types are `unknown-model` at once. */
  readonly customEnabled: boolean
  /** Loads custom model code (extensions, inline models) for the types `missing()` names; says what it tried. */
  loadCustom(json: unknown, missing: () => readonly string[]): Promise<ExtensionOutcome>
}

/** Registers the models the first document needs, loading their code only then. */
export async function loadModelsFor(docJson: unknown, code: ModelCode): Promise<void> {
  await prepare(docJson, code.resolver, true, code)
}

/**
 * The same for a patch of a live document: null when everything it needs is already there (the patch can apply
 * at once, in the same task, as BokehJS would), else a promise that settles once it is. Rejects with
 * `unknown-model` for types that nothing resolves, before anything is applied.
 */
export function prepareModelsForPatch(patch: unknown, resolver: TypeResolver, code: ModelCode): Promise<void> | null {
  return prepare(patch, resolver, false, code)
}

function prepare(json: unknown, resolver: TypeResolver, isDocument: boolean, code: ModelCode): Promise<void> | null {
  const types = [...referencedModelTypes(json)]
  const missing = (): string[] => types.filter((name) => resolver.get(name) == null)
  const loads = code.loadBundles(json, types, missing(), isDocument)
  if (loads.length === 0 && missing().length === 0) {
    return null
  }
  return Promise.all(loads).then(async () => {
    if (missing().length === 0) {
      return
    }
    const {unknownModels} = await loaded(import("./failure-code.js"))
    if (!code.customEnabled) {
      throw unknownModels(missing(), code.version, "off")
    }
    const outcome = await code.loadCustom(json, missing)
    const still = missing()
    if (still.length > 0) {
      throw unknownModels(still, code.version, outcome)
    }
  })
}
