// Class fields as BokehJS's own bundle has them. BokehJS's npm `build/js/lib` is TypeScript compiled to ES2022 with
// standard ([[Define]]) class fields: a model's `metrics_change;` or `source_range;` declaration sets an own property
// to `undefined` after `super()` returns. That wipes what HasProps's constructor set in `initialize()` (a colour
// mapper's `metrics_change` signal) and hides the property getters that `define()` puts on the prototype
// (CategoricalScale's `source_range`): every bar chart, colour bar and graph failed.
// Bokeh's own bundler (bokehjs/src/compiler/linker.ts, `transpile`) compiles every ES module again with TypeScript,
// target ES2020, where fields are assignments in the constructor and bare declarations vanish. This plugin does the
// same for every JavaScript module of node_modules (keeping target ES2022, so the rest of the syntax is left as it
// is), and fails the build when an emitted chunk still declares a public class field, e.g. after a BokehJS upgrade.
import {createHash} from "node:crypto"
import {mkdirSync, readFileSync, renameSync, writeFileSync} from "node:fs"
import {join} from "node:path"
import {fileURLToPath} from "node:url"
import ts from "typescript"
import {parseAst} from "vite"

/** Modules of node_modules that are JavaScript (TypeScript then parses them as JS). */
const JAVASCRIPT = /\/node_modules\/.+\.m?js$/

const COMPILER_OPTIONS = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  useDefineForClassFields: false,
  // Leave every import as written: nothing here is a type.
  verbatimModuleSyntax: true,
  sourceMap: true,
}

/**
 * The public class fields (instance or static, with or without an initialiser) that `code` declares, as
 * `{name, offset}`. `#private` fields are not listed: they cannot shadow a property or overwrite a base class's.
 */
export function findPublicClassFields(code) {
  const found = []
  const visit = (node) => {
    if (Array.isArray(node)) {
      node.forEach(visit)
      return
    }
    if (node === null || typeof node !== "object") {
      return
    }
    if (node.type === "PropertyDefinition" && node.key.type !== "PrivateIdentifier") {
      found.push({
        name: node.computed
          ? `[${code.slice(node.key.start, node.key.end)}]`
          : code.slice(node.key.start, node.key.end),
        offset: node.start,
      })
    }
    for (const key in node) {
      if (key !== "type" && key !== "start" && key !== "end") {
        visit(node[key])
      }
    }
  }
  visit(parseAst(code))
  return found
}

/**
 * The code with TypeScript's `useDefineForClassFields: false` semantics, as in Bokeh's bundle: initialised fields
 * become assignments in the constructor (right after `super()`), static ones `static { this.x = ... }`, bare
 * declarations go. Null when the code declares no public field.
 */
export function assignClassFields(code, fileName) {
  if (!code.includes("class") || findPublicClassFields(code).length === 0) {
    return null
  }
  const {outputText, sourceMapText, diagnostics} = ts.transpileModule(code, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: COMPILER_OPTIONS,
  })
  if (diagnostics != null && diagnostics.length > 0) {
    throw new Error(`${fileName}: ${ts.flattenDiagnosticMessageText(diagnostics[0].messageText, "\n")}`)
  }
  const map = JSON.parse(sourceMapText)
  map.sources = [fileName]
  map.sourcesContent = [code]
  return {code: outputText.replace(/\n\/\/# sourceMappingURL=.*\s*$/, "\n"), map}
}

/**
 * TypeScript takes ~8 ms a module (~5 s for BokehJS's 675): results are kept by content, as Bokeh's own linker keeps
 * its transpiled modules, under node_modules/.cache, which `npm ci` clears.
 */
const CACHE = join(fileURLToPath(new URL("../../node_modules/.cache/bokeh-session-class-fields", import.meta.url)))

function cached(code, fileName) {
  const key = createHash("sha256")
    .update(`${ts.version}\0${JSON.stringify(COMPILER_OPTIONS)}\0${fileName}\0${code}`)
    .digest("hex")
  const file = join(CACHE, `${key}.json`)
  try {
    return JSON.parse(readFileSync(file, "utf8")).result
  } catch {
    // Not cached yet (or unreadable): compute it.
  }
  const result = assignClassFields(code, fileName)
  mkdirSync(CACHE, {recursive: true})
  const partial = `${file}.${process.pid}`
  writeFileSync(partial, JSON.stringify({result}))
  renameSync(partial, file)
  return result
}

/** One message per chunk that declares public class fields. */
export function checkBundleClassFields(chunks) {
  const problems = []
  for (const {fileName, code} of chunks) {
    const fields = findPublicClassFields(code)
    if (fields.length > 0) {
      const shown = fields.slice(0, 5).map(({name, offset}) => `${name} (offset ${offset})`)
      problems.push(
        `${fileName} declares ${fields.length} public class field(s): ${shown.join(", ")}` +
          `${fields.length > 5 ? ", ..." : ""}. With standard class fields each declaration overwrites what a base ` +
          `constructor set (BokehJS's initialize()) and shadows the prototype's property getters. ` +
          `build/vite/class-fields.mjs turns the fields of node_modules JavaScript into assignments, as Bokeh's own ` +
          `bundler does: make the module that declares them go through it (in src/, keep useDefineForClassFields: ` +
          `false in tsconfig.json).`,
      )
    }
  }
  return problems
}

/** The Vite plugin: class fields as assignments in every dependency module, and the check of the emitted chunks. */
export function assignedClassFields() {
  return {
    name: "bokeh-session:assigned-class-fields",
    // After the text rewrites of bokehjs-rewrites.mjs (enforce: "pre"), which match BokehJS's code as shipped.
    transform(code, id) {
      const path = id.split("?")[0].replaceAll("\\", "/")
      return JAVASCRIPT.test(path) && code.includes("class") ? cached(code, path) : null
    },
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((output) => output.type === "chunk")
      const problems = checkBundleClassFields(chunks)
      if (problems.length > 0) {
        this.error(problems.join("\n"))
      }
    },
  }
}
