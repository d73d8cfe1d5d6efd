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

/** Every chunk `fileName` imports statically, transitively. */
function staticClosure(chunks, fileName, seen = new Set()) {
  for (const dependency of chunks.get(fileName)?.imports ?? []) {
    if (!seen.has(dependency)) {
      seen.add(dependency)
      staticClosure(chunks, dependency, seen)
    }
  }
  return seen
}

/** Every chunk `fileName` imports, statically or dynamically, transitively. */
function reachable(chunks, fileName, seen = new Set()) {
  const chunk = chunks.get(fileName)
  for (const dependency of [...(chunk?.imports ?? []), ...(chunk?.dynamicImports ?? [])]) {
    if (!seen.has(dependency)) {
      seen.add(dependency)
      reachable(chunks, dependency, seen)
    }
  }
  return seen
}

/**
 * Rewrites, in place, the code of every chunk whose dynamic imports load chunks with static dependencies it does not
 * already have.
 * @param {Map<string, {fileName: string, code: string, imports: string[], dynamicImports: string[]}>} chunks by
 *   file name (the bundle's chunks)
 */
export function preloadDependencies(chunks) {
  for (const chunk of chunks.values()) {
    if (chunk.dynamicImports.length === 0) {
      continue
    }
    const loaded = staticClosure(chunks, chunk.fileName).add(chunk.fileName)
    // The minifier writes every dynamic import of a chunk as import(`./name-hash.js`).
    chunk.code = chunk.code.replace(/import\(`([^`$]+\.js)`\)/g, (expression, specifier) => {
      const target = resolveSpecifier(chunk.fileName, specifier)
      if (!chunk.dynamicImports.includes(target)) {
        return expression
      }
      const missing = [...staticClosure(chunks, target)].filter((dependency) => !loaded.has(dependency))
      if (missing.length === 0) {
        return expression
      }
      const dependencies = missing.map((dependency) => `import(\`${relativeSpecifier(chunk.fileName, dependency)}\`),`)
      return `Promise.all([${dependencies.join("")}${expression}]).then(m=>m[${missing.length}])`
    })
  }
}

/** A string literal `"chunks-of:<module path>"` (in any quotes), which `chunkLists` fills in. */
const CHUNKS_OF = /([`"'])chunks-of:([\w./-]+)\1/g

/**
 * Writes, in place of every `"chunks-of:src/x.ts"` string in a chunk's code, the chunks that an `import()` of that
 * module fetches, as specifiers relative to the chunk, separated by spaces: the module's own chunk first, then the
 * chunks it imports statically (transitively) that the chunk with the string does not import itself (statically,
 * or by an import() of its own, which fetches them when it runs). Code then
 * fetches them without running them (`<link rel="modulepreload">`) and imports the module later. The chunk must
 * reach that module by its imports, static or dynamic: its hash then covers those names, as a chunk's hash covers
 * the names of the chunks it imports (see the plugin's `generateBundle`).
 * @param {Map<string, {fileName: string, code: string, imports: string[], dynamicImports: string[],
 *   moduleIds: string[], facadeModuleId?: string | null}>} chunks by file name (the bundle's chunks)
 */
export function chunkLists(chunks) {
  for (const chunk of chunks.values()) {
    chunk.code = chunk.code.replace(CHUNKS_OF, (_literal, quote, path) => {
      const named = (id) => id != null && id.replaceAll("\\", "/").endsWith(`/${path}`)
      const candidates = [...chunks.values()]
      const target =
        candidates.find((candidate) => named(candidate.facadeModuleId)) ??
        candidates.find((candidate) => candidate.moduleIds.some(named))
      if (target == null || !reachable(chunks, chunk.fileName).has(target.fileName)) {
        const problem = target == null ? "no module of the bundle" : "a module it does not import"
        throw new Error(`${chunk.fileName}: "chunks-of:${path}" names ${problem}`)
      }
      // What it imports itself, by import() as well: fetched when it imports them.
      const loaded = new Set([...staticClosure(chunks, chunk.fileName), ...chunk.dynamicImports, chunk.fileName])
      const fetched = [target.fileName, ...staticClosure(chunks, target.fileName)].filter((name) => !loaded.has(name))
      return `${quote}${fetched.map((name) => relativeSpecifier(chunk.fileName, name)).join(" ")}${quote}`
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
      const chunks = new Map(
        Object.values(bundle)
          .filter((output) => output.type === "chunk")
          .map((chunk) => [chunk.fileName, chunk]),
      )
      chunkLists(chunks)
      preloadDependencies(chunks)
    },
  }
}
