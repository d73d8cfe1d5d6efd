// `npm run lint`: typescript-eslint's recommended rules everywhere, Lit's and the web-components rules on the
// element. Formatting is Prettier's job (`npm run format:check`), so no stylistic rules here.
import js from "@eslint/js"
import lit from "eslint-plugin-lit"
import wc from "eslint-plugin-wc"
import globals from "globals"
import tseslint from "typescript-eslint"

export default tseslint.config(
  {
    ignores: [
      "dist/",
      "node_modules/",
      ".venv/",
      ".venvs/",
      "test-results/",
      "playwright-report/",
      "bench-results/",
      "e2e/pages/frameworks/",
      "demo/**/dist/",
      // BokehJS extensions for the e2e tests: compiled by `bokeh build` (scripts/lib/bokeh-extensions.mjs).
      "e2e/extensions/",
      // Bokeh's own example apps, copied unchanged (e2e/apps/bokeh_examples/README.md).
      "e2e/apps/bokeh_examples/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {globals: {...globals.browser, ...globals.node}},
    rules: {
      // `_`-prefixed names are deliberately unused (callbacks whose signature is fixed).
      "@typescript-eslint/no-unused-vars": ["error", {argsIgnorePattern: "^_", varsIgnorePattern: "^_"}],
    },
  },
  {
    files: ["src/element/**/*.ts"],
    ...lit.configs["flat/recommended"],
  },
  {
    files: ["src/element/**/*.ts"],
    ...wc.configs["flat/recommended"],
  },
)
