// Only the session code merges the app URL's query into the arguments: a module of its own keeps it out of the
// first script (a bundler places a module, not a function, in a chunk).
import {checkSize, createRecord, type NormalizedArguments} from "./arguments.js"

/**
 * The arguments in the app URL's query (`http://host/app?theme=dark`) merged with the `arguments` input: names only
 * in the URL are added first, and a name in both takes the `arguments` values (all of them, replacing the URL's).
 */
export function mergeArguments(fromUrl: NormalizedArguments, given: NormalizedArguments): NormalizedArguments {
  const merged = createRecord<string[]>()
  for (const [name, values] of Object.entries(fromUrl)) {
    if (!Object.hasOwn(given, name)) {
      merged[name] = [...values]
    }
  }
  for (const [name, values] of Object.entries(given)) {
    merged[name] = [...values]
  }
  checkSize(merged)
  return merged
}
