// Stands in for @lit-labs/ssr-dom-shim in the library build (see build/vite/ssr-safe-lit.mjs). Lit's guarded
// builds use it only where there is no DOM (SSR, Node): there the element's class must still be definable and the
// tag registrable. A browser never touches it, so it is kept to the two names Lit imports, ~0.2 KB instead of 3 KB.

/** The base class where `HTMLElement` does not exist. */
export class HTMLElement {}

const definitions = new Map<string, unknown>()

/** A registry that records definitions, as a server-side renderer expects to find them. */
export const customElements = {
  define(name: string, constructor: unknown): void {
    if (definitions.has(name)) {
      throw new Error(`"${name}" has already been defined as a custom element`)
    }
    definitions.set(name, constructor)
  },
  get(name: string): unknown {
    return definitions.get(name)
  },
}
