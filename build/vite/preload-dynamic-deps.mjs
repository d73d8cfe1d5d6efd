// No module waterfall: a dynamic `import()` of a chunk also asks, in the same round, for every chunk that chunk
// imports statically (and they import, transitively) that the importing chunk does not already have. Without it the
// browser discovers those only after it has downloaded and parsed the imported chunk: BokehJS's core chunk imports
// the bundler's runtime helpers, so the runtime came one round trip after the 287 KB core (cold, and warm wherever
// the server makes the browser revalidate), and the widget bundles' shared base one round trip after them.
// Vite does this for apps (`__vitePreload`, with <link rel="modulepreload">) but not in library mode. Here the
// rewritten expression imports them all at once, `Promise.all([import(dependency), import(chunk)]).then((m) => m[1])`:
// no helper function in the first script (whose 10 KB budget has no room for one), and one rejection, handled by the
// caller, when any of them fails to load. The dependencies evaluate a little earlier than before, right after their
// own imports: bundler chunks state every dependency as an import, so nothing else can depend on that order.

/** `to` relative to the folder of `from` (both bundle file names), as an `import()` specifier. */
function relativeSpecifier(from, to) {
  const fromParts = from.split("/").slice(0, -1)
  const toParts = to.split("/")
  while (fromParts.length > 0 && fromParts[0] === toParts[0]) {
    fromParts.shift()
    toParts.shift()
  }
  const up = fromParts.map(() => "..")
  return up.length === 0 ? `./${toParts.join("/")}` : [...up, ...toParts].join("/")
}

/** `specifier` (as written in `from`) resolved to a bundle file name. */
function resolveSpecifier(from, specifier) {
  const parts = from.split("/").slice(0, -1)
  for (const part of specifier.split("/")) {
    if (part === "..") parts.pop()
    else if (part !== ".") parts.push(part)
  }
  return parts.join("/")
}

/**
 * Rewrites, in place, the code of every chunk whose dynamic imports load chunks with static dependencies it does not
 * already have.
 * @param {Map<string, {fileName: string, code: string, imports: string[], dynamicImports: string[]}>} chunks by
 *   file name (the bundle's chunks)
 */
export function preloadDependencies(chunks) {
  /** Every chunk `fileName` imports statically, transitively. */
  const staticClosure = (fileName, seen = new Set()) => {
    for (const dependency of chunks.get(fileName)?.imports ?? []) {
      if (!seen.has(dependency)) {
        seen.add(dependency)
        staticClosure(dependency, seen)
      }
    }
    return seen
  }
  for (const chunk of chunks.values()) {
    if (chunk.dynamicImports.length === 0) {
      continue
    }
    const loaded = staticClosure(chunk.fileName).add(chunk.fileName)
    // The minifier writes every dynamic import of a chunk as import(`./name-hash.js`).
    chunk.code = chunk.code.replace(/import\(`([^`$]+\.js)`\)/g, (expression, specifier) => {
      const target = resolveSpecifier(chunk.fileName, specifier)
      if (!chunk.dynamicImports.includes(target)) {
        return expression
      }
      const missing = [...staticClosure(target)].filter((dependency) => !loaded.has(dependency))
      if (missing.length === 0) {
        return expression
      }
      const dependencies = missing.map((dependency) => `import(\`${relativeSpecifier(chunk.fileName, dependency)}\`),`)
      return `Promise.all([${dependencies.join("")}${expression}]).then(m=>m[${missing.length}])`
    })
  }
}

export function preloadDynamicDependencies() {
  return {
    name: "bokeh-session:preload-dynamic-dependencies",
    /**
     * Rewrites the finished chunks. Their names stay valid: a chunk's hash already covers the names of the chunks
     * it imports, and those cover their own static imports, which are all that the rewrite adds.
     */
    generateBundle(_options, bundle) {
      preloadDependencies(
        new Map(
          Object.values(bundle)
            .filter((output) => output.type === "chunk")
            .map((chunk) => [chunk.fileName, chunk]),
        ),
      )
    },
  }
}
