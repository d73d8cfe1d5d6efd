import "../src/index.js"
import type {BokehSessionElement} from "../src/index.js"

const appUrl = import.meta.env.VITE_BOKEH_APP_URL ?? "http://localhost:5006/echo"
const liveAppUrl = import.meta.env.VITE_BOKEH_LIVE_URL ?? "http://localhost:5006/live"

const sessionA = document.querySelector<BokehSessionElement>("#session-a")!
const sessionB = document.querySelector<BokehSessionElement>("#session-b")!
const rows = document.querySelector<HTMLTableSectionElement>("#rows")!
const log = document.querySelector<HTMLOListElement>("#log")!
const addButton = document.querySelector<HTMLButtonElement>("#add-row")!

// Dark mode is one more argument: Bokeh's own dark theme for the plots, as the page's colours follow the system.
const dark = matchMedia("(prefers-color-scheme: dark)")
const themeArguments = (): Record<string, string> => (dark.matches ? {theme: "dark_minimal"} : {})

function addRow(name = "", value = ""): HTMLTableRowElement {
  const row = document.createElement("tr")
  row.innerHTML = `
    <td><input class="name" aria-label="Name" autocomplete="off" spellcheck="false" /></td>
    <td><input class="value" aria-label="Value" autocomplete="off" spellcheck="false" /></td>
    <td><button type="button" class="remove">Remove</button></td>`
  row.querySelector<HTMLInputElement>(".name")!.value = name
  row.querySelector<HTMLInputElement>(".value")!.value = value
  const remove = row.querySelector<HTMLButtonElement>(".remove")!
  remove.setAttribute("aria-label", `Remove ${name || "this argument"}`)
  row.querySelector(".name")!.addEventListener("input", (event) => {
    remove.setAttribute("aria-label", `Remove ${(event.target as HTMLInputElement).value || "this argument"}`)
  })
  remove.addEventListener("click", () => {
    // The focus goes to the next row (or the previous, or Add argument), not back to the page's top.
    const next = row.nextElementSibling ?? row.previousElementSibling
    row.remove()
    ;(next?.querySelector<HTMLInputElement>(".name") ?? addButton).focus()
  })
  rows.append(row)
  return row
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

/** An event in words: a short session id, and the arguments as name=value pairs (long JSON would not wrap). */
function describe(detail: Record<string, unknown>): string {
  const parts: string[] = []
  for (const [key, value] of Object.entries(detail ?? {})) {
    if (key === "sessionId" && typeof value === "string") {
      parts.push(`session ${value.slice(0, 8)}…`)
    } else if ((key === "arguments" || key === "echo") && value != null && typeof value === "object") {
      const pairs = Object.entries(value as Record<string, string[]>).flatMap(([name, values]) =>
        values.map((item) => `${name}=${item}`),
      )
      parts.push(`${key}: ${pairs.join(" ") || "none"}`)
    } else {
      parts.push(`${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    }
  }
  return parts.join(" · ")
}

function logEvent(event: Event): void {
  const target = event.target as HTMLElement
  const item = document.createElement("li")
  const time = document.createElement("time")
  time.textContent = new Date().toLocaleTimeString()
  const what = document.createElement("strong")
  what.textContent = `#${target.id} ${event.type}`
  const detail = document.createElement("span")
  detail.textContent = describe((event as CustomEvent<Record<string, unknown>>).detail)
  item.append(time, " ", what, " ", detail)
  log.prepend(item)
  while (log.children.length > 50) {
    log.lastElementChild!.remove()
  }
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
if (dark.matches) {
  addRow("theme", "dark_minimal")
}

addButton.addEventListener("click", () => addRow().querySelector<HTMLInputElement>(".name")!.focus())
document.querySelector("#editor")!.addEventListener("submit", (event) => {
  event.preventDefault()
  sessionA.arguments = readRows()
})
document.querySelector("#restart")!.addEventListener("click", () => sessionA.restart())
document.querySelector("#close")!.addEventListener("click", () => sessionA.close())

const sessionBArguments = {N: "12", title: "Session B", color: "firebrick"}
sessionA.arguments = readRows()
sessionB.arguments = {...sessionBArguments, ...themeArguments()}
sessionA.url = appUrl
sessionB.url = appUrl

// Live arguments beside a rebuild: one range input drives both; each shows how long its last change took.
const liveApp = document.querySelector<BokehSessionElement>("#live-app")!
const rebuildApp = document.querySelector<BokehSessionElement>("#rebuild-app")!
const liveN = document.querySelector<HTMLInputElement>("#live-n")!
const liveNValue = document.querySelector<HTMLOutputElement>("#live-n-value")!

/** Shows in `output` the time from now until `element` fires `done` (the next one only). */
function timeUntil(element: BokehSessionElement, done: string, output: HTMLOutputElement): void {
  const started = performance.now()
  element.addEventListener(done, () => (output.value = `${Math.round(performance.now() - started)} ms`), {once: true})
}

function setLiveArguments(): void {
  liveApp.arguments = {N: liveN.value, ...themeArguments()}
  rebuildApp.arguments = {N: liveN.value, title: "New session per change", ...themeArguments()}
}

liveN.addEventListener("input", () => {
  liveNValue.value = liveN.value
  timeUntil(liveApp, "bokeh-session-updated", document.querySelector("#live-time")!)
  timeUntil(rebuildApp, "bokeh-session-ready", document.querySelector("#rebuild-time")!)
  setLiveArguments()
})
// The input inside the live app changed N: the page's own control follows.
liveApp.addEventListener("bokeh-session-updated", (event) => {
  const {arguments: args, source} = (event as CustomEvent<{arguments: Record<string, string[]>; source: string}>).detail
  if (source === "server" && args.N?.[0] != null) {
    liveN.value = liveNValue.value = args.N[0]
  }
})
setLiveArguments()
liveApp.url = liveAppUrl
rebuildApp.url = appUrl

// The system switched between light and dark: the theme row and every element follow.
dark.addEventListener("change", () => {
  const themeRow = [...rows.rows].find((row) => row.querySelector<HTMLInputElement>(".name")!.value === "theme")
  if (dark.matches && themeRow == null) {
    addRow("theme", "dark_minimal")
  } else if (!dark.matches) {
    themeRow?.remove()
  }
  sessionA.arguments = readRows()
  sessionB.arguments = {...sessionBArguments, ...themeArguments()}
  setLiveArguments()
})
