/**
 * Runs BokehJS's classic-script code (a server's bokeh.min.js and its plugin bundles, packaged extensions, inline
 * model code) against a BokehJS of our choosing, without handing the page's `window.Bokeh` to it. Such code finds
 * its BokehJS in `window.Bokeh` while it runs: `factory(root["Bokeh"], "3.6.0")` then `Bokeh[version]` for a
 * plugin, `root.Bokeh = bokeh` (unless one with `__bokeh__` is there) then `Bokeh[bokeh.version] = bokeh` for the
 * core bundle. While a script of ours runs, `window.Bokeh` answers it (and only it: `document.currentScript`) with
 * the object given for it; every other script, and the page, see the page's own value all the while, and keep
 * whatever they assign. When nothing of ours is loading, `window.Bokeh` is a plain property again.
 */

/** The object each of our scripts sees as `window.Bokeh`, while it runs. */
const views = new Map<HTMLScriptElement, object>()
/** The page's `window.Bokeh` while the accessor below stands in for it. */
let pageValue: unknown
/** The page's own property, replaced by the accessor; undefined when the accessor is not installed. */
let pageProperty: PropertyDescriptor | null | undefined

const scope = globalThis as {Bokeh?: unknown}

function install(): void {
  if (pageProperty !== undefined) {
    return
  }
  const own = Object.getOwnPropertyDescriptor(globalThis, "Bokeh")
  if (own != null && own.configurable !== true) {
    // A `var Bokeh` of the page cannot be replaced: our scripts then see (and the core bundle may set) its value;
    // `restore` puts the page's value back.
    pageProperty = own
    pageValue = scope.Bokeh
    return
  }
  pageProperty = own ?? null
  pageValue = scope.Bokeh
  Object.defineProperty(globalThis, "Bokeh", {
    configurable: true,
    enumerable: own?.enumerable ?? true,
    get: () => {
      const script = document.currentScript
      return (script instanceof HTMLScriptElement ? views.get(script) : undefined) ?? pageValue
    },
    set: (value: unknown) => {
      const script = document.currentScript
      if (!(script instanceof HTMLScriptElement && views.has(script))) {
        pageValue = value
      }
    },
  })
}

function restore(): void {
  if (views.size > 0 || pageProperty === undefined) {
    return
  }
  const own = pageProperty
  pageProperty = undefined
  if (own != null && own.configurable !== true) {
    scope.Bokeh = pageValue
  } else if (pageValue === undefined && own == null) {
    delete scope.Bokeh
  } else {
    Object.defineProperty(globalThis, "Bokeh", {
      configurable: true,
      enumerable: own?.enumerable ?? true,
      writable: true,
      value: pageValue,
    })
  }
  pageValue = undefined
}

/** The page's own `window.Bokeh`, whether or not one of our scripts is running. */
export function pageBokeh(): unknown {
  return pageProperty === undefined ? scope.Bokeh : pageValue
}

/** Runs `script` (appended to the head) with `view` as its `window.Bokeh`; settles once it ran (or failed to load). */
function withView(script: HTMLScriptElement, view: object, ran: Promise<void>): Promise<void> {
  install()
  views.set(script, view)
  const nonCustom = pageProperty != null && pageProperty.configurable !== true
  if (nonCustom) {
    scope.Bokeh = view
  }
  const done = (): void => {
    views.delete(script)
    script.remove()
    restore()
  }
  return ran.then(done, (error: unknown) => {
    done()
    throw error
  })
}

/**
 * What a script sink is given: under Trusted Types (require-trusted-types-for 'script') the bundled BokehJS passes
 * its policy's TrustedScriptURL and TrustedScript (src/bokeh/trusted-sinks.ts); the DOM's types say string only.
 */
type Trust = (value: string) => unknown

/** Loads the classic script at `url` with `view` as its `window.Bokeh`; rejects when it cannot be fetched. */
export function loadScript(url: string, view: object, trust: Trust = (value) => value): Promise<void> {
  const script = document.createElement("script")
  script.src = trust(url) as string
  // Fetched at once, run in the order of the calls (as autoload.js loads its bundles): a plugin bundle needs the
  // bundles it builds on to have run (the core, the widgets for the tables).
  script.async = false
  const ran = new Promise<void>((resolve, reject) => {
    // `load` fires right after the script ran, in the same task: no other script runs in between.
    script.onload = () => resolve()
    script.onerror = () => reject(new Error(`Could not load ${url}`))
  })
  const settled = withView(script, view, ran)
  document.head.append(script)
  return settled
}

/**
 * Runs `code` as an inline classic script, synchronously, with `view` as its `window.Bokeh`: the page's
 * Content-Security-Policy must allow inline scripts, as for Bokeh's own embed (whose autoload.js runs such code). An
 * exception inside it is reported by the browser.
 */
export function runInlineScript(code: string, view: object, trust: Trust = (value) => value): void {
  const script = document.createElement("script")
  script.textContent = trust(code) as string
  void withView(script, view, Promise.resolve())
  document.head.append(script)
}

/** Fetches the script at `url` now, to run it later with `loadScript` (from the browser's cache). */
export function preloadScript(url: string): void {
  const link = document.createElement("link")
  link.rel = "preload"
  link.as = "script"
  link.href = url
  // Once fetched, the response is the browser's to keep; the element served only to start the fetch.
  link.onload = link.onerror = () => link.remove()
  document.head.append(link)
}
