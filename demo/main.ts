import "../src/index.js"
import type {BokehSessionElement} from "../src/index.js"

const appUrl = import.meta.env.VITE_BOKEH_APP_URL ?? "http://localhost:5006/echo"
const liveAppUrl = import.meta.env.VITE_BOKEH_LIVE_URL ?? "http://localhost:5006/live"

const sessionA = document.querySelector<BokehSessionElement>("#session-a")!
const sessionB = document.querySelector<BokehSessionElement>("#session-b")!
const rows = document.querySelector<HTMLTableSectionElement>("#rows")!
const log = document.querySelector<HTMLOListElement>("#log")!

function addRow(name = "", value = ""): void {
  const row = document.createElement("tr")
  row.innerHTML = `
    <td><input class="name" aria-label="Name" /></td>
    <td><input class="value" aria-label="Value" /></td>
    <td><button type="button" class="remove">Remove</button></td>`
  row.querySelector<HTMLInputElement>(".name")!.value = name
  row.querySelector<HTMLInputElement>(".value")!.value = value
  row.querySelector(".remove")!.addEventListener("click", () => row.remove())
  rows.append(row)
}

/** Rows to arguments: a name on several rows becomes a list, sent once per value. Any name works, `constructor` too. */
function readRows(): Record<string, string | string[]> {
  const args = new Map<string, string[]>()
  for (const row of rows.rows) {
    const name = row.querySelector<HTMLInputElement>(".name")!.value
    const value = row.querySelector<HTMLInputElement>(".value")!.value
    if (name !== "") {
      args.set(name, [...(args.get(name) ?? []), value])
    }
  }
  // Object.fromEntries defines own properties, so even "__proto__" stays a key.
  return Object.fromEntries([...args].map(([name, values]) => [name, values.length === 1 ? values[0] : values]))
}

function logEvent(event: Event): void {
  const target = event.target as HTMLElement
  const item = document.createElement("li")
  item.textContent = `${new Date().toLocaleTimeString()} #${target.id} ${event.type} ${JSON.stringify((event as CustomEvent).detail)}`
  log.prepend(item)
}

const logged = [
  "bokeh-session-connecting",
  "bokeh-session-ready",
  "bokeh-session-updated",
  "bokeh-session-error",
  "bokeh-session-closed",
]
for (const type of logged) {
  document.addEventListener(type, logEvent)
}

addRow("N", "40")
addRow("title", "Hello from the browser")
addRow("color", "darkorange")

document.querySelector("#add-row")!.addEventListener("click", () => addRow())
document.querySelector("#editor")!.addEventListener("submit", (event) => {
  event.preventDefault()
  sessionA.arguments = readRows()
})
document.querySelector("#restart")!.addEventListener("click", () => sessionA.restart())
document.querySelector("#close")!.addEventListener("click", () => sessionA.close())

sessionA.arguments = readRows()
sessionA.url = appUrl
sessionB.url = appUrl

// Live arguments beside a rebuild: one slider drives both; each shows how long its last change took.
const liveApp = document.querySelector<BokehSessionElement>("#live-app")!
const rebuildApp = document.querySelector<BokehSessionElement>("#rebuild-app")!
const liveN = document.querySelector<HTMLInputElement>("#live-n")!
const liveNValue = document.querySelector<HTMLOutputElement>("#live-n-value")!

/** Shows in `output` the time from now until `element` fires `done` (the next one only). */
function timeUntil(element: BokehSessionElement, done: string, output: HTMLOutputElement): void {
  const started = performance.now()
  element.addEventListener(done, () => (output.value = `${Math.round(performance.now() - started)} ms`), {once: true})
}

liveN.addEventListener("input", () => {
  liveNValue.value = liveN.value
  timeUntil(liveApp, "bokeh-session-updated", document.querySelector("#live-time")!)
  timeUntil(rebuildApp, "bokeh-session-ready", document.querySelector("#rebuild-time")!)
  liveApp.arguments = {N: liveN.value}
  rebuildApp.arguments = {N: liveN.value, title: "New session per change"}
})
// The slider inside the live app changed N: the page's own control follows.
liveApp.addEventListener("bokeh-session-updated", (event) => {
  const {arguments: args, source} = (event as CustomEvent<{arguments: Record<string, string[]>; source: string}>).detail
  if (source === "server" && args.N?.[0] != null) {
    liveN.value = liveNValue.value = args.N[0]
  }
})
liveApp.url = liveAppUrl
rebuildApp.url = appUrl
