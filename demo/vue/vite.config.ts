import vue from "@vitejs/plugin-vue"
import {defineConfig} from "vite"
import {packageAliases} from "../package-aliases.js"

// The Vue demo: `npm run demo:vue`, and built by e2e/frameworks.spec.ts.
export default defineConfig({
  root: import.meta.dirname,
  // #region vue-config
  plugins: [vue({template: {compilerOptions: {isCustomElement: (tag) => tag === "bokeh-session"}}})],
  // #endregion vue-config
  resolve: {alias: packageAliases()},
})
