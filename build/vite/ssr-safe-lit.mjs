// Lit's browser builds touch the DOM when they are evaluated (`class extends HTMLElement`, `const d = document`),
// so a bundle of them throws on import under Node or SSR. Lit's "node" builds are the same code with those two
// places guarded (falling back to @lit-labs/ssr-dom-shim), and behave identically in a browser. The library
// bundle therefore takes Lit from the builds Node itself resolves.
import {fileURLToPath} from "node:url"

const GUARDED_LIT_MODULES = ["lit-html", "@lit/reactive-element"]

// The guarded builds fall back to @lit-labs/ssr-dom-shim (3 KB gzip, a whole DOM) for just `HTMLElement` and
// `customElements`; build/ssr-dom-shim.ts provides those two, so the browser's first script stays small.
const MINIMAL_DOM_SHIM = fileURLToPath(new URL("../ssr-dom-shim.ts", import.meta.url))

/** Vite `resolve.alias` entries mapping each bare Lit specifier to the build Node resolves (the guarded one). */
export function ssrSafeLitAliases() {
  const shim = {find: /^@lit-labs\/ssr-dom-shim$/, replacement: MINIMAL_DOM_SHIM}
  return [
    shim,
    ...GUARDED_LIT_MODULES.map((specifier) => {
      const resolved = fileURLToPath(import.meta.resolve(specifier))
      if (!resolved.includes("/node/")) {
        throw new Error(
          `Expected Node to resolve ${specifier} to Lit's node build, got ${resolved}: check the Lit version.`,
        )
      }
      return {find: new RegExp(`^${specifier.replace("/", "\\/")}$`), replacement: resolved}
    }),
  ]
}
