import {describe, expect, it} from "vitest"
import {chunkLists, preloadDependencies} from "./preload-dynamic-deps.mjs"

interface Chunk {
  fileName: string
  code: string
  imports: string[]
  dynamicImports: string[]
  moduleIds: string[]
  facadeModuleId: string | null
}

function bundle(...chunks: Chunk[]): Map<string, Chunk> {
  return new Map(chunks.map((chunk) => [chunk.fileName, chunk]))
}
const chunk = (
  fileName: string,
  code = "",
  imports: string[] = [],
  dynamicImports: string[] = [],
  moduleIds: string[] = [],
): Chunk => ({fileName, code, imports, dynamicImports, moduleIds, facadeModuleId: moduleIds.at(-1) ?? null})

describe("preloadDependencies", () => {
  it("imports a lazily loaded chunk's static dependencies together with it, and returns the chunk's module", () => {
    const chunks = bundle(
      chunk("chunks/first.js", "f=()=>import(`./core.js`)", [], ["chunks/core.js"]),
      chunk("chunks/core.js", "", ["chunks/runtime.js"]),
      chunk("chunks/runtime.js"),
    )
    preloadDependencies(chunks)
    expect(chunks.get("chunks/first.js")!.code).toBe(
      "f=()=>Promise.all([import(`./runtime.js`),import(`./core.js`)]).then(m=>m[1])",
    )
  })

  it("follows static imports transitively and leaves out what the importing chunk already loads", () => {
    const chunks = bundle(
      chunk("chunks/first.js", "import(`./tables.js`)", ["chunks/shared.js"], ["chunks/tables.js"]),
      chunk("chunks/shared.js"),
      chunk("chunks/tables.js", "", ["chunks/widget.js", "chunks/shared.js"]),
      chunk("chunks/widget.js", "", ["chunks/core.js", "chunks/shared.js"]),
      chunk("chunks/core.js"),
    )
    preloadDependencies(chunks)
    expect(chunks.get("chunks/first.js")!.code).toBe(
      "Promise.all([import(`./widget.js`),import(`./core.js`),import(`./tables.js`)]).then(m=>m[2])",
    )
  })

  it("writes the dependencies relative to the importing chunk's folder", () => {
    const chunks = bundle(
      chunk("entry.js", "import(`./chunks/core.js`)", [], ["chunks/core.js"]),
      chunk("chunks/core.js", "", ["chunks/runtime.js"]),
      chunk("chunks/runtime.js"),
    )
    preloadDependencies(chunks)
    expect(chunks.get("entry.js")!.code).toBe(
      "Promise.all([import(`./chunks/runtime.js`),import(`./chunks/core.js`)]).then(m=>m[1])",
    )
  })

  it("leaves alone imports without missing dependencies and import() of anything but the bundle's chunks", () => {
    const code = "import(`./leaf.js`);import(`./elsewhere.js`);import(url)"
    const chunks = bundle(
      chunk("chunks/first.js", code, [], ["chunks/leaf.js"]),
      chunk("chunks/leaf.js", "", []),
      chunk("chunks/elsewhere.js", "", ["chunks/leaf.js"]),
    )
    preloadDependencies(chunks)
    expect(chunks.get("chunks/first.js")!.code).toBe(code)
  })
})

describe("chunkLists", () => {
  it("writes the chunks an import of the module fetches that the chunk does not load itself, relative to it", () => {
    const chunks = bundle(
      chunk("entry.js", "const c=`chunks-of:src/bokeh/adapter.ts`", ["chunks/shared.js"], ["chunks/session.js"]),
      chunk("chunks/shared.js"),
      chunk("chunks/session.js", "import(`./core.js`)", ["chunks/shared.js"], ["chunks/core.js"]),
      chunk(
        "chunks/core.js",
        "",
        ["chunks/runtime.js", "chunks/session.js", "chunks/shared.js"],
        [],
        ["/p/node_modules/x/a.js", "/p/src/bokeh/adapter.ts"],
      ),
      chunk("chunks/runtime.js"),
    )
    chunkLists(chunks)
    expect(chunks.get("entry.js")!.code).toBe("const c=`./chunks/core.js ./chunks/runtime.js`")
  })

  it("refuses a module that is not in the bundle, or that the chunk does not reach by its imports", () => {
    const unknown = bundle(chunk("entry.js", 'x="chunks-of:src/nowhere.ts"'))
    expect(() => chunkLists(unknown)).toThrow('entry.js: "chunks-of:src/nowhere.ts" names no module of the bundle')
    const unreached = bundle(
      chunk("entry.js", "x='chunks-of:src/a.ts'"),
      chunk("chunks/a.js", "", [], [], ["/p/src/a.ts"]),
    )
    expect(() => chunkLists(unreached)).toThrow("a module it does not import")
  })
})
