// `npm run build:manifest` writes dist/custom-elements.json (package.json "customElements") from the JSDoc.
import {bokehSessionManifestPlugin} from "./build/manifest/bokeh-session-plugin.mjs"

// The manifest is read from the installed package, which ships dist/ and not src/: each module's `path` names the
// built file that exports its declarations (the schema: "the javascript file needed to be imported"). The class
// comes without side effects from dist/element.js; dist/bokeh-session.js registers the tag.
const BUILT_MODULES = {
  "src/element/element.ts": "dist/element.js",
  "src/element/define.ts": "dist/bokeh-session.js",
}

/** Runs after the other plugins, which find modules by their source paths. */
function builtModulePaths(paths) {
  const built = (path) => {
    if (paths[path] == null) throw new Error(`custom-elements-manifest.config.mjs: no built file for ${path}`)
    return paths[path]
  }
  return {
    name: "built-module-paths",
    packageLinkPhase({customElementsManifest}) {
      for (const module of customElementsManifest.modules) {
        module.path = built(module.path)
        for (const item of module.exports ?? []) {
          if (item.declaration?.module != null) item.declaration.module = built(item.declaration.module)
        }
      }
    },
  }
}

export default {
  globs: ["src/element/element.ts", "src/element/define.ts"],
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
    builtModulePaths(BUILT_MODULES),
  ],
}
