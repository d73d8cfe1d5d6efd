// The load tiers are folders, and this test is what keeps them tiers: a static import decides what a script
// downloads before it runs, so one stray import can pull the session code or BokehJS into the first script.
// - Tiers, in load order: src/core < src/element < src/session < src/driver < src/bokeh | src/server-bokehjs. A file
//   may statically import its own tier or an earlier one; the two BokehJS implementations (the bundled one in
//   src/bokeh, the server's own in src/server-bokehjs) are siblings that never import each other. The entries
//   (src/*.ts) may import element and core (and each other).
// - core is pure: no Lit, no BokehJS. Only src/bokeh may import @bokeh/bokehjs statically (src/driver and
//   src/server-bokehjs drive a BokehJS given as values, with BokehJS's types only).
// - `import type`, `export type` and `import()` load nothing and are allowed anywhere. `import {type A} from` is a
//   static import: with `verbatimModuleSyntax` it stays in the output as `import {} from`, which loads the module.
// Then the built first script: dist/bokeh-session.js and every file it statically imports, transitively, must stay
// within 10 KB gzip, measured as `npm run bench` does (bench/lib/measure.mjs `scriptBytes`: gzip -9 of each file,
// summed).
import assert from "node:assert/strict"
import {existsSync, readFileSync, readdirSync} from "node:fs"
import {dirname, join, posix, relative} from "node:path"
import {test} from "node:test"
import {fileURLToPath} from "node:url"
import {gzipSync} from "node:zlib"
import ts from "typescript"

const root = fileURLToPath(new URL("../../", import.meta.url))
const FIRST_SCRIPT_BUDGET = 10 * 1024

/** Each tier and the tiers it may import statically. */
const MAY_IMPORT = {
  core: ["core"],
  element: ["core", "element"],
  session: ["core", "element", "session"],
  driver: ["core", "element", "session", "driver"],
  bokeh: ["core", "element", "session", "driver", "bokeh"],
  "server-bokehjs": ["core", "element", "session", "driver", "server-bokehjs"],
  entry: ["entry", "element", "core"],
}
const TIERS = Object.keys(MAY_IMPORT).filter((tier) => tier !== "entry")
const isBokehJs = (specifier) => specifier === "@bokeh/bokehjs" || specifier.startsWith("@bokeh/bokehjs/")
const isLit = (specifier) => /^(lit|lit-html|lit-element)(\/|$)|^@lit(-labs)?\//.test(specifier)

/** "entry" for src/*.ts, the folder name for a tier, null for anything else. */
function tierOf(path) {
  const parts = path.split("/")
  if (parts.length === 1) return "entry"
  return parts.length >= 2 && TIERS.includes(parts[0]) ? parts[0] : null
}

/** The modules a file loads when it is evaluated: static imports and re-exports that are not type-only. */
export function staticImports(source, fileName) {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false)
  const specifiers = []
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement)) {
      if (!statement.importClause?.isTypeOnly) specifiers.push(statement.moduleSpecifier.text)
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier != null) {
      if (!statement.isTypeOnly) specifiers.push(statement.moduleSpecifier.text)
    }
  }
  return specifiers
}

/**
 * Every rule broken by `files` (paths relative to src/, posix, mapped to their source text), as messages that
 * name the file, the import and the rule.
 */
export function tierViolations(files) {
  const violations = []
  for (const [path, source] of Object.entries(files)) {
    const tier = tierOf(path)
    if (tier == null) {
      violations.push(`src/${path}: not in a tier folder (${TIERS.join(", ")}) nor an entry at src/*.ts`)
      continue
    }
    for (const specifier of staticImports(source, path)) {
      if (specifier.startsWith(".")) {
        const target = posix.normalize(posix.join(posix.dirname(path), specifier))
        const targetTier = tierOf(target)
        const allowed = MAY_IMPORT[tier].includes(targetTier)
        if (!allowed) {
          violations.push(
            `src/${path} statically imports src/${target}: ${tier === "entry" ? "an entry" : `the ${tier} tier`} ` +
              `may not load ${targetTier === "entry" ? "an entry" : `the ${targetTier ?? "unknown"} tier`} ` +
              `(use \`import type\`, or \`import()\` to load it later)`,
          )
        }
      } else if (isBokehJs(specifier) && tier !== "bokeh") {
        violations.push(
          `src/${path} statically imports ${specifier}: only src/bokeh/ may (load BokehJS with \`import()\`)`,
        )
      } else if (isLit(specifier) && tier === "core") {
        violations.push(`src/${path} imports ${specifier}: src/core/ is pure and imports no Lit`)
      }
    }
  }
  return violations
}

