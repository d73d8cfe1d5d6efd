// The manifest is generated from JSDoc, so it drifts when someone adds an attribute, property, part or state
// without documenting it. Compare it with what the built element actually has (imported under Node, which is
// SSR-safe) and with what its template and type declarations contain.
import assert from "node:assert/strict"
import {readFileSync, readdirSync} from "node:fs"
import {join} from "node:path"
import {test} from "node:test"
import {fileURLToPath} from "node:url"

const root = fileURLToPath(new URL("../../", import.meta.url))
const manifest = JSON.parse(readFileSync(join(root, "dist/custom-elements.json"), "utf8"))
const declaration = manifest.modules
  .flatMap((module) => module.declarations ?? [])
  .find((item) => item.tagName === "bokeh-session")
const {BokehSessionElement} = await import(join(root, "dist/element.js"))
// Lifecycle hooks Lit calls; they are not API for users of the element.
const LIT_HOOKS = new Set([
  "constructor",
  "connectedCallback",
  "disconnectedCallback",
  "attributeChangedCallback",
  "render",
  "updated",
  "willUpdate",
  "firstUpdated",
  "update",
  "shouldUpdate",
  "createRenderRoot",
])
const names = (items) => (items ?? []).map((item) => item.name).sort()

test("the manifest describes the bokeh-session element", () => {
  assert.equal(declaration?.name, "BokehSessionElement")
})

test("every observed attribute is in the manifest", () => {
  assert.deepEqual(names(declaration.attributes), [...BokehSessionElement.observedAttributes].sort())
})

test("every public property and method is in the manifest", () => {
  const prototype = BokehSessionElement.prototype
  const own = Object.getOwnPropertyNames(prototype).filter((name) => !name.startsWith("_") && !LIT_HOOKS.has(name))
  const isMethod = (name) => typeof Object.getOwnPropertyDescriptor(prototype, name).value === "function"
  const declaredProperties = [...BokehSessionElement.elementProperties.keys()].filter((name) => !name.startsWith("_"))
  const properties = [...new Set([...own.filter((name) => !isMethod(name)), ...declaredProperties])].sort()
  const methods = own.filter(isMethod).sort()
  const members = declaration.members ?? []
  assert.deepEqual(names(members.filter((member) => member.kind === "field")), properties)
  assert.deepEqual(names(members.filter((member) => member.kind === "method")), methods)
})

test("the manifest marks exactly the getter-only properties readonly", () => {
  const prototype = BokehSessionElement.prototype
  const getterOnly = Object.getOwnPropertyNames(prototype)
    .filter((name) => !name.startsWith("_"))
    .filter((name) => {
      const descriptor = Object.getOwnPropertyDescriptor(prototype, name)
      return descriptor.get != null && descriptor.set == null
    })
  assert.deepEqual(names((declaration.members ?? []).filter((member) => member.readonly)), getterOnly.sort())
})

test("every event the type declarations list is in the manifest, with its type", () => {
  const eventTypes = readFileSync(join(root, "dist/types/element/events.d.ts"), "utf8")
  const eventMap = eventTypes.match(/interface BokehSessionEventMap \{([^}]*)\}/)?.[1] ?? ""
  const declared = [...eventMap.matchAll(/"(bokeh-session-[a-z-]+)":\s*CustomEvent</g)].map((match) => match[1]).sort()
  assert.deepEqual(names(declaration.events), declared)
  for (const event of declaration.events) {
    assert.match(event.type?.text ?? "", /^CustomEvent<\w+Detail>$/, `event ${event.name} has no detail type`)
  }
})

test("the DOM typings take their events from the one event map", () => {
  const defineTypes = readFileSync(join(root, "dist/types/element/define.d.ts"), "utf8")
  assert.match(defineTypes, /interface GlobalEventHandlersEventMap extends BokehSessionEventMap \{\s*\}/)
})

test("every part in the element's templates is in the manifest", () => {
  // The element's own templates and the views that come with the session code (echo table, loading indicator).
  const sources = ["element", "session"].flatMap((folder) =>
    readdirSync(join(root, "src", folder))
      .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
      .map((file) => join(folder, file)),
  )
  const parts = new Set(
    sources.flatMap((file) =>
      [...readFileSync(join(root, "src", file), "utf8").matchAll(/\bpart="([\w-]+)"/g)].map((match) => match[1]),
    ),
  )
  assert.deepEqual(names(declaration.cssParts), [...parts].sort())
})

test("every slot in the element's templates is in the manifest", () => {
  const slots = ["element", "session"].flatMap((folder) =>
    readdirSync(join(root, "src", folder))
      .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
      .flatMap((file) =>
        [...readFileSync(join(root, "src", folder, file), "utf8").matchAll(/<slot name="([\w-]+)"/g)].map(
          (match) => match[1],
        ),
      ),
  )
  assert.ok(slots.length > 0, "found no <slot name=...> in the templates")
  assert.deepEqual(names(declaration.slots), [...new Set(slots)].sort())
})

test("every status is a custom state in the manifest", () => {
  const types = readdirSync(join(root, "dist/types"), {recursive: true})
    .map((file) => join(root, "dist/types", file))
    .filter((file) => file.endsWith(".d.ts"))
  const union = types
    .map((file) => readFileSync(file, "utf8").match(/type BokehSessionStatus = ([^;]+);/)?.[1])
    .find((text) => text != null)
  assert.ok(union != null, "BokehSessionStatus is not declared in dist/types")
  const statuses = [...union.matchAll(/"([a-z-]+)"/g)].map((match) => match[1]).sort()
  assert.deepEqual(names(declaration.cssStates), statuses)
})
