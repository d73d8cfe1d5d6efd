import {defineConfig} from "vite"

// `vite build` writes the drop-in library: dist/bokeh-session.js plus the lazily loaded BokehJS chunks beside it.
// `vite` (the dev server, used by `npm run demo`) serves the demo page from demo/.
export default defineConfig(({command}) => ({
  root: command === "serve" ? "demo" : undefined,
  // Relative chunk URLs: the page may serve dist/ from any path.
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: true,
    lib: {
      entry: "src/index.ts",
      formats: ["es"],
      fileName: () => "bokeh-session.js",
    },
    rollupOptions: {
      output: {
        chunkFileNames: "chunks/[name]-[hash].js",
      },
    },
  },
  server: {
    // The demo script starts Bokeh and allows exactly this origin, so the port must not drift.
    strictPort: true,
  },
}))
