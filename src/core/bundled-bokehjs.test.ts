import {readFileSync} from "node:fs"
import {createRequire} from "node:module"
import {describe, expect, it} from "vitest"
import {BUNDLED_BOKEHJS_VERSION} from "./bundled-bokehjs.js"

const require = createRequire(import.meta.url)

describe("BUNDLED_BOKEHJS_VERSION", () => {
  it("is the release of the installed @bokeh/bokehjs, which the build bundles", () => {
    const pkg = JSON.parse(readFileSync(require.resolve("@bokeh/bokehjs/package.json"), "utf8")) as {version: string}
    expect(BUNDLED_BOKEHJS_VERSION).toBe(pkg.version)
  })

  it("is what the bundled BokehJS reports as its version", () => {
    const source = readFileSync(require.resolve("@bokeh/bokehjs/build/js/lib/version.js"), "utf8")
    expect(source).toContain(`"${BUNDLED_BOKEHJS_VERSION}"`)
  })
})
