// Server-side rendering imports component code under Node, where there is no DOM. Each built entry must import
// there without throwing (BokehJS, which touches `document` at import time, must not load), and only the
// registering entries may register the tag. Each import runs in a fresh Node process so globals never leak
// from one case into the next.
import assert from "node:assert/strict"
import {execFileSync} from "node:child_process"
import {existsSync} from "node:fs"
import {test} from "node:test"
import {fileURLToPath} from "node:url"

const dist = fileURLToPath(new URL("../../dist/", import.meta.url))

/** Imports `file` in a new Node process and reports what a server-side renderer would see. */
function importUnderNode(file) {
  const probe = `
    const hadDom = typeof document !== "undefined" || typeof HTMLElement !== "undefined"
    const module = await import(${JSON.stringify(dist + file)})
    console.log(JSON.stringify({
      hadDom,
      exports: Object.keys(module).sort(),
      elementIsClass: typeof module.BokehSessionElement === "function",
      registered: globalThis.customElements?.get("bokeh-session") != null,
      documentAfter: typeof document,
    }))`
  return JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", probe], {encoding: "utf8"}))
}

for (const [file, registers] of [
  ["bokeh-session.js", true],
  ["react.js", true],
  ["element.js", false],
]) {
  test(`dist/${file} imports under Node with no DOM`, () => {
    assert.ok(existsSync(dist + file), `dist/${file} is missing: run \`npm run build\` first (npm test does).`)
    const result = importUnderNode(file)
    assert.equal(result.hadDom, false)
    assert.equal(result.documentAfter, "undefined")
    assert.equal(result.elementIsClass, true)
    for (const name of ["BokehSessionElement", "BokehSessionError", "defineBokehSession", "pullSession"]) {
      assert.ok(result.exports.includes(name), `dist/${file} does not export ${name}`)
    }
    // Under Node the registry is Lit's SSR shim (@lit-labs/ssr-dom-shim), which Lit installs as it does for any
    // Lit element imported on a server; only the registering entries put the tag in it.
    assert.equal(result.registered, registers)
  })
}

test("every entry exports the same API", () => {
  const names = ["bokeh-session.js", "element.js", "react.js"].map((file) => importUnderNode(file).exports)
  assert.deepEqual(names[1], names[0])
  assert.deepEqual(names[2], names[0])
})
