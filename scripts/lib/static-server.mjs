// Serves the built dist/ and the generated bench pages the way a production web server would: gzip when the
// browser accepts it, cacheable scripts (so a warm reload reuses them) and uncacheable pages.
import {existsSync, readFileSync, statSync} from "node:fs"
import {createServer} from "node:http"
import {extname, join, normalize} from "node:path"
import {gzipSync} from "node:zlib"

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".map": "application/json",
}

/**
 * @param {object} options
 * @param {string} options.distDir the build to serve under /dist/
 * @param {string} [options.compareDir] another build, served under /dist-compare/
 * @param {(path: string, query: URLSearchParams) => string | null} options.page HTML for /page/<name>, or null
 */
export function startStaticServer({distDir, compareDir, page}) {
  const gzipped = new Map()
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://x")
    if (url.pathname.startsWith("/page/")) {
      const html = page(url.pathname.slice("/page/".length), url.searchParams)
      if (html == null) {
        response.writeHead(404).end("no such page")
        return
      }
      response.writeHead(200, {"content-type": TYPES[".html"], "cache-control": "no-store"}).end(html)
      return
    }
    const path = normalize(decodeURIComponent(url.pathname))
    const [, folder, rest] = /^\/(dist|dist-compare)\/(.*)$/.exec(path) ?? []
    const root = folder === "dist" ? distDir : folder === "dist-compare" ? compareDir : null
    if (root == null) {
      response.writeHead(404).end("not found")
      return
    }
    const file = join(root, rest)
    if (!existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end("not found")
      return
    }
    const headers = {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "cache-control": "max-age=3600",
    }
    let body = readFileSync(file)
    if (/\bgzip\b/.test(request.headers["accept-encoding"] ?? "")) {
      if (!gzipped.has(file)) {
        gzipped.set(file, gzipSync(body, {level: 9}))
      }
      body = gzipped.get(file)
      headers["content-encoding"] = "gzip"
    }
    response.writeHead(200, headers).end(body)
  })
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => resolve({server, port: server.address().port}))
  })
}
