// `npm run build:manifest` writes dist/custom-elements.json (package.json "customElements") from the JSDoc.
import {bokehSessionManifestPlugin} from "./build/manifest/bokeh-session-plugin.mjs"

export default {
  globs: ["src/element/element.ts", "src/element/define.ts", "src/element/events.ts"],
  outdir: "dist",
  litelement: true,
  // package.json names the manifest by hand ("customElements"): the analyzer would rewrite the whole file.
  packagejson: false,
  plugins: [
    bokehSessionManifestPlugin({
      tagName: "bokeh-session",
      elementModule: "src/element/element.ts",
      defineModule: "src/element/define.ts",
    }),
  ],
}