function sourceFiles() {
  const src = join(root, "src")
  return Object.fromEntries(
    readdirSync(src, {recursive: true})
      .map((file) => file.split("\\").join("/"))
      // Tests are not shipped, and Vitest loads them on their own.
      .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file) && !file.endsWith(".d.ts"))
      .map((file) => [file, readFileSync(join(src, file), "utf8")]),
  )
}

test("the tier rules catch what they are meant to catch", () => {
  // A small tree with one breach of each rule, so a rule that silently stopped matching fails here.
  const violations = tierViolations({
    "index.ts": 'export * from "./element-entry.js"\nimport "./session/lifecycle.js"',
    "element-entry.ts": 'export {BokehSessionElement} from "./element/element.js"',
    "core/echo.ts": 'import {html} from "lit"\nimport type {X} from "../bokeh/adapter.js"',
    "core/bundles.ts": 'export const load = () => import("@bokeh/bokehjs/build/js/lib/models/widgets/main.js")',
    "element/element.ts":
      'import {type Token} from "../session/token.js"\nimport type {Plan} from "../session/pull-session.js"',
    "element/loaders.ts": 'export const load = () => import("../session/lifecycle.js")',
    "session/lifecycle.ts":
      'export {openSession} from "../bokeh/adapter.js"\nexport type {A} from "../bokeh/adapter.js"',
    "session/url.ts": 'import {version} from "@bokeh/bokehjs/build/js/lib/version.js"',
    "bokeh/adapter.ts": 'import "@bokeh/bokehjs/build/js/lib/models/main.js"\nimport {x} from "../element-entry.js"',
    "driver/open-session.ts": 'import {bundled} from "../bokeh/adapter.js"\nimport type {A} from "@bokeh/bokehjs"',
    "server-bokehjs/index.ts":
      'import {x} from "../bokeh/load-models.js"\nimport {y} from "../driver/open-session.js"\nimport "@bokeh/bokehjs"',
    "util/x.ts": "",
  })
  assert.deepEqual(violations, [
    "src/index.ts statically imports src/session/lifecycle.js: an entry may not load the session tier (use `import type`, or `import()` to load it later)",
    "src/core/echo.ts imports lit: src/core/ is pure and imports no Lit",
    "src/element/element.ts statically imports src/session/token.js: the element tier may not load the session tier (use `import type`, or `import()` to load it later)",
    "src/session/lifecycle.ts statically imports src/bokeh/adapter.js: the session tier may not load the bokeh tier (use `import type`, or `import()` to load it later)",
    "src/session/url.ts statically imports @bokeh/bokehjs/build/js/lib/version.js: only src/bokeh/ may (load BokehJS with `import()`)",
    "src/bokeh/adapter.ts statically imports src/element-entry.js: the bokeh tier may not load an entry (use `import type`, or `import()` to load it later)",
    "src/driver/open-session.ts statically imports src/bokeh/adapter.js: the driver tier may not load the bokeh tier (use `import type`, or `import()` to load it later)",
    "src/server-bokehjs/index.ts statically imports src/bokeh/load-models.js: the server-bokehjs tier may not load the bokeh tier (use `import type`, or `import()` to load it later)",
    "src/server-bokehjs/index.ts statically imports @bokeh/bokehjs: only src/bokeh/ may (load BokehJS with `import()`)",
    "src/util/x.ts: not in a tier folder (core, element, session, driver, bokeh, server-bokehjs) nor an entry at src/*.ts",
  ])
})

