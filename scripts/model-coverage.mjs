// Writes docs/model-coverage.md from the last run of e2e/models.spec.ts (test-results/model-comparison/): every
// model class Bokeh registers, compared with Bokeh's own embed, grouped by where the catalog places it.
// Usage: npx playwright test e2e/models.spec.ts && node scripts/model-coverage.mjs
import {execFileSync} from "node:child_process"
import {readFileSync, readdirSync, writeFileSync} from "node:fs"
import {join} from "node:path"
import {PYTHON, ROOT} from "./lib/python-env.mjs"

const RESULTS = join(ROOT, "test-results", "model-comparison")
const catalog = JSON.parse(execFileSync(PYTHON, [join(ROOT, "e2e/apps/model_catalog.py")], {encoding: "utf8"}))
const rows = readdirSync(RESULTS)
  .filter((name) => name.endsWith(".json"))
  .flatMap((name) => JSON.parse(readFileSync(join(RESULTS, name), "utf8")))
const byName = new Map(rows.map((row) => [row.name, row]))
const missing = catalog.models.filter((model) => !byName.has(model.name)).map((model) => model.name)
if (missing.length > 0) {
  throw new Error(`No result for ${missing.join(", ")}: run the whole e2e/models.spec.ts first.`)
}

const verdict = (row) => {
  if (!row.inBokehJs) {
    return row.status === "error" ? "not in BokehJS: neither embed renders it (element: unknown-model)" : "DIFFERS"
  }
  if (row.failsUnderEmbed) {
    return "BokehJS throws while rendering it under Bokeh's embed too (element: render-failed)"
  }
  return row.status === "connected" && row.sameViews && row.sameCanvases ? "same" : "DIFFERS"
}
const version = execFileSync(PYTHON, ["-c", "import bokeh; print(bokeh.__version__)"], {encoding: "utf8"}).trim()
const groups = new Map()
// Largest placements first.
for (const model of catalog.models) {
  const row = byName.get(model.name)
  const group = groups.get(model.placement) ?? []
  group.push({...row, verdict: verdict(row)})
  groups.set(model.placement, group)
}
const renderable = rows.filter((row) => row.inBokehJs && !row.failsUnderEmbed)
const same = renderable.filter((row) => verdict(row) === "same")
const failingEverywhere = rows.filter((row) => row.inBokehJs && row.failsUnderEmbed)
const pythonOnly = rows.filter((row) => !row.inBokehJs)
const names = (list) => list.map((row) => `\`${row.name}\``).join(", ")
const lines = [
  "# Model coverage: every Bokeh model class, beside Bokeh's own embed",
  "",
  `Written by \`node scripts/model-coverage.mjs\` from the last run of \`e2e/models.spec.ts\` (Bokeh ${version}). For each`,
  "concrete model class Bokeh's Python package registers (`Model.model_class_reverse_map`), `e2e/apps/model_catalog.py`",
  "builds a document that uses it, placed where a user's document would have it; the spec renders it with",
  "`<bokeh-session>` and with Bokeh's `server_document` from the same server and compares the views (every `bk-` class",
  "under the roots, through shadow roots), the canvases (size and painted pixels), and the errors.",
  "`test/package/model-coverage.test.mjs` fails when this page misses a class the catalog has.",
  "",
  `**${same.length} of ${renderable.length} model classes that Bokeh's embed renders render the same under the ` +
    `element.** ${failingEverywhere.length} more make BokehJS throw while rendering, under Bokeh's embed as well (the ` +
    `element reports \`render-failed\`; bases that Python lets you instantiate): ${names(failingEverywhere)}. ` +
    `${pythonOnly.length} are registered by Python only (BokehJS has no model for them, so neither embed can ` +
    `render them; the element names them in an \`unknown-model\` error): ${names(pythonOnly)}. ` +
    `${catalog.excluded.length} registered classes get no document of their own:`,
  "",
  "| class | why |",
  "| --- | --- |",
  ...catalog.excluded.map(({name, why}) => `| \`${name}\` | ${why} |`),
  "",
  "| placement | classes | same as Bokeh's embed |",
  "| --- | --- | --- |",
  ...[...groups]
    .sort(([, a], [, b]) => b.length - a.length)
    .map(([placement, group]) => {
      const renderableHere = group.filter((row) => row.inBokehJs && !row.failsUnderEmbed)
      return `| \`${placement}\` | ${group.length} | ${renderableHere.filter((row) => row.verdict === "same").length} / ${renderableHere.length} |`
    }),
  "",
  "| class | placement | views | canvases (drawn) | verdict |",
  "| --- | --- | --- | --- | --- |",
  ...catalog.models.map((model) => {
    const row = byName.get(model.name)
    return `| \`${model.name}\` | \`${model.placement}\` | ${row.views} | ${row.canvases} (${row.drawn}) | ${verdict(row)} |`
  }),
  "",
]
writeFileSync(join(ROOT, "docs", "model-coverage.md"), lines.join("\n"))
console.log(
  `docs/model-coverage.md: ${same.length} / ${renderable.length} the same, ${failingEverywhere.length} failing under ` +
    `Bokeh's embed too, ${pythonOnly.length} not in BokehJS`,
)
