// The HTML pages the benchmark loads. Every page carries the same render probe, so each variant is timed by the
// same rule: navigation start to the first rendered root (a painted canvas for the plot app, a filled table cell
// for the widget app), polled every 4 ms.

/** The apps, their bokeh serve path, the arguments sent, and what counts as rendered. */
export const APPS = {
  plot: {path: "/echo", arguments: {N: "50", title: "bench"}, render: "canvas"},
  widgets: {path: "/widgets", arguments: {a: "1", b: "two"}, render: "table-cell"},
}

/**
 * CSS a page can use to give the element its size before anything loads (from the element's rendered size in the
 * bench page at 1280 × 720): the document's height on the roots part, the whole element's on the host.
 */
export const PAGE_GIVEN_SIZE = {
  plot: "bokeh-session{display:block;min-height:438px}bokeh-session::part(roots){min-height:304px}",
}

/** CSS that hides what the element shows beside the document: its status line and the echo table. */
export const DOCUMENT_ONLY = "bokeh-session::part(status),bokeh-session::part(echo){display:none}"

const PROBE = String.raw`
<script>
(() => {
  // Layout shifts as Core Web Vitals counts them (none here follow input), summed from navigation on.
  window.__layoutShift = 0
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__layoutShift += entry.value
  }).observe({type: "layout-shift", buffered: true})
  // When the session's websocket was created, opened, and got its first message (the server's ACK, sent once the
  // session exists) and its second (the document): where the time between navigation and render goes.
  const times = (window.__websocket = {sockets: 0})
  // When the first script had run (the element defined): the earliest moment it could open the websocket.
  customElements.whenDefined("bokeh-session").then(() => (times.defined = performance.now()))
  const NativeWebSocket = window.WebSocket
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) {
      super(...args)
      times.sockets += 1
      times.created ??= performance.now()
      let messages = 0
      this.addEventListener("open", () => (times.open ??= performance.now()))
      this.addEventListener("message", () => {
        messages += 1
        if (messages === 1) times.ack ??= performance.now()
        if (messages === 2) times.document ??= performance.now()
      })
    }
  }
  const query = new URLSearchParams(location.search)
  const kind = query.get("render")
  if (kind == null) return
  // within: the render that counts is the one inside this element (e.g. the one above the fold).
  const within = query.get("within")
  function* deep(root) {
    for (const el of root.querySelectorAll("*")) {
      yield el
      if (el.shadowRoot != null) yield* deep(el.shadowRoot)
    }
  }
  function rendered() {
    const root = within == null ? document : document.querySelector(within)?.shadowRoot
    if (root == null) return false
    for (const el of deep(root)) {
      if (kind === "canvas" && el.tagName === "CANVAS" && el.width > 0 && el.height > 0) {
        const ctx = el.getContext("2d")
        // Bokeh paints the plot background first: an opaque centre pixel means the plot is on screen.
        if (ctx != null && ctx.getImageData(el.width >> 1, el.height >> 1, 1, 1).data[3] > 0) return true
      }
      if (kind === "table-cell" && el.classList.contains("slick-cell") && el.textContent.trim() !== "") return true
    }
    return false
  }
  const check = () => {
    if (rendered()) {
      window.__firstRender = performance.now()
      // The bench hears this over the DevTools protocol: polling the page from Playwright would run its injected
      // script (~25 ms of main thread) in the middle of the load it measures.
      console.debug("bench:first-render")
    } else setTimeout(check, 4)
  }
  check()
})()
</script>`

/** Text above and below the embed, the same on every page, so that a late-sized embed visibly shifts it. */
const surround = (embed) =>
  `<h1>A page with a live app</h1><p>Text above the app.</p>${embed}<p>Text below the app, which moves if the app changes size.</p>`

