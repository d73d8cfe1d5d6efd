// The version-mismatch warning: a server whose Bokeh reports another version than the bundled BokehJS still gets
// its session, and the element says what to pin with a `bokeh-session-warning` event (and the console).
//
// The pip mirror here has only bokeh 3.9.2, so the other version is produced the way Bokeh itself finds its version:
// `bokeh.__version__` is `importlib.metadata.version("bokeh")`, read from the first bokeh-*.dist-info on sys.path.
// A folder first on PYTHONPATH with a bokeh-3.9.1.dist-info makes a real, unmodified `bokeh serve` report 3.9.1 in
// every document it sends, which is where the adapter reads the server's version.
import {mkdtempSync, mkdirSync, rmSync, writeFileSync} from "node:fs"
import {tmpdir} from "node:os"
import {join} from "node:path"
import {expect, test} from "@playwright/test"
import {ROOT, bokehVersion} from "../scripts/lib/python-env.mjs"
import {addElement, elementProperty, openBlankPage, recordedEvents, waitForStatus} from "./support/helpers.js"
import {startDedicatedServer} from "./support/servers.js"

const SERVER_VERSION = "3.9.1"

test("a server reporting another Bokeh version works, with a warning event that says what to pin", async ({page}) => {
  const bundled = bokehVersion()
  expect(bundled).not.toBe(SERVER_VERSION)
  const sitePath = mkdtempSync(join(tmpdir(), "bokeh-other-version-"))
  const distInfo = join(sitePath, `bokeh-${SERVER_VERSION}.dist-info`)
  mkdirSync(distInfo)
  writeFileSync(join(distInfo, "METADATA"), `Metadata-Version: 2.1\nName: bokeh\nVersion: ${SERVER_VERSION}\n`)
  const server = await startDedicatedServer({env: {PYTHONPATH: `${sitePath}:${join(ROOT, "python")}`}})
  try {
    const warnings: string[] = []
    page.on("console", (message) => {
      if (message.type() === "warning") {
        warnings.push(message.text())
      }
    })
    await openBlankPage(page)
    await addElement(page, {id: "older", url: server.url("echo"), arguments: {N: "4"}})
    await waitForStatus(page, "older", "connected")

    const message =
      `The server runs Bokeh ${SERVER_VERSION} but this page bundles BokehJS ${bundled}: pin the Python package to ` +
      `bokeh==${bundled} (or use the bokeh-session build for ${SERVER_VERSION}).`
    const sessionId = await elementProperty(page, "older", "sessionId")
    const args = {N: ["4"]}
    // The warning comes with the document, before it is rendered; the session works.
    expect(await recordedEvents(page, "older")).toEqual([
      {type: "bokeh-session-connecting", id: "older", detail: {sessionId, arguments: args}},
      {type: "bokeh-session-warning", id: "older", detail: {message}},
      {type: "bokeh-session-ready", id: "older", detail: {sessionId, arguments: args, echo: args}},
    ])
    expect(warnings).toContain(`bokeh-session: ${message}`)
  } finally {
    await server.stop()
    rmSync(sitePath, {recursive: true, force: true})
  }
})
