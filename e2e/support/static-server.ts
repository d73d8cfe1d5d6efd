// Serves the repository's dist/ and e2e/pages/ over http, as a user's web server would serve the drop-in files.
// HTML pages get %BOKEH_ORIGIN% replaced with the test server's origin.
import {createReadStream, existsSync, readFileSync, statSync} from "node:fs"
import {createServer, type Server} from "node:http"
import {extname, join, normalize} from "node:path"

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".map": "application/json",
  ".css": "text/css",
  ".json": "application/json",
}

const SERVED = ["/dist/", "/e2e/pages/"]

export function startStaticServer(
  root: string,
  replacements: Record<string, string>,
): Promise<{server: Server; port: number}> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname))
    const file = join(root, path)
    if (!SERVED.some((prefix) => path.startsWith(prefix)) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end("not found")
      return
    }
    const type = TYPES[extname(file)] ?? "application/octet-stream"
    if (extname(file) === ".html") {
      let text = readFileSync(file, "utf8")
      for (const [key, value] of Object.entries(replacements)) {
        text = text.replaceAll(key, value)
      }
      response.writeHead(200, {"content-type": type, "cache-control": "no-store"}).end(text)
      return
    }
    response.writeHead(200, {"content-type": type, "cache-control": "no-store"})
    createReadStream(file).pipe(response)
  })
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      resolve({server, port: typeof address === "object" && address != null ? address.port : 0})
    })
  })
}
