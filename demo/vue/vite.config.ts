import vue from "@vitejs/plugin-vue"
import {defineConfig} from "vite"
import {packageAliases} from "../package-aliases.js"

// The Vue demo: `npm run demo -- vue`, and built by e2e/frameworks.spec.ts.
export default defineConfig({
  root: import.meta.dirname,
  // Its own dependency cache: sharing node_modules/.vite with the other demos would re-optimize on every switch.
  cacheDir: "../../node_modules/.vite/demo-vue",
  // #region vue-config
  plugins: [vue({template: {compilerOptions: {isCustomElement: (tag) => tag === "bokeh-session"}}})],
  // #endregion vue-config
  resolve: {alias: packageAliases()},
})
