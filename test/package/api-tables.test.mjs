// The README's API tables are written by hand, for people; this test keeps them true. Each table sits right under
// a marker, `<!-- api-table: KIND -->` (or `<!-- api-list: KIND -->` above a line of code spans), and is compared
// with dist/custom-elements.json (generated from the element's JSDoc, itself checked against the element by
// manifest.test.mjs):
// - attributes: each attribute and the property it reflects; the properties column is every writable property;
// - readonly-properties, methods, parts, slots, css-properties, states: the names;
// - the Type column of the property tables: its first code span is the manifest's type;
// - events: the names, and the fields of `detail` as `GlobalEventHandlersEventMap` declares them in dist/types;
// - connection-inputs: the inputs whose change opens a new session (`CONNECTION_INPUTS` in src/element/).
import assert from "node:assert/strict"
import {mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from "node:fs"
import {tmpdir} from "node:os"
import {join} from "node:path"
import {test} from "node:test"
import {fileURLToPath} from "node:url"
import ts from "typescript"

const root = fileURLToPath(new URL("../../", import.meta.url))
const readme = readFileSync(join(root, "README.md"), "utf8")
const manifest = JSON.parse(readFileSync(join(root, "dist/custom-elements.json"), "utf8"))
const element = manifest.modules
  .flatMap((module) => module.declarations ?? [])
  .find((declaration) => declaration.tagName === "bokeh-session")
const KINDS = {
  table: ["attributes", "readonly-properties", "methods", "events", "parts", "slots", "css-properties", "states"],
  list: ["connection-inputs"],
}

const sorted = (items) => [...items].sort()
const codeSpans = (text) => [...text.matchAll(/`([^`]+)`/g)].map((match) => match[1])
/** The one code span of a name cell (`url`, `restart()`), or null for a dash. */
function nameIn(cell) {
  if (cell === "—") return null
  const spans = codeSpans(cell)
  assert.equal(spans.length, 1, `README table cell "${cell}" should hold exactly one code span`)
  return spans[0]
}

/** The rows (cells unescaped) of the table right under `<!-- api-table: kind -->`. */
function table(kind) {
  const marker = `<!-- api-table: ${kind} -->\n`
  const at = readme.indexOf(marker)
  assert.ok(at >= 0, `README.md has no ${marker.trim()}`)
  const lines = []
  for (const line of readme.slice(at + marker.length).split("\n")) {
    if (!line.startsWith("|")) break
    lines.push(line)
  }
  assert.ok(lines.length >= 3, `${marker.trim()} is not followed by a table with rows`)
  assert.match(lines[1], /^\|( *-+ *\|)+$/, `${marker.trim()}: the second line is not a table separator`)
  return lines.slice(2).map((line) =>
    line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((cell) => cell.trim().replaceAll("\\|", "|")),
  )
}

const fields = (readonly) =>
  element.members.filter((member) => member.kind === "field" && Boolean(member.readonly) === readonly)
/** The manifest's type of a member; there must be one (a README type compared with no type would prove nothing). */
function typeOf(name) {
  const text = element.members.find((member) => member.name === name)?.type?.text
  assert.ok(
    typeof text === "string" && text !== "",
    `dist/custom-elements.json gives \`${name}\` no type: declare its type in src/element/element.ts`,
  )
  return text
}

test("every API marker in the README is a known kind, and each appears once", () => {
  const markers = [...readme.matchAll(/<!-- api-(\w+): ([\w-]+) -->/g)].map((match) => `${match[1]}: ${match[2]}`)
  const known = Object.entries(KINDS).flatMap(([type, kinds]) => kinds.map((kind) => `${type}: ${kind}`))
  assert.deepEqual(sorted(markers), sorted(known))
})

test("the attributes table: each attribute, the property it reflects, every writable property, their types", () => {
  const rows = table("attributes").map(([attribute, property, type]) => ({
    attribute: nameIn(attribute),
    property: nameIn(property),
    type,
  }))
  assert.deepEqual(
    sorted(rows.filter((row) => row.attribute != null).map((row) => `${row.attribute} → ${row.property}`)),
    sorted(element.attributes.map((attribute) => `${attribute.name} → ${attribute.fieldName}`)),
  )
  assert.deepEqual(sorted(rows.map((row) => row.property)), sorted(fields(false).map((field) => field.name)))
  for (const row of rows) {
    assert.equal(codeSpans(row.type)[0], typeOf(row.property), `README: the type of \`${row.property}\``)
  }
})

