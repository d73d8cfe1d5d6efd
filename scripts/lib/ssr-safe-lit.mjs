// Lit's browser builds touch the DOM when they are evaluated (`class extends HTMLElement`, `const d = document`),
// so a bundle of them throws on import under Node or SSR. Lit's "node" builds are the same code with those two
// places guarded (falling back to @lit-labs/ssr-dom-shim), and behave identically in a browser. The library
// bundle therefore takes Lit from the builds Node itself resolves.
import {fileURLToPath} from "node:url"

const GUARDED_LIT_MODULES = ["lit-html", "@lit/reactive-element"]

/** Vite `resolve.alias` entries mapping each bare Lit specifier to the build Node resolves (the guarded one). */
export function ssrSafeLitAliases() {
  return GUARDED_LIT_MODULES.map((specifier) => {
    const resolved = fileURLToPath(import.meta.resolve(specifier))
    if (!resolved.includes("/node/")) {
      throw new Error(`Expected Node to resolve ${specifier} to Lit's node build, got ${resolved}: check the Lit version.`)
    }
    return {find: new RegExp(`^${specifier.replace("/", "\\/")}$`), replacement: resolved}
  })
}
