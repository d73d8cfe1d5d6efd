// What a user installs is the tarball, not this tree: pack it, install it into an empty project, then import
// every exported path under Node and type-check a TypeScript and a React consumer against its declarations.
// This catches an `exports` entry the build never wrote, a file left out of `files`, or broken declarations.
import assert from "node:assert/strict"
import {execFileSync} from "node:child_process"
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs"
import {tmpdir} from "node:os"
import {join} from "node:path"
import {after, before, test} from "node:test"
import {fileURLToPath} from "node:url"

const root = fileURLToPath(new URL("../../", import.meta.url))
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"))
const npm = process.platform === "win32" ? "npm.cmd" : "npm"
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

before(() => {
  work = mkdtempSync(join(tmpdir(), "bokeh-session-pack-"))
  ;[packed] = JSON.parse(run(npm, ["pack", "--json", "--pack-destination", work], root))
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

test("the declarations type-check a TypeScript and a React consumer", () => {
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
        skipLibCheck: true,
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
