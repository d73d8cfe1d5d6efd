// Serves built files and test or bench pages over http the way a user's web server should serve the package:
// gzip when the browser accepts it, the hashed chunks of a build (`<mount>/chunks/*`, whose names change with their
// content) cacheable forever, and everything else revalidated on every use (ETag, 304 when unchanged). The e2e
// suite, the bench and the demo-like pages all use it, so what they measure is what a user's deployment gets.
import {readFileSync, statSync} from "node:fs"
import {createServer} from "node:http"
import {extname, join, normalize} from "node:path"
import {gzipSync} from "node:zlib"

/** What a user should send for files whose names carry a content hash. */
export const IMMUTABLE = "public, max-age=31536000, immutable"
/** What a user should send for everything else: cache, but ask the server before each use. */
export const REVALIDATE = "no-cache"

/** @type {Record<string, string>} */
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".svg": "image/svg+xml",
}

/**
 * @typedef {object} StaticServerOptions
 * @property {Record<string, string>} mounts URL prefix (e.g. "/dist/") → folder served under it
 * @property {(name: string, query: URLSearchParams) => string | null} [page] HTML for /page/<name>, or null (404)
 * @property {Record<string, string>} [replacements] text replaced in served .html files (e.g. %BOKEH_ORIGIN%)
 * @property {string[]} [withoutCacheHeaders] mount prefixes served as an unconfigured server would: no
 *   Cache-Control, only an ETag (and no Last-Modified, which would let the browser guess a lifetime), so the browser
 *   asks again for every file on every use (the bench's "no cache headers" case)
 * @property {(url: URL) => Record<string, string> | undefined} [headers] extra headers for a request's answer, e.g. a
 *   Content-Security-Policy for the pages whose query asks for one (the e2e CSP pages)
 */

/**
 * @typedef {object} StaticServer
 * @property {import("node:http").Server} server
 * @property {number} port
 * @property {string} origin e.g. http://127.0.0.1:41234
 * @property {() => Promise<void>} close
 */

/** The Cache-Control header for a file served at `path` (a URL path). */
export function cacheControlFor(path) {
  return /\/chunks\/[^/]+$/.test(path) ? IMMUTABLE : REVALIDATE
}

/**
 * @param {StaticServerOptions} options
 * @returns {Promise<StaticServer>}
 */
export function startStaticServer({mounts, page, replacements = {}, withoutCacheHeaders = [], headers: extraHeaders}) {
  /** @type {Map<string, {etag: string, body: Buffer, gzipped: Buffer | null}>} */
  const cache = new Map()

  /** @param {string} file */
  const load = (file) => {
    const stat = statSync(file)
    const etag = `"${stat.size.toString(16)}-${stat.mtimeMs.toString(16)}"`
    const cached = cache.get(file)
    if (cached?.etag === etag) {
      return cached
    }
    let body = readFileSync(file)
    if (extname(file) === ".html") {
      let text = body.toString("utf8")
      for (const [key, value] of Object.entries(replacements)) {
        text = text.replaceAll(key, value)
      }
      body = Buffer.from(text)
    }
    const entry = {etag, body, gzipped: null}
    cache.set(file, entry)
    return entry
  }

  /** @param {string} path @returns {string | null} */
  const resolveFile = (path) => {
    for (const [prefix, folder] of Object.entries(mounts)) {
      if (path.startsWith(prefix)) {
        // `path` is normalized: a "/dist/../x" is "/x" by now, so nothing outside `folder` is reachable.
        const file = join(folder, path.slice(prefix.length))
        try {
          return statSync(file).isFile() ? file : null
        } catch {
          return null
        }
      }
    }
    return null
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://x")
    if (page != null && url.pathname.startsWith("/page/")) {
      const html = page(url.pathname.slice("/page/".length), url.searchParams)
      if (html == null) {
        response.writeHead(404).end("no such page")
        return
      }
      // Generated per request: nothing to revalidate against.
      response
        .writeHead(200, {"content-type": TYPES[".html"], "cache-control": "no-store", ...extraHeaders?.(url)})
        .end(html)
      return
    }
    let path
    try {
      path = normalize(decodeURIComponent(url.pathname))
    } catch {
      response.writeHead(400).end("bad path")
      return
    }
    const file = resolveFile(path)
    if (file == null) {
      response.writeHead(404).end("not found")
      return
    }
    const entry = load(file)
    /** @type {Record<string, string>} */
    const headers = {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "cache-control": cacheControlFor(path),
      etag: entry.etag,
      vary: "accept-encoding",
      ...extraHeaders?.(url),
    }
    if (withoutCacheHeaders.some((prefix) => path.startsWith(prefix))) {
      delete headers["cache-control"]
    }
    if (request.headers["if-none-match"] === entry.etag) {
      response.writeHead(304, headers).end()
      return
    }
    let body = entry.body
    if (/\bgzip\b/.test(request.headers["accept-encoding"] ?? "")) {
      entry.gzipped ??= gzipSync(entry.body, {level: 9})
      body = entry.gzipped
      headers["content-encoding"] = "gzip"
    }
    response.writeHead(200, headers).end(body)
  })
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      const port = typeof address === "object" && address != null ? address.port : 0
      resolve({
        server,
        port,
        origin: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise((done) => {
            server.close(() => done(undefined))
            // Browsers keep connections alive; without this, close() waits for them to time out.
            server.closeAllConnections()
          }),
      })
    })
  })
}
