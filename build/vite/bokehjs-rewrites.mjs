// Build-time rewrites of a few lines in BokehJS and its dependencies, for a leaner and leak-free bundle. Done in
// the build, not by patching node_modules: a fresh `npm ci` gets the same output, and a BokehJS upgrade that
// changes any of these lines fails the build loudly instead of silently shipping the old problem again.
import {fileURLToPath} from "node:url"
import {CSP_REWRITES} from "./csp-rewrites.mjs"

const WEB_MERCATOR = fileURLToPath(new URL("../../src/bokeh/web-mercator.ts", import.meta.url)).replaceAll("\\", "/")

const REWRITES = [
  // Direct `eval` makes every name in scope reachable from the evaluated string, so the minifier leaves all the
  // top-level names of the chunk that contains it unmangled: the whole core chunk (customjs.js) and the whole
  // tables chunk (slick.grid.js). Neither eval needs the local scope.
  {
    // A `CustomJS(module=True)` callback is a blob: URL, which an ordinary dynamic import loads the same way. The
    // eval only hid the import from TypeScript's CommonJS transpilation, which this build does not use.
    file: "@bokeh/bokehjs/build/js/lib/models/callbacks/customjs.js",
    from: 'await eval(`import("${url}")`)',
    to: "await import(/* @vite-ignore */ url)",
  },
  {
    // SlickGrid's `grid.eval(expr)`: a debug helper to read the grid's private variables, unused by BokehJS.
    file: "@bokeh/slickgrid/slick.grid.js",
    from: "return eval(expr);",
    to: "return (0, eval)(expr);",
  },
  // Every plot view adds a `visualViewport` resize listener that it never removes, so the page keeps each removed
  // plot's whole view tree (canvases, shadow roots, models): ~0.4 MB per plot. Remove the listener with the view.
  {
    file: "@bokeh/bokehjs/build/js/lib/models/plots/plot_canvas.js",
    from: `            visualViewport.addEventListener("resize", () => {
                if (this.canvas.resize()) {
                    this.request_repaint();
                }
            });`,
    to: `            visualViewport.addEventListener("resize", () => {
                if (this.canvas.resize()) {
                    this.request_repaint();
                }
            }, {signal: (this._viewport_listener ??= new AbortController()).signal});`,
  },
  {
    file: "@bokeh/bokehjs/build/js/lib/models/plots/plot_canvas.js",
    from: `    remove() {
        remove_views(this.renderer_views);`,
    to: `    remove() { this._viewport_listener?.abort();
        remove_views(this.renderer_views);`,
  },
  // BokehJS's only projection, WGS84 to Web Mercator, through proj4 and its WKT parser: ~22 KB gzip of every
  // plot's JavaScript. src/bokeh/web-mercator.ts is the closed form, unit-tested against proj4.
  {
    file: "@bokeh/bokehjs/build/js/lib/core/util/projections.js",
    from: `import proj4 from "proj4/lib/core";
import Projection from "proj4/lib/Proj";
import { infer_type } from "../types";
const mercator = new Projection("GOOGLE");
const wgs84 = new Projection("WGS84");
const _wgs84_mercator = proj4(wgs84, mercator);`,
    to: `import { wgs84ToWebMercator } from ${JSON.stringify(WEB_MERCATOR)};

import { infer_type } from "../types";


const _wgs84_mercator = wgs84ToWebMercator;`,
  },
  ...CSP_REWRITES,
]

/**
 * Applies each rewrite's `from` -> `to` once. `to` is inserted literally: with a string replacement, `$&`, `$'` or
 * `$1` in it (a checkout path such as `/home/a$'b/` in WEB_MERCATOR's import) would be read as a pattern.
 * A rewrite with a `pattern` (a global RegExp) instead replaces each of its matches with `to(...groups)`, and must
 * match exactly `count` times: a changed number of sites fails like a missing line.
 */
export function applyRewrites(code, rewrites, onMissing) {
  for (const rewrite of rewrites) {
    if (rewrite.pattern != null) {
      const found = code.match(rewrite.pattern)?.length ?? 0
      if (found !== rewrite.count) {
        onMissing(
          `${rewrite.file} has ${found} matches of ${rewrite.pattern}, not ${rewrite.count}: the installed BokehJS ` +
            `changed; check each site and update the count in build/vite/csp-rewrites.mjs.`,
        )
      }
      code = code.replace(rewrite.pattern, (...match) => rewrite.to(...match))
      continue
    }
    const {file, from, to} = rewrite
    if (!code.includes(from)) {
      onMissing(
        `${file} no longer contains ${JSON.stringify(from)}: the installed BokehJS changed; update REWRITES in ` +
          `build/vite/bokehjs-rewrites.mjs (or drop the entry if the problem it fixes is gone).`,
      )
    }
    code = code.replace(from, () => to)
  }
  return code
}

export function bokehJsRewrites() {
  return {
    name: "bokeh-session:bokehjs-rewrites",
    enforce: "pre",
    transform(code, id) {
      const path = id.split("?")[0].replaceAll("\\", "/")
      const rewrites = REWRITES.filter(({file}) => path.endsWith(`/node_modules/${file}`))
      if (rewrites.length === 0) {
        return null
      }
      // Every rewrite keeps the line count, so positions in the untouched lines stay right for the source map.
      return {code: applyRewrites(code, rewrites, (message) => this.error(message)), map: null}
    },
  }
}
