// Every fenced block in README.md is preceded by `<!-- snippet: SOURCE -->` and is checked here:
// - SOURCE a file: the block is a verbatim excerpt of it (ignoring indentation; `http://localhost:5006` stands for
//   the test server's `%BOKEH_ORIGIN%`). Those files are run by tests: e2e/pages/readme.html (e2e/readme.spec.ts),
//   demo/react and demo/vue (e2e/frameworks.spec.ts), test/package/fixtures (pack-smoke.test.mjs, type-checked),
//   demo/apps/echo.py (every e2e spec), demo/angular (e2e/frameworks.spec.ts), demo/site
//   (e2e/signed-backends.spec.ts), python/tests (pytest).
//   The blocks of docs/deploy.md that carry a file marker are checked the same way (its nginx and shell examples
//   carry none: npm run test:cluster generates the nginx configuration it tests).
// - `npm-scripts`: each command names a script in package.json, or installs this package (as pack-smoke does).
// - `bokeh-serve`: each command is run as written (plus a free --port), and the origin it allows is checked with a
//   real websocket handshake: accepted from that origin, refused from another.
import assert from "node:assert/strict"
import {spawn} from "node:child_process"
import {randomBytes} from "node:crypto"
import {existsSync, readFileSync} from "node:fs"
import {request} from "node:http"
import {join} from "node:path"
import {test} from "node:test"
import {freePort} from "../../scripts/lib/bokeh-server.mjs"
import {ROOT, VENV} from "../../scripts/lib/python-env.mjs"

const README_ORIGIN = "http://localhost:5006"
const readme = readFileSync(join(ROOT, "README.md"), "utf8")
const deploy = readFileSync(join(ROOT, "docs", "deploy.md"), "utf8")
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"))

/** Each fenced block with the snippet marker right above it (null when there is none). */
function fencedBlocks(text = readme, name = "README.md") {
  const blocks = []
  const fence = /(?:<!-- snippet: (\S+) -->\n)?```(\w*)\n([\s\S]*?)\n```/g
  for (const match of text.matchAll(fence)) {
    blocks.push({
      source: match[1] ?? null,
      language: match[2],
      text: match[3],
      line: `${name}:${text.slice(0, match.index).split("\n").length}`,
    })
  }
  return blocks
}

const dedent = (lines) => {
  const indents = lines.filter((line) => line.trim() !== "").map((line) => line.match(/^ */)[0].length)
  const cut = Math.min(...indents)
  return lines.map((line) => line.slice(cut).trimEnd())
}

function isExcerpt(snippet, file) {
  const wanted = dedent(snippet.replaceAll(README_ORIGIN, "%BOKEH_ORIGIN%").split("\n"))
  const lines = readFileSync(join(ROOT, file), "utf8").split("\n")
  for (let start = 0; start + wanted.length <= lines.length; start++) {
    const window = dedent(lines.slice(start, start + wanted.length))
    if (window.every((line, index) => line === wanted[index])) {
      return true
    }
  }
  return false
}

