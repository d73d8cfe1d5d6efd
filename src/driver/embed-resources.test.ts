import {readFileSync} from "node:fs"
import {describe, expect, it} from "vitest"
import {parseAutoload} from "./embed-resources.js"

/** autoload.js as real servers of each release answered it (test/fixtures/autoload/, tokens replaced). */
const recorded = (name: string): string =>
  readFileSync(new URL(`../../test/fixtures/autoload/${name}.js.txt`, import.meta.url), "utf8")

describe("parseAutoload", () => {
  it.each(["3.4.3", "3.6.0"])("reads the BokehJS bundles a %s server's embed loads, with their hashes", (release) => {
    const resources = parseAutoload(recorded(`sliders-${release}`))!
    expect(Object.keys(resources.bokehjs).sort()).toEqual(["core", "gl", "mathjax", "tables", "widgets"])
    expect(resources.bokehjs.core).toMatch(/^http:\/\/localhost:5006\/static\/js\/bokeh\.min\.js\?v=[0-9a-f]{128}$/)
    expect(resources.bokehjs.tables).toMatch(/\/static\/js\/bokeh-tables\.min\.js\?v=/)
    expect(resources.extensions).toEqual([])
    // The embed's own code (embed_items) is never taken, nor set_log_level.
    expect(resources.inline).toEqual([])
  })

  it("takes the compiled inline models' code, as a script that runs it against window.Bokeh", () => {
    const resources = parseAutoload(recorded("inline-model-3.9.2"))!
    expect(resources.inline).toHaveLength(1)
    const [code] = resources.inline
    expect(code).toMatch(/^\(function\(Bokeh\) \{/)
    expect(code).toMatch(/\}\)\.call\(window, window\.Bokeh\);$/)
    expect(code).toContain('"custom/acc_inline_models.inline_hello"')
    expect(code).toContain("register_plugin")
    expect(code).not.toContain("embed_items")
    // It is valid JavaScript: the entry was cut at its own boundaries.
    expect(() => new Function(code!)).not.toThrow()
  })

  it("sorts BokehJS's bundles (also from Bokeh's CDN, with the version in the name) from extensions", () => {
    const text = recorded("sliders-3.6.0").replace(
      /^ {2}const js_urls = .*$/m,
      `  const js_urls = ${JSON.stringify([
        "https://cdn.bokeh.org/bokeh/release/bokeh-3.6.0.min.js",
        "https://cdn.bokeh.org/bokeh/release/bokeh-widgets-3.6.0.min.js",
        "http://localhost:5006/static/extensions/panel/panel.min.js?v=1",
        "http://localhost:5006/static/extensions/acc_pkg_ext/acc_pkg_ext.min.js",
      ])};`,
    )
    const resources = parseAutoload(text)!
    expect(resources.bokehjs).toEqual({
      core: "https://cdn.bokeh.org/bokeh/release/bokeh-3.6.0.min.js",
      widgets: "https://cdn.bokeh.org/bokeh/release/bokeh-widgets-3.6.0.min.js",
    })
    expect(resources.extensions).toEqual([
      "http://localhost:5006/static/extensions/panel/panel.min.js?v=1",
      "http://localhost:5006/static/extensions/acc_pkg_ext/acc_pkg_ext.min.js",
    ])
  })

  it("is null for anything that is not an autoload.js", () => {
    expect(parseAutoload("<!doctype html><title>404</title>")).toBeNull()
    expect(parseAutoload("  const js_urls = [not json];")).toBeNull()
  })
})
