// docs/model-coverage.md (written by scripts/model-coverage.mjs from a run of e2e/models.spec.ts) stays true to the
// installed Bokeh: it lists every model class the catalog builds a document for, and every class it leaves out.
import assert from "node:assert/strict"
import {execFileSync} from "node:child_process"
import {readFileSync} from "node:fs"
import {join} from "node:path"
import {test} from "node:test"
import {PYTHON, ROOT} from "../../scripts/lib/python-env.mjs"

const page = readFileSync(join(ROOT, "docs", "model-coverage.md"), "utf8")
const catalog = JSON.parse(
  execFileSync(PYTHON, [join(ROOT, "e2e/apps/model_catalog.py")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  }),
)
const version = execFileSync(PYTHON, ["-c", "import bokeh; print(bokeh.__version__)"], {encoding: "utf8"}).trim()

/** The first cell of each table row that names a class: `| \`Name\` | ...`. */
const listed = new Set([...page.matchAll(/^\| `([^`]+)` \|/gm)].map((match) => match[1]))

test("the coverage page was written for the installed Bokeh", () => {
  assert.match(page, new RegExp(`run of \`e2e/models\\.spec\\.ts\` \\(Bokeh ${version.replaceAll(".", "\\.")}\\)`))
})

test("the coverage page lists every model class the catalog renders, and every class it leaves out", () => {
  const expected = [...catalog.models.map((model) => model.name), ...catalog.excluded.map((model) => model.name)]
  assert.deepEqual(
    expected.filter((name) => !listed.has(name)),
    [],
    "run e2e/models.spec.ts, then node scripts/model-coverage.mjs",
  )
})

test("every class the coverage page shows renders the same as under Bokeh's embed, or says why not", () => {
  const verdicts = [...page.matchAll(/^\| `[^`]+` \| `\w+` \| \d+ \| \d+ \(\d+\) \| (.+) \|$/gm)].map(
    (match) => match[1],
  )
  assert.equal(verdicts.length, catalog.models.length)
  assert.deepEqual(
    verdicts.filter((verdict) => verdict === "DIFFERS"),
    [],
  )
})