test("no file under src/ statically imports a later tier", () => {
  const files = sourceFiles()
  assert.ok(Object.keys(files).length > 10, "found almost no source files under src/")
  const violations = tierViolations(files)
  assert.deepEqual(violations, [], `static imports that break the load tiers:\n${violations.join("\n")}`)
})

/** dist/<file> and every built file it statically imports, transitively (paths relative to dist/). */
function staticClosure(entry) {
  const dist = join(root, "dist")
  const seen = new Set()
  const visit = (file) => {
    if (seen.has(file)) return
    seen.add(file)
    for (const specifier of staticImports(readFileSync(join(dist, file), "utf8"), file)) {
      assert.ok(
        specifier.startsWith("."),
        `dist/${file} imports "${specifier}": the built files must be self-contained`,
      )
      visit(
        relative(dist, join(dist, dirname(file), specifier))
          .split("\\")
          .join("/"),
      )
    }
  }
  visit(entry)
  return [...seen]
}

test("dist/bokeh-session.js and its static imports stay within 10 KB gzip", () => {
  assert.ok(existsSync(join(root, "dist/bokeh-session.js")), "dist/ is missing: run `npm run build` first")
  const files = staticClosure("bokeh-session.js")
  const sizes = files.map((file) => [file, gzipSync(readFileSync(join(root, "dist", file)), {level: 9}).length])
  const total = sizes.reduce((sum, [, size]) => sum + size, 0)
  const listing = sizes.map(([file, size]) => `  dist/${file}: ${(size / 1024).toFixed(1)} KB`).join("\n")
  assert.ok(
    total <= FIRST_SCRIPT_BUDGET,
    `the first script is ${(total / 1024).toFixed(1)} KB gzip, over the 10 KB budget:\n${listing}\n` +
      "A static import probably pulled later code in: load it with import() (see the tier test above).",
  )
  // The closure must not include the lazily loaded code at all, whatever its size.
  const lazy = files.filter((file) => /bokehjs|session-|extensions/.test(file))
  assert.deepEqual(lazy, [], `the first script statically imports lazily loaded chunks: ${lazy.join(", ")}`)
})

test("the session code loads without BokehJS: its chunk imports no BokehJS chunk statically", () => {
  // The session code must be able to run (status `connecting`, token, errors) while BokehJS is still on its way;
  // a value import of BokehJS in a module the bundler puts in the session chunk would chain it to BokehJS's core.
  const chunks = readdirSync(join(root, "dist/chunks")).filter((file) => /^session-[\w-]+\.js$/.test(file))
  assert.equal(chunks.length, 1, `expected one session chunk in dist/chunks, found: ${chunks.join(", ")}`)
  const closure = staticClosure(`chunks/${chunks[0]}`)
  const bokehJs = closure.filter((file) => /bokehjs|extensions/.test(file))
  assert.deepEqual(bokehJs, [], `the session chunk statically imports BokehJS: ${bokehJs.join(", ")}`)
})

test("the server's own BokehJS loads without the bundled one: its chunk imports no bundled BokehJS chunk", () => {
  // src/server-bokehjs/ renders with a BokehJS loaded from the Bokeh server; a static import of a module that the
  // bundler put in a bundled-BokehJS chunk would download the bundled BokehJS for nothing.
  const chunks = readdirSync(join(root, "dist/chunks")).filter((file) => /^server-bokehjs-[\w-]+\.js$/.test(file))
  assert.equal(chunks.length, 1, `expected one server-bokehjs chunk in dist/chunks, found: ${chunks.join(", ")}`)
  const closure = staticClosure(`chunks/${chunks[0]}`)
  const bundled = closure.filter((file) => /bokehjs-(core|widgets|tables|mathjax)|extensions/.test(file))
  assert.deepEqual(
    bundled,
    [],
    `the server-bokehjs chunk statically imports the bundled BokehJS: ${bundled.join(", ")}`,
  )
})
