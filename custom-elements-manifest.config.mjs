// `npm run build:manifest` writes dist/custom-elements.json (package.json "customElements") from the JSDoc.
import {bokehSessionManifestPlugin} from "./scripts/manifest/bokeh-session-plugin.mjs"

export default {
  globs: ["src/element.ts", "src/define.ts"],
  outdir: "dist",
  litelement: true,
  // package.json names the manifest by hand ("customElements"): the analyzer would rewrite the whole file.
  packagejson: false,
  plugins: [
    bokehSessionManifestPlugin({tagName: "bokeh-session", elementModule: "src/element.ts", defineModule: "src/define.ts"}),
  ],
}