/** A Bokeh session token as bokeh.util.token builds it with signing off, minted in the page (for the raw pulls). */
const RAW_HELPERS = String.raw`
<script>
window.__mintToken = () => {
  const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
  const id = Array.from(crypto.getRandomValues(new Uint8Array(44)), (b) => alphabet[b % 62]).join("")
  const json = JSON.stringify({session_id: id, session_expiry: Math.floor(Date.now() / 1000) + 3600})
  return btoa(json).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")
}
window.__rawPull = async (wsUrl, query, container) => {
  const {pull_session} = Bokeh.require("client/connection")
  const started = performance.now()
  const session = await pull_session(wsUrl, window.__mintToken(), query)
  const pulled = performance.now()
  await Bokeh.embed.add_document_standalone(session.document, container)
  return {session, pullMs: pulled - started, totalMs: performance.now() - started}
}
</script>`

const escapeAttribute = (text) => text.replace(/&/g, "&amp;").replace(/'/g, "&#39;").replace(/</g, "&lt;")

function html(head, body) {
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>bench</title>${head}</head><body>${body}</body></html>`
}

/**
 * @param {object} env
 * @param {string} env.bokehOrigin the stock server
 * @param {string} env.nodelayOrigin the server whose websockets set TCP_NODELAY
 * @param {string} env.releaseOrigin a server of another release than the bundled BokehJS's
 * @param {Record<string, string>} env.releaseEmbeds that server's own server_document() output per app
 * @param {Record<string, string>} env.embeds server_document() output per app
 * @param {Record<string, string[]>} env.bokehJsUrls Bokeh's own bundles per app (from its /static)
 */
export function makePages(env) {
  const appOf = (query) => APPS[query.get("app") ?? "plot"]
  const originOf = (query) =>
    query.get("server") === "nodelay"
      ? env.nodelayOrigin
      : query.get("server") === "release"
        ? env.releaseOrigin
        : env.bokehOrigin
  const bundles = (name) => env.bokehJsUrls[name].map((src) => `<script src="${src}"></script>`).join("")
  const pages = {
    // (a) the drop-in element from dist/.
    element(query) {
      const app = appOf(query)
      const build = query.get("build") === "compare" ? "/dist-compare" : "/dist"
      // cache=none: the same files from a server that sends no cache headers (static-server.mjs).
      const dist = query.get("cache") === "none" ? `/plain${build}` : build
      // css: the page's own style sheet, e.g. the size it reserves for the app.
      const css = query.get("css") == null ? "" : `<style>${query.get("css").replace(/</g, "")}</style>`
      // blocking: the page's first paint waits for the script (blocking="render"), so the element is defined and
      // holds its size before anything is on screen.
      const blocking = query.get("blocking") == null ? "" : ` blocking="render"`
      return html(
        `${PROBE}${css}<script type="module"${blocking} src="${dist}/bokeh-session.js"></script>`,
        surround(
          `<bokeh-session url="${originOf(query)}${app.path}" arguments='${escapeAttribute(JSON.stringify(app.arguments))}'></bokeh-session>`,
        ),
      )
    },
    // (b) Bokeh's own embed: server_document() output pasted as is.
    embed(query) {
      const embeds = query.get("server") === "release" ? env.releaseEmbeds : env.embeds
      return html(PROBE, surround(embeds[query.get("app") ?? "plot"]))
    },
    // (c) the floor: Bokeh's own bundles already in the page, then one raw pull_session + add_document_standalone.
    raw(query) {
      const app = appOf(query)
      const name = query.get("app") ?? "plot"
      return html(
        `${PROBE}${bundles(name)}${RAW_HELPERS}`,
        `<div id="root"></div><script>
          __rawPull(${JSON.stringify(`${originOf(query).replace("http", "ws")}${app.path}/ws`)},
            ${JSON.stringify(new URLSearchParams(app.arguments).toString())}, document.getElementById("root"))
        </script>`,
      )
    },
    // A long page: ten elements of the plot app, the first above the fold, one viewport of text between them;
    // loading: eager (each connects at once) or lazy (each when it comes near the viewport).
    "long-page"(query) {
      const app = appOf(query)
      const loading = query.get("loading") === "lazy" ? ` loading="lazy"` : ""
      const element = (index) =>
        `<bokeh-session id="plot-${index}"${loading} url="${originOf(query)}${app.path}" ` +
        `arguments='${escapeAttribute(JSON.stringify({...app.arguments, title: `plot ${index}`}))}'></bokeh-session>`
      const between = `<section style="min-height:100vh"><p>Text between the apps.</p></section>`
      return html(
        `${PROBE}<script type="module" src="/dist/bokeh-session.js"></script>`,
        `<h1>A long page with ten live apps</h1>${Array.from({length: 10}, (_, index) => element(index)).join(between)}`,
      )
    },
    // Only the script: what a page pays before any element connects.
    idle() {
      return html(`<script type="module" src="/dist/bokeh-session.js"></script>`, "")
    },
    // N elements at once, with BokehJS loaded first; the page exposes __run(n) and resolves when all are ready.
    // BokehJS is loaded and run by one session opened and closed first (the element loads the bundled BokehJS on its
    // first connect, inspectBokehJs() loads none); many-raw opens and closes one too, so both start as warm.
    "many-elements"(query) {
      const app = appOf(query)
      return html(
        "",
        `<div id="roots"></div><script type="module">
          const sdk = await import("/dist/bokeh-session.js")
          window.__sdk = sdk
          const warm = await sdk.pullSession(${JSON.stringify(originOf(query) + app.path)}, {arguments: ${JSON.stringify(app.arguments)}})
          warm.close()
          window.__run = async (n) => {
            const roots = document.getElementById("roots")
            const started = performance.now()
            const ready = []
            for (let i = 0; i < n; i++) {
              const element = document.createElement("bokeh-session")
              ready.push(new Promise((resolve, reject) => {
                element.addEventListener("bokeh-session-ready", resolve, {once: true})
                element.addEventListener("bokeh-session-error", (event) => reject(new Error(event.detail.message)), {once: true})
              }))
              element.arguments = ${JSON.stringify(app.arguments)}
              element.url = ${JSON.stringify(originOf(query) + app.path)}
              roots.append(element)
            }
            await Promise.all(ready)
            return performance.now() - started
          }
          window.__ready = true
        </script>`,
      )
    },
    // N raw pulls at once with Bokeh's own bundles loaded: the floor for many-elements (after one pull opened and
    // closed, as there).
    "many-raw"(query) {
      const app = appOf(query)
      const wsUrl = JSON.stringify(`${originOf(query).replace("http", "ws")}${app.path}/ws`)
      const search = JSON.stringify(new URLSearchParams(app.arguments).toString())
      return html(
        `${bundles(query.get("app") ?? "plot")}${RAW_HELPERS}`,
        `<div id="roots"></div><script>
          const {pull_session} = Bokeh.require("client/connection")
          const warmUp = pull_session(${wsUrl}, __mintToken(), ${search}).then((session) => session.close())
          window.__run = async (n) => {
            const roots = document.getElementById("roots")
            const started = performance.now()
            const pulls = []
            for (let i = 0; i < n; i++) {
              const container = document.createElement("div")
              roots.append(container)
              pulls.push(__rawPull(${wsUrl}, ${search}, container))
            }
            const results = await Promise.all(pulls)
            return {totalMs: performance.now() - started, pullMs: results[0].pullMs}
          }
          warmUp.then(() => (window.__ready = true))
        </script>`,
      )
    },
    // Create/remove cycles of one element, for heap growth and retained documents.
    cycles(query) {
      const app = appOf(query)
      return html(
        "",
        `<div id="roots"></div><script type="module">
          const sdk = await import("/dist/bokeh-session.js")
          window.__inspect = () => sdk.inspectBokehJs()
          window.__cycles = async (n) => {
            const roots = document.getElementById("roots")
            for (let i = 0; i < n; i++) {
              const element = document.createElement("bokeh-session")
              const ready = new Promise((resolve, reject) => {
                element.addEventListener("bokeh-session-ready", resolve, {once: true})
                element.addEventListener("bokeh-session-error", (event) => reject(new Error(event.detail.message)), {once: true})
              })
              element.arguments = ${JSON.stringify(app.arguments)}
              element.url = ${JSON.stringify(originOf(query) + app.path)}
              roots.append(element)
              await ready
              const closed = new Promise((resolve) => element.addEventListener("bokeh-session-closed", resolve, {once: true}))
              element.remove()
              await closed
            }
          }
          window.__ready = true
        </script>`,
      )
    },
  }
  return (name, query) => pages[name]?.(query) ?? null
}
