// What a user installs is the tarball, not this tree: pack it (what `npm run build` wrote; `--ignore-scripts` so
// that `prepack` does not rebuild dist/ under the other package tests), install it into an empty project, then
// import every exported path under Node and type-check a TypeScript and a React consumer against its declarations.
// This catches an `exports` entry the build never wrote, a file left out of `files`, a manifest that points at
// files the package lacks, broken declarations, and a dependency that brings back BokehJS's 100 MB.
import assert from "node:assert/strict"
import {execFileSync} from "node:child_process"
import {mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync} from "node:fs"
import {tmpdir} from "node:os"
import {join} from "node:path"
import {after, before, test} from "node:test"
import {fileURLToPath} from "node:url"

const root = fileURLToPath(new URL("../../", import.meta.url))
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"))
const npm = process.platform === "win32" ? "npm.cmd" : "npm"
/** What an app's `npm install bokeh-session` may add to its node_modules (README, "What the package ships"). */
const INSTALL_BUDGET = 25 * 1024 * 1024
let work
let packed

function run(command, args, cwd) {
  return execFileSync(command, args, {cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"]})
}

/** Every file path package.json promises: exports (all conditions), types, main, module, customElements. */
function promisedFiles() {
  const targets = []
  const collect = (value) => {
    if (typeof value === "string") targets.push(value)
    else if (value != null) Object.values(value).forEach(collect)
  }
  collect(manifest.exports)
  collect([manifest.main, manifest.module, manifest.types, manifest.customElements])
  return [...new Set(targets.map((target) => target.replace(/^\.\//, "")))]
}

/** Every file the custom elements manifest names: each module's path and each export's declaring module. */
function manifestFiles() {
  const elements = JSON.parse(readFileSync(join(root, manifest.customElements), "utf8"))
  const paths = elements.modules.flatMap((module) => [
    module.path,
    ...(module.exports ?? []).map((item) => item.declaration?.module).filter((path) => path != null),
  ])
  return [...new Set(paths)]
}

/** Bytes on disk under `folder`, files only. */
function folderBytes(folder) {
  return readdirSync(folder, {recursive: true, withFileTypes: true})
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0)
}

before(() => {
  work = mkdtempSync(join(tmpdir(), "bokeh-session-pack-"))
  ;[packed] = JSON.parse(run(npm, ["pack", "--json", "--ignore-scripts", "--pack-destination", work], root))
  const consumer = join(work, "consumer")
  run("mkdir", ["-p", consumer])
  writeFileSync(join(consumer, "package.json"), JSON.stringify({name: "consumer", private: true, type: "module"}))
  // Dependencies come from the registry (or npm's cache); the package itself only from the tarball.
  run(npm, ["install", "--no-audit", "--no-fund", "--prefer-offline", join(work, packed.filename)], consumer)
})

after(() => {
  if (work != null) rmSync(work, {recursive: true, force: true})
})

test("the tarball holds every file package.json names", () => {
  const files = new Set(packed.files.map((file) => file.path))
  const missing = promisedFiles().filter((path) => !files.has(path))
  assert.deepEqual(missing, [], `package.json names files the tarball lacks: ${missing.join(", ")}`)
})

test("the tarball holds every file the custom elements manifest names", () => {
  // Tools (IDEs, Storybook, linters of custom elements) read the installed manifest and open these paths.
  const files = new Set(packed.files.map((file) => file.path))
  const named = manifestFiles()
  assert.ok(named.length > 0, "the manifest names no module")
  const missing = named.filter((path) => !files.has(path))
  assert.deepEqual(missing, [], `custom-elements.json names files the tarball lacks: ${missing.join(", ")}`)
})

test("each module of the manifest exports what the manifest says, under Node", () => {
  const consumer = join(work, "consumer", "node_modules", manifest.name)
  const elements = JSON.parse(readFileSync(join(consumer, manifest.customElements), "utf8"))
  const expected = elements.modules.map((module) => ({
    path: module.path,
    // `kind: "js"` exports that are classes or functions exist at runtime; type aliases (BokehSessionStatus) do not.
    names: (module.declarations ?? [])
      .filter((item) => ["class", "function", "variable"].includes(item.kind))
      .map((item) => item.name)
      .filter((name) => module.exports?.some((item) => item.kind === "js" && item.name === name))
      .sort(),
  }))
  const script = `console.log(JSON.stringify(await Promise.all(${JSON.stringify(expected.map((item) => item.path))}
    .map(async (path) => Object.keys(await import(${JSON.stringify(consumer + "/")} + path))))))`
  const actual = JSON.parse(run(process.execPath, ["--input-type=module", "-e", script], consumer))
  for (const [index, {path, names}] of expected.entries()) {
    assert.ok(names.length > 0, `the manifest declares nothing in ${path}`)
    const missing = names.filter((name) => !actual[index].includes(name))
    assert.deepEqual(missing, [], `${path} does not export what custom-elements.json says it does`)
  }
})

test("installing the package brings neither BokehJS nor anything else the built files bundle", () => {
  const modules = join(work, "consumer", "node_modules")
  const installed = readdirSync(modules).flatMap((name) =>
    name.startsWith("@") ? readdirSync(join(modules, name)).map((inner) => `${name}/${inner}`) : [name],
  )
  for (const bundled of ["@bokeh/bokehjs", "nanoid", "mathjax-full"]) {
    assert.ok(!installed.includes(bundled), `npm install ${manifest.name} installed ${bundled}`)
  }
  const bytes = folderBytes(modules)
  assert.ok(
    bytes <= INSTALL_BUDGET,
    `npm install ${manifest.name} adds ${(bytes / 2 ** 20).toFixed(1)} MB, over ${INSTALL_BUDGET / 2 ** 20} MB: ${installed.join(", ")}`,
  )
})

test("every exported path imports under Node, through the package name", () => {
  const consumer = join(work, "consumer")
  const specifiers = Object.keys(manifest.exports).map((key) =>
    key === "." ? manifest.name : `${manifest.name}/${key.slice(2)}`,
  )
  const script = specifiers
    .map((specifier) =>
      specifier.endsWith(".json")
        ? `keys[${JSON.stringify(specifier)}] = Object.keys((await import(${JSON.stringify(specifier)}, {with: {type: "json"}})).default)`
        : `keys[${JSON.stringify(specifier)}] = Object.keys(await import(${JSON.stringify(specifier)}))`,
    )
    .join("\n")
  const keys = JSON.parse(
    run(
      process.execPath,
      ["--input-type=module", "-e", `const keys = {}\n${script}\nconsole.log(JSON.stringify(keys))`],
      consumer,
    ),
  )
  assert.deepEqual(Object.keys(keys).sort(), [...specifiers].sort())
  for (const specifier of [manifest.name, `${manifest.name}/element`, `${manifest.name}/react`]) {
    assert.ok(keys[specifier].includes("BokehSessionElement"), `${specifier} does not export BokehSessionElement`)
  }
  assert.ok(keys[`${manifest.name}/custom-elements.json`].includes("modules"))
  assert.equal(
    JSON.parse(readFileSync(join(consumer, "node_modules", manifest.name, "package.json"), "utf8")).version,
    manifest.version,
  )
})

test("the declarations type-check a TypeScript and a React consumer, skipLibCheck off", () => {
  const consumer = join(work, "consumer")
  writeFileSync(join(consumer, "consumer.ts"), readFileSync(join(root, "test/package/fixtures/consumer.ts")))
  writeFileSync(
    join(consumer, "consumer-react.tsx"),
    readFileSync(join(root, "test/package/fixtures/consumer-react.tsx")),
  )
  const reactTypes = join(root, "node_modules/@types/react")
  writeFileSync(
    join(consumer, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        module: "ESNext",
        moduleResolution: "Bundler",
        lib: ["ES2022", "DOM", "DOM.Iterable"],
        jsx: "react-jsx",
        strict: true,
        noEmit: true,
        // The consumer has no React installed: borrow this repository's types rather than download them.
        types: [],
        paths: {react: [reactTypes], "react/*": [`${reactTypes}/*`]},
        // Off: the package's declarations (and what they import: Lit's) are checked as the consumer's own code.
        // Whatever passes here passes with skipLibCheck on, which checks less.
        skipLibCheck: false,
      },
      files: ["consumer.ts", "consumer-react.tsx"],
    }),
  )
  const tsc = join(root, "node_modules/typescript/bin/tsc")
  try {
    run(process.execPath, [tsc, "-p", "."], consumer)
  } catch (error) {
    assert.fail(`tsc failed in the consumer project:\n${error.stdout}${error.stderr}`)
  }
})
