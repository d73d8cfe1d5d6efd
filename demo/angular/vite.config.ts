import {defineConfig} from "vite"
import {packageAliases} from "../package-aliases.js"

// The Angular demo: `npm run demo -- angular`, and built by e2e/frameworks.spec.ts. It compiles its templates in the
// browser (Angular's JIT mode), so a plain Vite build serves it without the Angular CLI.
export default defineConfig({
  root: import.meta.dirname,
  cacheDir: "../../node_modules/.vite/demo-angular",
  resolve: {alias: packageAliases()},
})
