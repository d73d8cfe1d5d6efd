// The `Bokeh` global that BokehJS's bundles define and CustomJS code uses (Bokeh's events_app.py calls
// `Bokeh.require("core/util/pretty")`): the same answers under the element as under Bokeh's own embed.
import {expect, test, type Page} from "@playwright/test"
import {openBokehEmbed} from "./support/bokeh-embed.js"
import {SERVER_BOKEHJS_PROJECT, addElement, openBlankPage, waitForStatus} from "./support/helpers.js"

/** Clicks the app's button and returns what its CustomJS wrote, read through the Bokeh global. */
async function runCustomJs(page: Page): Promise<string> {
  await page.getByRole("button", {name: "Run"}).click()
  const out = page.getByText("documents:")
  await expect(out).toHaveCount(1)
  return (await out.textContent()) ?? ""
}

test("CustomJS that uses Bokeh.require, Bokeh.documents and Bokeh.index works as under Bokeh's own embed", async ({
  page,
  context,
}) => {
  const errors: string[] = []
  page.on("pageerror", (error) => errors.push(error.message))
  await openBlankPage(page)
  await addElement(page, {id: "global", app: "bokeh_global"})
  await waitForStatus(page, "global", "connected")
  const underElement = await runCustomJs(page)
  expect(errors).toEqual([])

  const embedPage = await context.newPage()
  await openBokehEmbed(embedPage, "bokeh_global")
  const underEmbed = await runCustomJs(embedPage)

  expect(underElement).toBe(underEmbed)
  expect(underElement).toContain("string: true | documents: 1 | root view: true | version: string")
})

test("Bokeh.require names a module it does not have; a Bokeh the page already has is left alone", async ({page}) => {
  await openBlankPage(page)
  await page.evaluate(() => ((window as unknown as {Bokeh: unknown}).Bokeh = {mine: true}))
  await addElement(page, {id: "kept", app: "bokeh_global"})
  await waitForStatus(page, "kept", "connected")
  expect(await page.evaluate(() => (window as unknown as {Bokeh: unknown}).Bokeh)).toEqual({mine: true})

  const other = await page.context().newPage()
  await openBlankPage(other)
  await addElement(other, {id: "defined", app: "bokeh_global"})
  await waitForStatus(other, "defined", "connected")
  const answer = await other.evaluate(() => {
    const bokeh = (window as unknown as {Bokeh: {require(name: string): unknown; version: string}}).Bokeh
    const pretty = bokeh.require("@bokehjs/core/util/pretty") === bokeh.require("core/util/pretty")
    try {
      bokeh.require("core/no_such_module")
      return {pretty, error: null}
    } catch (error) {
      return {pretty, error: (error as Error).message}
    }
  })
  expect(answer.pretty).toBe(true)
  if (test.info().project.name === SERVER_BOKEHJS_PROJECT) {
    // The server's own BokehJS answers with its own words, as under Bokeh's embed.
    expect(answer.error).toBe("Cannot find module 'core/no_such_module'")
  } else {
    expect(answer.error).toContain(`Bokeh.require("core/no_such_module"): bokeh-session's BokehJS`)
    expect(answer.error).toContain("core/util/pretty")
  }
})

test("Bokeh.register_plugin runs a plugin bundle's modules against this build's BokehJS", async ({page}) => {
  await openBlankPage(page)
  await addElement(page, {id: "plugin", app: "bokeh_global"})
  await waitForStatus(page, "plugin", "connected")
  const result = await page.evaluate(() => {
    type Require = (name: string | number) => Record<string, never>
    const bokeh = (window as unknown as {Bokeh: Record<string, never>}).Bokeh as unknown as {
      register_plugin(modules: object, entry: string, aliases: object): Record<string, unknown>
      Models: Record<string, unknown>
      PluginThing?: unknown
    }
    // The shape `bokeh build` gives an extension: CommonJS factories, BokehJS's modules required as "@bokehjs/...".
    const modules = {
      "ext/index": function (
        require: Require,
        _module: unknown,
        exports: Record<string, unknown>,
        esModule: () => void,
        esExport: (name: string, value: unknown) => void,
      ) {
        esModule()
        const {PluginThing} = require("./thing")
        esExport("PluginThing", PluginThing)
        void exports
        ;(require("@bokehjs/base") as unknown as {register_models(models: object): void}).register_models({
          PluginThing,
        })
      },
      "ext/thing": function (require: Require, module: {exports: Record<string, unknown>}) {
        const {Model} = require("@bokehjs/model") as unknown as {Model: new () => object}
        class PluginThing extends Model {
          static __name__ = "PluginThing"
        }
        module.exports = {PluginThing}
      },
    }
    const plugin = bokeh.register_plugin(modules, "ext/index", {"./thing": "ext/thing"})
    return {
      exported: typeof plugin.PluginThing,
      registered: bokeh.Models.PluginThing === plugin.PluginThing,
      merged: bokeh.PluginThing === plugin.PluginThing,
    }
  })
  expect(result).toEqual({exported: "function", registered: true, merged: true})
})
