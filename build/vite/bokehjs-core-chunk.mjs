// Puts the adapter and everything it imports statically (BokehJS's core) into one chunk. Left to itself, the
// bundler splits the modules that the core shares with the widget bundles into separate chunks, which the browser
// discovers only after it has parsed the adapter chunk: one more round trip before the websocket can open.

/**
 * @param {RegExp} root the module whose static import graph forms the chunk
 * @returns the plugin records the module graph; `groups()` gives the `codeSplitting` groups. Modules that the
 *   entries import statically stay out of the chunk: they go to the entries' shared chunk, which must never
 *   import BokehJS.
 */
export function staticGraphChunk(root) {
  const imports = new Map()
  const entries = new Set()
  let graph = null
  const reachable = (start) => {
    const seen = new Set()
    const pending = [...start]
    while (pending.length > 0) {
      const id = pending.pop()
      if (!seen.has(id)) {
        seen.add(id)
        pending.push(...(imports.get(id) ?? []))
      }
    }
    return seen
  }
  const computed = () => {
    if (graph == null) {
      const light = reachable(entries)
      const roots = [...imports.keys()].filter((id) => root.test(id.replaceAll("\\", "/")))
      graph = {light, members: new Set([...reachable(roots)].filter((id) => !light.has(id)))}
    }
    return graph
  }
  const plugin = {
    name: "bokeh-session:static-graph-chunk",
    buildStart() {
      imports.clear()
      entries.clear()
      graph = null
    },
    moduleParsed(info) {
      imports.set(info.id, info.importedIds)
      if (info.isEntry) {
        entries.add(info.id)
      }
    },
  }
  return {
    plugin,
    /** `codeSplitting.groups`: the chunk, and before it (so that it cannot take them) what the entries share. */
    groups(name, sharedName) {
      return [
        // Not the entry modules themselves: their top-level code (registering the tag) must stay in their own file.
        {name: sharedName, priority: 3, test: (id) => computed().light.has(id) && !entries.has(id)},
        // The bundler's runtime helpers too: only BokehJS's chunks use them, and as a chunk of their own they would
        // be one more file fetched only after the core is parsed.
        {name, priority: 1, test: (id) => computed().members.has(id) || /rolldown[\\/]runtime/.test(id)},
      ]
    },
  }
}
