// Starts Debian's nginx as a round-robin load balancer in front of several `bokeh serve` processes, for the cluster
// test and the sticky-session measurement. Everything lives in a fresh temp dir (config, pid, logs, temp files), so
// it never touches /etc/nginx or a system nginx, and it runs in the foreground as a child of this process.
import {spawn, spawnSync} from "node:child_process"
import {mkdtempSync, rmSync, writeFileSync} from "node:fs"
import {createConnection} from "node:net"
import {tmpdir, userInfo} from "node:os"
import {join} from "node:path"
import {freePort} from "./bokeh-server.mjs"

const NGINX_CANDIDATES = ["/usr/sbin/nginx", "/usr/bin/nginx"]

/** The nginx binary, or a clear error that says how to install it. */
export function nginxExecutable() {
  const explicit = process.env.NGINX_PATH
  const candidates = explicit ? [explicit] : NGINX_CANDIDATES
  for (const candidate of candidates) {
    if (spawnSync(candidate, ["-v"]).status === 0) {
      return candidate
    }
  }
  throw new Error(
    explicit
      ? `NGINX_PATH=${explicit} is not a runnable nginx: point it at one or unset it.`
      : "nginx is not installed: on Debian run `apt-get install nginx-light` (.ci/run does), or set NGINX_PATH.",
  )
}

/**
 * The load balancer's configuration: a plain round-robin upstream and websocket proxying as in Bokeh's deployment
 * guide (HTTP/1.1, the Upgrade and Connection headers, the Host header with the port), plus static locations.
 *
 * @param {object} options
 * @param {number} options.port where nginx listens (127.0.0.1)
 * @param {number[]} options.backendPorts the `bokeh serve` ports, all on 127.0.0.1
 * @param {Record<string, string>} [options.staticFolders] URL prefix ("/dist/") -> folder served as is
 * @param {string} options.directory the temp dir for pid, logs and temp files
 */
export function nginxConfig({port, backendPorts, staticFolders = {}, directory}) {
  // As docs/deploy.md advises: a build's hashed chunks (`chunks/`) never revalidated, everything else on every use.
  const statics = Object.entries(staticFolders).map(([prefix, folder]) => {
    const root = folder.endsWith("/") ? folder : `${folder}/`
    return `
    location ${prefix} {
      alias ${root};
      add_header Cache-Control "no-cache";
    }
    location ${prefix}chunks/ {
      alias ${root}chunks/;
      add_header Cache-Control "public, max-age=31536000, immutable";
    }`
  })
  // nginx started by root would run its workers as "nobody", who cannot read the temp dir or the repository.
  const user = process.getuid?.() === 0 ? `user ${userInfo().username};\n` : ""
  return `${user}daemon off;
worker_processes 1;
pid ${join(directory, "nginx.pid")};
error_log ${join(directory, "error.log")} warn;
events {
  worker_connections 1024;
}
http {
  access_log ${join(directory, "access.log")};
  client_body_temp_path ${join(directory, "client_body")};
  proxy_temp_path ${join(directory, "proxy")};
  fastcgi_temp_path ${join(directory, "fastcgi")};
  uwsgi_temp_path ${join(directory, "uwsgi")};
  scgi_temp_path ${join(directory, "scgi")};
  types {
    text/html html;
    text/javascript js mjs;
    text/css css;
    application/json json map;
  }
  default_type application/octet-stream;
  gzip on;
  gzip_types text/javascript text/css application/json;
  # The element sends the arguments in the websocket URL's query and Bokeh accepts up to 64 KB; nginx's default
  # (8k) refuses longer request lines with 414, which a browser cannot tell apart from a refused origin.
  large_client_header_buffers 4 64k;

  # Plain round robin: no ip_hash, no sticky cookie. Each websocket may land on any process.
  upstream bokeh {
${backendPorts.map((backendPort) => `    server 127.0.0.1:${backendPort};`).join("\n")}
  }

  server {
    listen 127.0.0.1:${port};
${statics.join("\n")}

    location / {
      proxy_pass http://bokeh;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection "upgrade";
      proxy_set_header Host $host:$server_port;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_buffering off;
      # A websocket is idle between Bokeh's pings; keep it open well beyond nginx's 60 s default.
      proxy_read_timeout 1h;
    }
  }
}
`
}

function waitForPort(port, child, timeoutMs, output) {
  const deadline = Date.now() + timeoutMs
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode != null) {
        reject(new Error(`nginx exited with code ${child.exitCode}:\n${output()}`))
        return
      }
      const socket = createConnection({port, host: "127.0.0.1"})
      socket.once("connect", () => {
        socket.destroy()
        resolve()
      })
      socket.once("error", () => {
        if (Date.now() > deadline) {
          reject(new Error(`nginx did not listen on port ${port} within ${timeoutMs} ms:\n${output()}`))
        } else {
          setTimeout(attempt, 50)
        }
      })
    }
    attempt()
  })
}

/**
 * @param {object} options
 * @param {number[]} options.backendPorts
 * @param {number} [options.port] defaults to a free port
 * @param {Record<string, string>} [options.staticFolders]
 */
export async function startNginx({backendPorts, port, staticFolders}) {
  const executable = nginxExecutable()
  const directory = mkdtempSync(join(tmpdir(), "bokeh-session-nginx-"))
  const listenPort = port ?? (await freePort())
  const configFile = join(directory, "nginx.conf")
  writeFileSync(configFile, nginxConfig({port: listenPort, backendPorts, staticFolders, directory}))
  // -e: nginx 1.19.5+ would otherwise open the compiled-in /var/log/nginx/error.log before reading the config.
  const child = spawn(executable, ["-p", directory, "-c", configFile, "-e", join(directory, "error.log")], {
    stdio: ["ignore", "pipe", "pipe"],
  })
  let output = ""
  child.stdout.on("data", (chunk) => (output += chunk))
  child.stderr.on("data", (chunk) => (output += chunk))
  const exited = new Promise((resolve) => child.once("exit", resolve))
  try {
    await waitForPort(listenPort, child, 10_000, () => output)
  } catch (error) {
    child.kill("SIGKILL")
    rmSync(directory, {recursive: true, force: true})
    throw error
  }
  return {
    port: listenPort,
    origin: `http://127.0.0.1:${listenPort}`,
    host: `127.0.0.1:${listenPort}`,
    directory,
    config: configFile,
    async stop() {
      if (child.exitCode == null && child.signalCode == null) {
        // SIGTERM is nginx's fast shutdown: a graceful one (SIGQUIT) would wait for open websockets to end.
        child.kill("SIGTERM")
      }
      await exited
      rmSync(directory, {recursive: true, force: true})
    },
  }
}
