/**
 * BokehJS's inline stylesheets as constructed, adopted stylesheets instead of `<style>` elements
 * (build/vite/csp-rewrites.mjs rewrites `InlineStyleSheet` and `empty()` in BokehJS's core/dom.js, and SlickGrid's
 * column rules, to use this). A `<style>` needs `style-src 'unsafe-inline'`; an adopted sheet needs nothing (the
 * CSSOM is not subject to the page's Content-Security-Policy), and one sheet serves every view with the same CSS:
 * a plot has dozens of views, each with BokehJS's base CSS, which the browser parsed once per `<style>`.
 *
 * An `AdoptedSheet` behaves as the `<style>` element it replaces: it is in at most one root at a time (installing
 * it elsewhere moves it), it comes after the sheets installed before it, and emptying a root removes it with the
 * root's children. Adopted sheets come after a root's own `<style>` and `<link>` elements in the cascade.
 */

/** A document or shadow root, where adopted sheets apply. */
type Root = Document | ShadowRoot

/** How many distinct CSS texts keep a shared sheet: BokehJS's own are a few dozen; the rest are computed per view. */
const SHARED_LIMIT = 500

/** CSS text -> its one shared sheet, most recently used last. */
const shared = new Map<string, CSSStyleSheet>()
/** Every sheet made here: emptying a root removes these and leaves anyone else's (Lit's) alone. */
const made = new WeakSet<CSSStyleSheet>()
/** Each root's sheets from here, in the order they were installed. */
const installed = new WeakMap<Root, AdoptedSheet[]>()

function construct(css: string): CSSStyleSheet {
  const sheet = new CSSStyleSheet()
  sheet.replaceSync(css)
  made.add(sheet)
  return sheet
}

/** The shared sheet for `css`. Never mutated: a sheet with other text is another sheet. */
function sharedSheet(css: string): CSSStyleSheet {
  let sheet = shared.get(css)
  if (sheet != null) {
    shared.delete(css)
  } else {
    sheet = construct(css)
    if (shared.size >= SHARED_LIMIT) {
      // Forgetting a sheet only stops sharing it: the roots that adopted it keep it.
      shared.delete(shared.keys().next().value!)
    }
  }
  shared.set(css, sheet)
  return sheet
}

function isRoot(node: Node): node is Root {
  return node instanceof ShadowRoot || node instanceof Document
}

/** Puts the root's sheets from here after its other adopted sheets, in installation order. */
function sync(root: Root): void {
  const ours = installed.get(root) ?? []
  const others = root.adoptedStyleSheets.filter((sheet) => !made.has(sheet))
  root.adoptedStyleSheets = [...others, ...ours.map((entry) => entry.sheet)]
}

export class AdoptedSheet {
  #css: string
  #sheet: CSSStyleSheet
  readonly #shared: boolean
  #root: Root | null = null
  /** A target that is not a root (an element not yet in a document): BokehJS's `<style>` element, as before. */
  #element: HTMLStyleElement | null = null

  /**
   * `shared`: one sheet per CSS text, for sheets nobody edits through the CSSOM. A private sheet (SlickGrid's column
   * rules, whose `style.left` it sets) is the caller's to edit with `sheet`.
   */
  constructor(css: string, {shared = true}: {shared?: boolean} = {}) {
    this.#css = css
    this.#shared = shared
    this.#sheet = shared ? sharedSheet(css) : construct(css)
  }

  /** A handle that installs `sheet`, one of this module's, which its owner edits (see style-classes.ts). */
  static wrapping(sheet: CSSStyleSheet): AdoptedSheet {
    const handle = new AdoptedSheet("", {shared: true})
    handle.#sheet = sheet
    return handle
  }

  get css(): string {
    return this.#css
  }

  set css(css: string) {
    if (css === this.#css) {
      return
    }
    this.#css = css
    if (this.#shared) {
      this.#sheet = sharedSheet(css)
      if (this.#root != null) {
        sync(this.#root)
      }
    } else {
      this.#sheet.replaceSync(css)
    }
    if (this.#element != null) {
      this.#element.textContent = css
    }
  }

  get sheet(): CSSStyleSheet {
    return this.#sheet
  }

  /** Applies the sheet to `target`'s root (a `<style>` applies to the whole root it is in), after the root's others. */
  install(target: Node): void {
    this.uninstall()
    if (!isRoot(target)) {
      this.#element = document.createElement("style")
      this.#element.textContent = this.#css
      target.appendChild(this.#element)
      return
    }
    let list = installed.get(target)
    if (list == null) {
      list = []
      installed.set(target, list)
    }
    list.push(this)
    this.#root = target
    sync(target)
  }

  uninstall(): void {
    this.#element?.remove()
    this.#element = null
    const root = this.#root
    if (root == null) {
      return
    }
    this.#root = null
    const list = installed.get(root)
    const index = list?.indexOf(this) ?? -1
    if (index !== -1) {
      list!.splice(index, 1)
      sync(root)
    }
  }

  /** BokehJS's `empty(node)` removed a root's `<style>` elements with its other children: the same, here. */
  static releaseAll(node: Node): void {
    if (!isRoot(node)) {
      return
    }
    const list = installed.get(node)
    if (list == null || list.length === 0) {
      return
    }
    for (const entry of list) {
      entry.#root = null
    }
    installed.delete(node)
    sync(node)
  }
}

/** How many shared sheets exist (for the tests and the bench: views share them instead of each parsing its own). */
export function sharedSheetCount(): number {
  return shared.size
}
