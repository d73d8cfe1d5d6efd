import {defineConfig} from "vite"
import {minifiedCss} from "./build/vite/minify-css.mjs"
import {ssrSafeLitAliases} from "./build/vite/ssr-safe-lit.mjs"
import {bokehJsRewrites} from "./build/vite/bokehjs-rewrites.mjs"
import {trustedTypesSinks} from "./build/vite/trusted-types.mjs"
import {assignedClassFields} from "./build/vite/class-fields.mjs"
import {documentFunctions} from "./build/vite/document-functions.mjs"
import {staticGraphChunk} from "./build/vite/bokehjs-core-chunk.mjs"
import {preloadDynamicDependencies} from "./build/vite/preload-dynamic-deps.mjs"

/** Names for BokehJS's lazily loaded entry chunks, so that a network log (and the bench) tells them apart. */
const BOKEHJS_BUNDLES: [string, string][] = [
  ["/models/widgets/tables/main.js", "bokehjs-tables"],
  ["/models/widgets/main.js", "bokehjs-widgets"],
  ["/models/text/mathjax/index.js", "bokehjs-mathjax"],
  // Not BokehJS: what drives a Bokeh server's own BokehJS (named for the tier test and the bench).
  ["/src/server-bokehjs/index.ts", "server-bokehjs"],
]

const bokehJsCore = staticGraphChunk(/\/src\/bokeh\/adapter\.ts$/)

/**
 * The session code and the driver: loaded on the first connect, before (or without) the bundled BokehJS. Not the
 * driver's loaders of classic scripts and custom model code (extensions.ts, embed-resources.ts, scripts.ts): only the
 * server's own BokehJS and documents with custom models use them, and they come with those chunks. Nor the code that
 * names a failure (failure-code.ts and what it exports): it loads once something failed.
 */
const SESSION_CODE =
  /[\\/]src[\\/](session[\\/]|driver[\\/](?!(extensions|embed-resources|scripts|failure-code|failures|early-failure|probe)\.ts$)|core[\\/]policy-blocks\.ts$)/

// `vite build` writes the drop-in library: dist/bokeh-session.js plus the lazily loaded BokehJS chunks beside it.
// `vite` (the dev server, used by `npm run demo`) serves the demo page from demo/.
export default defineConfig(({command}) => ({
  root: command === "serve" ? "demo" : undefined,
  // Relative chunk URLs: the page may serve dist/ from any path.
  base: "./",
  plugins:
    command === "build"
      ? [
          bokehJsRewrites(),
          documentFunctions(),
          trustedTypesSinks(),
          assignedClassFields(),
          minifiedCss(),
          bokehJsCore.plugin,
          preloadDynamicDependencies(),
        ]
      : [],
  // The built entries must import under Node without a DOM (SSR); see build/vite/ssr-safe-lit.mjs.
  resolve: command === "build" ? {alias: ssrSafeLitAliases()} : undefined,
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // No source maps: the package does not ship them (README, "What the package ships").
    // For local debugging: `npx vite build --sourcemap`.
    sourcemap: false,
    lib: {
      // One file per package.json export: "." registers the tag, "./element" is the class only, "./react" and "./vue"
      // add JSX and template types.
      entry: {
        "bokeh-session": "src/index.ts",
        element: "src/element-entry.ts",
        react: "src/react.ts",
        vue: "src/vue.ts",
      },
      formats: ["es"],
      fileName: (_format, entryName) => `${entryName}.js`,
    },
    rollupOptions: {
      output: {
        chunkFileNames: (chunk) =>
          `chunks/${BOKEHJS_BUNDLES.find(([path]) => chunk.facadeModuleId?.endsWith(path))?.[1] ?? "[name]"}-[hash].js`,
        // Vite's ES library mode keeps whitespace (for apps that bundle it again); these files go to browsers as is.
        minify: {codegen: {removeWhitespace: true}},
        // No comments, as before (licence headers were dropped by the minifier already), and not the bundler's
        // annotations either (`/* @__PURE__ */`, 16 in the first script alone: 60 B gzip): an app that bundles these
        // files again tree-shakes by the exports it imports.
        comments: false,
        // BokehJS's core in one chunk with the adapter: else the modules it shares with the widget bundles become
        // separate chunks that the browser discovers only after parsing the adapter (one more round trip).
        codeSplitting: {
          groups: [
            ...bokehJsCore.groups("bokehjs-core", "element-entry"),
            // The session code is loaded on the first connect as a whole: as separate chunks (the lifecycle importing
            // the pull, the pull importing the live-arguments link), each came one round trip after the other. The
            // live-arguments link (src/driver/live.ts) uses BokehJS's types only and is imported on every connect. The
            // driver (src/driver/) uses BokehJS's types only, and drives either BokehJS: in the core chunk (it is
            // part of the adapter's static graph, hence this group's priority over the core's) it would make the
            // server's BokehJS (src/server-bokehjs/) load the bundled one. With them, the record of what the page's
            // policy refused (src/core/policy-blocks.ts), which BokehJS's rewritten code reports to.
            {name: "session", priority: 2, test: SESSION_CODE},
          ],
        },
      },
    },
  },
  server: {
    // The demo script starts Bokeh and allows exactly this origin, so the port must not drift.
    strictPort: true,
  },
}))
