/**
 * Loads the code of custom models from the app's own Bokeh server, as Bokeh's own embed (autoload.js) does: the
 * bundles of packaged extensions (`<server>/static/extensions/<package>/<file>.js`, what `bokeh build` writes and
 * the server serves; Panel is one) and the compiled code of inline TypeScript models (`__implementation__`). Both
 * come from what the server's autoload.js for this session names (embed-resources.ts), or from what the app
 * published (python/bokeh_session_models.py), or, for a bundle, from Bokeh's convention for its path. Loaded only
 * when a document or patch names a type nothing else resolves. How a script runs against the right BokehJS is the
 * implementation's (`ExtensionContext`).
 */
import type {EmbedResources} from "./embed-resources.js"
import {packageOf, type PublishedModels} from "./published.js"

/** How one connection loads custom model code, against its BokehJS. */
export interface ExtensionContext {
  /** The app URL (`http://host:5006/app`): code is loaded from its origin only. */
  readonly appUrl: string
  /** What the app published (python/bokeh_session_models.py), if anything. */
  readonly published: PublishedModels | null
  /** What the server's own embed of this session loads (its autoload.js); null when it cannot be read. */
  embedResources(): Promise<EmbedResources | null>
  /** Loads a bundle against this BokehJS, once per page; rejects when it cannot be fetched. */
  loadBundle(url: string): Promise<void>
  /** Runs inline model code against this BokehJS, once per page. */
  runInline(code: string): void
  /** Called with the URL of each bundle that loaded (e.g. to compare the BokehJS version it was built for). */
  loadedBundle?(name: string, url: string, builtWith: string | null): void
}

/** What a load tried, for the `unknown-model` message when types are still missing after it. */
export interface ExtensionAttempt {
  /** The bundle URLs tried that did not load (404, refused, network). */
  readonly failed: string[]
  /** The bundle URLs that loaded (a bundle that throws, e.g. on a module this build lacks, still loads). */
  readonly loaded: string[]
  /** Whether inline model code (the app's published code, or its server's autoload.js) ran. */
  readonly ranInline: boolean
}

/** Loads the code for the types `missing()` names (those BokehJS cannot resolve yet) from the app's server. */
export async function loadExtensions(
  missing: () => readonly string[],
  context: ExtensionContext,
): Promise<ExtensionAttempt> {
  const published = context.published
  let ranInline = false
  for (const code of published?.inline ?? []) {
    ranInline = true
    context.runInline(code)
  }
  // Inline code first: its types need no bundle (and may have dotted names, like a package's). Then what the
  // server's own embed would run for this session: its inline models' code and its extensions' URLs.
  const embed = missing().length > 0 ? await context.embedResources() : null
  if (embed != null && missing().length > 0) {
    // autoload.js carries the code of every inline model its server process knows, whichever app defined it: only
    // the entries that define a missing type run (a model's code names it: `InlineHello.__name__ = "InlineHello"`),
    // so that a page whose policy has no 'unsafe-inline' runs none that this document does not need.
    const wanted = missing().map((name) => `"${name.split(".").pop()}"`)
    for (const code of embed.inline.filter((entry) => wanted.some((name) => entry.includes(name)))) {
      ranInline = true
      context.runInline(code)
    }
  }
  const packages = new Set(
    missing()
      .map(packageOf)
      .filter((name): name is string => name != null),
  )
  const failed: string[] = []
  const loaded: string[] = []
  await Promise.all(
    [...packages].map(async (name) => {
      const entry = published?.extensions.get(name)
      // Published: the exact file autoload.js names. Else what the server's autoload.js names, else Bokeh's
      // convention for `bokeh build` output: the server serves `<package>.min.js` (its default, minified resources)
      // or `<package>.js`.
      const named = embed?.extensions.filter((url) => new URL(url).pathname.includes(`/extensions/${name}/`)) ?? []
      const paths =
        entry != null
          ? [entry.path]
          : named.length > 0
            ? named
            : [`static/extensions/${name}/${name}.min.js`, `static/extensions/${name}/${name}.js`]
      for (const path of paths) {
        const url = sameOriginUrl(path, context.appUrl)
        if (url == null) {
          failed.push(`${path} (not on the app's server, refused)`)
          continue
        }
        try {
          await context.loadBundle(url)
        } catch {
          failed.push(url)
          continue
        }
        loaded.push(url)
        context.loadedBundle?.(name, url, entry?.bokehVersion || null)
        return
      }
    }),
  )
  return {failed, loaded, ranInline}
}

/** `path` resolved against the app URL, or null when it leaves the app's origin. */
function sameOriginUrl(path: string, appUrl: string): string | null {
  const app = new URL(appUrl)
  // Relative to the app's parent: `http://host/prefix/app` + `static/...` -> `http://host/prefix/static/...`, where
  // a server started with --prefix serves its static files.
  const url = new URL(path, app)
  return url.origin === app.origin ? url.href : null
}

/** Once per key and page: a failed load is forgotten, so that the next document or patch tries again. */
export function once(cache: Map<string, Promise<void>>, key: string, load: () => Promise<void>): Promise<void> {
  let loading = cache.get(key)
  if (loading == null) {
    loading = load()
    cache.set(key, loading)
    loading.catch(() => cache.delete(key))
  }
  return loading
}
