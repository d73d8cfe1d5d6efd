import react from "@vitejs/plugin-react"
import {defineConfig} from "vite"
import {packageAliases} from "../package-aliases.js"

// The React demo: `npm run demo -- react`, and built by e2e/frameworks.spec.ts.
export default defineConfig({
  root: import.meta.dirname,
  // Its own dependency cache: sharing node_modules/.vite with the other demos would re-optimize on every switch.
  cacheDir: "../../node_modules/.vite/demo-react",
  plugins: [react()],
  resolve: {alias: packageAliases()},
})
