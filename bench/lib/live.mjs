// "arguments change → updated": the same app (demo/apps/live.py) in two elements on one page, one updating its
// session in place (live arguments), one rebuilding it (a tokenProvider forces a new session per change, as with
// signed tokens). Each trial sets N on both, in turn, and times from the set to the next animation frame after
// `bokeh-session-updated` (live) or `bokeh-session-ready` (rebuild): the new picture on screen.
import {rotated, summarize} from "./stats.mjs"

const CONNECT_TIMEOUT_MS = 60_000

/**
 * @param {import("@playwright/test").Browser} browser
 * @param {{pageUrl: string, appUrl: string, trials: number, log: (text: string) => void}} options
 *   pageUrl: a page that loads dist/bokeh-session.js; appUrl: the live app's URL
 * @returns {Promise<{live: number[], rebuild: number[]}>}
 */
export async function measureLiveArguments(browser, {pageUrl, appUrl, trials, log}) {
  const context = await browser.newContext()
  const page = await context.newPage()
  try {
    await page.goto(pageUrl)
    await page.waitForFunction(() => customElements.get("bokeh-session") != null)
    await page.evaluate((url) => {
      const mintToken = () => {
        const id = Array.from(crypto.getRandomValues(new Uint8Array(44)), (byte) => "abcdefghijklmnop"[byte % 16])
        const payload = {session_id: id.join(""), session_expiry: Math.floor(Date.now() / 1000) + 600}
        return btoa(JSON.stringify(payload)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "")
      }
      for (const kind of ["live", "rebuild"]) {
        const element = document.createElement("bokeh-session")
        element.id = kind
        if (kind === "rebuild") {
          element.tokenProvider = mintToken
        }
        element.arguments = {N: "50"}
        element.url = url
        document.body.append(element)
      }
    }, appUrl)
    await page.waitForFunction(
      () => ["live", "rebuild"].every((id) => document.getElementById(id).status === "connected"),
      null,
      {timeout: CONNECT_TIMEOUT_MS, polling: 50},
    )
    const times = {live: [], rebuild: []}
    const variants = [
      {key: "live", event: "bokeh-session-updated"},
      {key: "rebuild", event: "bokeh-session-ready"},
    ]
    for (let trial = 0; trial < trials; trial++) {
      log(`arguments change → updated: trial ${trial + 1}/${trials}`)
      for (const {key, event} of rotated(variants, trial)) {
        const ms = await page.evaluate(
          ({id, event, n}) =>
            new Promise((resolve, reject) => {
              const element = document.getElementById(id)
              const started = performance.now()
              const onError = (error) => reject(new Error(`${id}: ${error.detail.code}: ${error.detail.message}`))
              element.addEventListener("bokeh-session-error", onError, {once: true})
              element.addEventListener(
                event,
                () => {
                  element.removeEventListener("bokeh-session-error", onError)
                  requestAnimationFrame(() => resolve(performance.now() - started))
                },
                {once: true},
              )
              element.arguments = {N: String(n)}
            }),
          {id: key, event, n: 60 + trial},
        )
        times[key].push(ms)
      }
    }
    return times
  } finally {
    await context.close()
  }
}

export function printLiveArguments(times) {
  const live = summarize(times.live)
  const rebuild = summarize(times.rebuild)
  const format = (stats) => `${stats.median.toFixed(1)} [${stats.p25.toFixed(1)}–${stats.p75.toFixed(1)}]`
  console.log("\nArguments change → updated (demo/apps/live.py, same app; goal: live ≤ 0.2× rebuild)")
  console.log(`  live (in place)         ${format(live)} ms`)
  console.log(`  rebuild (new session)   ${format(rebuild)} ms`)
  console.log(`  ratio live / rebuild    ${(live.median / rebuild.median).toFixed(3)}×`)
}