const commandsOf = (text) =>
  text
    .split("\n")
    .map((line) => line.replace(/\s+#.*$/, "").trim())
    .filter((line) => line !== "")

test("every code block in the README names where it comes from", () => {
  const unmarked = fencedBlocks().filter((block) => block.source == null)
  assert.deepEqual(
    unmarked.map((block) => block.line),
    [],
  )
})

/** Markers that name a kind of check instead of a file (a file path always contains a "/"). */
const MARKER_KINDS = new Set(["npm-scripts", "bokeh-serve"])

test("every snippet marker names a file or a known kind of check", () => {
  const unknown = fencedBlocks().filter(
    (block) => block.source != null && !block.source.includes("/") && !MARKER_KINDS.has(block.source),
  )
  assert.deepEqual(
    unknown.map((block) => `${block.line} <!-- snippet: ${block.source} -->`),
    [],
    `known kinds: ${[...MARKER_KINDS].join(", ")}; anything else must be a path like e2e/pages/readme.html`,
  )
})

test("every file excerpt matches its file, in the README and in docs/deploy.md", () => {
  const blocks = [...fencedBlocks(), ...fencedBlocks(deploy, "docs/deploy.md")].filter(
    (block) => block.source != null && block.source.includes("/"),
  )
  assert.ok(blocks.some((block) => block.line.startsWith("docs/deploy.md")))
  for (const block of blocks) {
    assert.ok(existsSync(join(ROOT, block.source)), `${block.line} names ${block.source}, which does not exist`)
    assert.ok(isExcerpt(block.text, block.source), `${block.line} is not an excerpt of ${block.source}:\n${block.text}`)
  }
})

test("every npm command in the README exists", () => {
  const commands = fencedBlocks()
    .filter((block) => block.source === "npm-scripts")
    .flatMap((block) => commandsOf(block.text))
  assert.ok(commands.length > 0)
  for (const command of commands) {
    const script = command.match(/^npm (?:run (\S+)|(test))$/)
    if (script != null) {
      assert.ok(pkg.scripts[script[1] ?? script[2]] != null, `\`${command}\`: package.json has no such script`)
    } else {
      assert.equal(
        command,
        `npm install ${pkg.name}`,
        `\`${command}\` is neither an npm script nor the install command`,
      )
    }
  }
})

test("the README's bokeh serve command starts the app and allows exactly the origin it names", async () => {
  const commands = fencedBlocks()
    .filter((block) => block.source === "bokeh-serve")
    .flatMap((block) => commandsOf(block.text))
  assert.ok(commands.length > 0)
  for (const command of commands) {
    const [program, ...args] = command.split(/\s+/)
    assert.equal(program, "bokeh")
    const origin = args.find((arg) => arg.startsWith("--allow-websocket-origin="))?.split("=")[1]
    assert.ok(origin != null, `\`${command}\` allows no websocket origin`)
    const app = args
      .find((arg) => arg.endsWith(".py"))
      .replace(/^.*\//, "")
      .replace(/\.py$/, "")
    const port = await freePort()
    const server = spawn(join(VENV, "bin", "bokeh"), [...args, "--port", String(port)], {
      cwd: ROOT,
      // The README says to copy the echo helper next to the app or pip install it; here it is on the path.
      env: {...process.env, PYTHONPATH: join(ROOT, "python")},
      stdio: ["ignore", "pipe", "pipe"],
    })
    try {
      await waitForLog(server, `Bokeh app running at: http://localhost:${port}/${app}`)
      assert.equal(await websocketHandshake(port, app, `http://${origin}`), 101)
      assert.equal(await websocketHandshake(port, app, "http://elsewhere.example:8080"), 403)
    } finally {
      server.kill("SIGTERM")
    }
  }
})

function waitForLog(child, text) {
  return new Promise((resolve, reject) => {
    let log = ""
    const timer = setTimeout(() => reject(new Error(`bokeh serve never logged "${text}":\n${log}`)), 60_000)
    const collect = (chunk) => {
      log += chunk
      if (log.includes(text)) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout.on("data", collect)
    child.stderr.on("data", collect)
    child.once("exit", (code) => reject(new Error(`bokeh serve exited (${code}):\n${log}`)))
  })
}

/** The HTTP status of a websocket upgrade to the app from a page at `origin` (101: accepted). */
function websocketHandshake(port, app, origin) {
  return new Promise((resolve, reject) => {
    const upgrade = request({
      host: "127.0.0.1",
      port,
      path: `/${app}/ws`,
      headers: {
        Connection: "Upgrade",
        Upgrade: "websocket",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": randomBytes(16).toString("base64"),
        "Sec-WebSocket-Protocol": "bokeh, token",
        Origin: origin,
      },
    })
    upgrade.on("upgrade", (response, socket) => {
      socket.destroy()
      resolve(response.statusCode)
    })
    upgrade.on("response", (response) => {
      response.resume()
      resolve(response.statusCode)
    })
    upgrade.on("error", reject)
    upgrade.end()
  })
}