test("the read-only properties table: every getter-only property and its type", () => {
  const rows = table("readonly-properties").map(([property, type]) => ({property: nameIn(property), type}))
  assert.deepEqual(sorted(rows.map((row) => row.property)), sorted(fields(true).map((field) => field.name)))
  for (const row of rows) {
    assert.equal(codeSpans(row.type)[0], typeOf(row.property), `README: the type of \`${row.property}\``)
  }
})

test("the methods table: every public method", () => {
  const names = table("methods").map(([method]) => nameIn(method))
  assert.ok(
    names.every((name) => name.endsWith("()")),
    "write methods as `name()`",
  )
  assert.deepEqual(
    sorted(names.map((name) => name.slice(0, -2))),
    sorted(element.members.filter((member) => member.kind === "method").map((member) => member.name)),
  )
})

test("the parts, slots, custom properties and states tables: every one the manifest names", () => {
  assert.deepEqual(
    sorted(table("parts").map(([part]) => nameIn(part))),
    sorted(element.cssParts.map((part) => part.name)),
  )
  assert.deepEqual(sorted(table("slots").map(([slot]) => nameIn(slot))), sorted(element.slots.map((slot) => slot.name)))
  assert.deepEqual(
    sorted(table("css-properties").map(([property]) => nameIn(property))),
    sorted(element.cssProperties.map((property) => property.name)),
  )
  assert.deepEqual(
    sorted(table("states").map(([state]) => nameIn(state))),
    sorted(element.cssStates.map((state) => state.name)),
  )
})

/** The fields of each event's `detail`, as a TypeScript consumer of dist/types sees them. */
function declaredDetailFields(events) {
  const work = mkdtempSync(join(tmpdir(), "bokeh-session-api-"))
  try {
    const probe = join(work, "probe.ts")
    writeFileSync(
      probe,
      `import ${JSON.stringify(join(root, "dist/types/index.js"))}\n` +
        events
          .map(
            (name, index) =>
              `export type D${index} = GlobalEventHandlersEventMap[${JSON.stringify(name)}] extends ` +
              "CustomEvent<infer T> ? T : never",
          )
          .join("\n"),
    )
    const program = ts.createProgram([probe], {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: [],
    })
    const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))
    assert.deepEqual(errors, [], "dist/types does not type-check for the probe")
    const checker = program.getTypeChecker()
    const exported = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(probe)))
    return events.map((_, index) => {
      const symbol = exported.find((item) => item.name === `D${index}`)
      return checker
        .getPropertiesOfType(checker.getDeclaredTypeOfSymbol(symbol))
        .map((property) => property.name)
        .sort()
    })
  } finally {
    rmSync(work, {recursive: true, force: true})
  }
}

test("the events table: every event, and every field of its detail", () => {
  const rows = table("events").map(([event, detail]) => ({event: nameIn(event), detail}))
  assert.deepEqual(sorted(rows.map((row) => row.event)), sorted(element.events.map((event) => event.name)))
  const declared = declaredDetailFields(rows.map((row) => row.event))
  for (const [index, row] of rows.entries()) {
    const [span] = codeSpans(row.detail)
    assert.match(span ?? "", /^\{.*\}$/, `README: the detail of ${row.event} is not written as \`{field: type, ...}\``)
    const written = [...span.matchAll(/(?:^\{|, )(\w+)\??:/g)].map((match) => match[1]).sort()
    assert.ok(declared[index].length > 0, `${row.event} has no detail in GlobalEventHandlersEventMap`)
    assert.deepEqual(written, declared[index], `README: the detail fields of ${row.event}`)
  }
})

test("the inputs that open a new session are the element's CONNECTION_INPUTS", () => {
  const marker = "<!-- api-list: connection-inputs -->\n"
  const line = readme.slice(readme.indexOf(marker) + marker.length).split("\n")[0]
  const folder = join(root, "src/element")
  const definitions = readdirSync(folder)
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
    .flatMap((file) => [
      ...readFileSync(join(folder, file), "utf8").matchAll(/CONNECTION_INPUTS\b[^=]*=\s*\[([^\]]*)\]/g),
    ])
  assert.equal(definitions.length, 1, "src/element/ should define CONNECTION_INPUTS = [...] once")
  const inputs = [...definitions[0][1].matchAll(/"(\w+)"/g)].map((match) => match[1])
  assert.ok(inputs.length > 0)
  assert.deepEqual(sorted(codeSpans(line)), sorted(inputs))
})
