// `npm run demo` as a new user runs it: start the script, open the printed page, edit an argument, apply, and see
// the echo change; Ctrl-C (SIGINT) stops both servers. Before that, the page as a product page: axe-core finds
// nothing serious (light and dark), it lays out at a phone's and a desktop's width without overflow or broken
// words, and everything in it works from the keyboard.
import {spawn, type ChildProcess} from "node:child_process"
import {createConnection} from "node:net"
import {expect, test, type Page} from "@playwright/test"
import {freePort} from "../scripts/lib/bokeh-server.mjs"
import {ROOT} from "../scripts/lib/python-env.mjs"
import {axeViolations, serious} from "./support/axe.js"
import {expectPaintedCanvas} from "./support/canvas.js"
import {brokenWords, horizontalOverflow} from "./support/layout.js"

let demo: ChildProcess
let pageUrl: string
let output = ""
let ports: number[] = []

/** True when something accepts TCP connections on the port. */
const listening = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = createConnection({port, host: "127.0.0.1"})
    socket.once("connect", () => {
      socket.destroy()
      resolve(true)
    })
    socket.once("error", () => resolve(false))
  })

test.beforeAll(async () => {
  const [demoPort, bokehPort] = [await freePort(), await freePort()]
  ports = [demoPort, bokehPort]
  demo = spawn(process.execPath, ["scripts/demo.mjs"], {
    cwd: ROOT,
    env: {...process.env, DEMO_PORT: String(demoPort), BOKEH_PORT: String(bokehPort)},
    stdio: ["ignore", "pipe", "pipe"],
  })
  pageUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the demo printed no page URL within 60 s:\n${output}`)), 60_000)
    const collect = (chunk: Buffer): void => {
      output += chunk.toString()
      const match = /demo page:\s+(http:\/\/\S+)/.exec(output)
      if (match != null) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    demo.stdout!.on("data", collect)
    demo.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()))
    demo.once("exit", (code) => reject(new Error(`the demo exited with ${code}:\n${output}`)))
  })
})

test.afterAll(() => {
  if (demo.exitCode == null) {
    demo.kill("SIGKILL")
  }
})

/** Opens the demo page and waits until every element shows its document. */
async function openDemo(page: Page): Promise<void> {
  await page.goto(pageUrl)
  await expect(page.locator("bokeh-session")).toHaveCount(4)
  await expect(page.locator("bokeh-session:not(:state(connected))")).toHaveCount(0, {timeout: 30_000})
}

for (const colorScheme of ["light", "dark"] as const) {
  test(`axe-core finds nothing serious on the demo page, ${colorScheme} mode`, async ({page}, testInfo) => {
    test.setTimeout(90_000)
    await page.emulateMedia({colorScheme})
    await openDemo(page)
    const shot = testInfo.outputPath(`demo-${colorScheme}.png`)
    await page.screenshot({path: shot, fullPage: true})
    await testInfo.attach(`demo-${colorScheme}.png`, {path: shot, contentType: "image/png"})
    const findings = await axeViolations(page)
    console.log(
      `axe demo page (${colorScheme}): ${JSON.stringify(findings.map(({id, impact, targets}) => ({id, impact, targets})))}`,
    )
    expect(serious(findings)).toEqual([])
    if (colorScheme === "dark") {
      // Dark mode is one more argument: the plots use Bokeh's dark theme.
      await expect(page.locator('#session-a [part=echo] tr[data-name="theme"] td.received')).toHaveText("dark_minimal")
    }
  })
}

for (const width of [375, 1280]) {
  test(`at ${width} px wide: no horizontal overflow and no word broken across lines (a screenshot attached)`, async ({
    page,
  }, testInfo) => {
    test.setTimeout(90_000)
    await page.setViewportSize({width, height: 900})
    await openDemo(page)
    await page.screenshot({path: testInfo.outputPath(`demo-${width}.png`), fullPage: true})
    await testInfo.attach(`demo-${width}.png`, {
      path: testInfo.outputPath(`demo-${width}.png`),
      contentType: "image/png",
    })
    expect(await horizontalOverflow(page)).toEqual([])
    expect(await brokenWords(page)).toEqual([])
    // The echo tables in particular ("✓ same" once broke into "✓ sam / e"): each mark on one line.
    const marks = await page.locator("bokeh-session").evaluateAll((elements) =>
      elements.flatMap((element) =>
        [...element.shadowRoot!.querySelectorAll<HTMLElement>("td.mark")].map((cell) => {
          const range = document.createRange()
          range.selectNodeContents(cell)
          return new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => rect.top)).size
        }),
      ),
    )
    expect(marks.length).toBeGreaterThan(8)
    expect(marks.every((lines) => lines === 1)).toBe(true)
  })
}

/** Presses Tab until the focused element matches `selector` (in the page, not in a shadow root); false if never. */
async function tabTo(page: Page, selector: string, presses = 40): Promise<void> {
  for (let i = 0; i < presses; i++) {
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) {
      return
    }
    await page.keyboard.press("Tab")
  }
  throw new Error(`Tab never reached ${selector} in ${presses} presses`)
}

const focused = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const element = document.activeElement!
    const row = element.closest("#rows tr")
    const index = row == null ? "" : ` row ${[...row.parentElement!.children].indexOf(row)}`
    return `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""}.${element.className}${index}`
  })

const echoOf = (page: Page, id: string): Promise<unknown> =>
  page.locator(`#${id}`).evaluate((element) => ({...(element as HTMLElementTagNameMap["bokeh-session"]).echo}))

test("everything on the demo page works from the keyboard alone", async ({page}) => {
  test.setTimeout(120_000)
  await openDemo(page)
  // The first Tab lands in the editor; Enter in a field applies.
  await page.keyboard.press("Tab")
  expect(await focused(page)).toBe("input.name row 0")
  await page.keyboard.press("Tab")
  await page.keyboard.press("ControlOrMeta+A")
  await page.keyboard.type("7")
  await page.keyboard.press("Enter")
  await expect.poll(() => echoOf(page, "session-a")).toMatchObject({N: ["7"]})

  // Add argument: the new row's name field takes the focus.
  await tabTo(page, "#add-row")
  expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe("solid")
  await page.keyboard.press("Enter")
  expect(await focused(page)).toBe("input.name row 3")
  await page.keyboard.type("note")
  await page.keyboard.press("Tab")
  await page.keyboard.type("a & b")
  await page.keyboard.press("Enter")
  await expect.poll(() => echoOf(page, "session-a")).toMatchObject({N: ["7"], note: ["a & b"]})

  // Remove (Space): the focus goes on to the next row, not back to the top of the page.
  await page.locator("#rows tr").nth(2).locator(".name").focus()
  await page.keyboard.press("Tab")
  await page.keyboard.press("Tab")
  expect(await focused(page)).toBe("button.remove row 2")
  await page.keyboard.press("Space")
  expect(await focused(page)).toBe("input.name row 2")
  await tabTo(page, "#apply")
  await page.keyboard.press("Enter")
  await expect
    .poll(() => echoOf(page, "session-a"))
    .toEqual({N: ["7"], title: ["Hello from the browser"], note: ["a & b"]})

  // Restart and Close.
  const before = await page
    .locator("#session-a")
    .evaluate((e) => (e as HTMLElementTagNameMap["bokeh-session"]).sessionId)
  await tabTo(page, "#restart")
  await page.keyboard.press("Enter")
  await expect(page.locator("#session-a")).not.toHaveJSProperty("sessionId", before)
  await expect(page.locator("#session-a")).toHaveJSProperty("status", "connected")
  await page.keyboard.press("Tab")
  expect(await focused(page)).toBe("button#close.")
  await page.keyboard.press("Enter")
  await expect(page.locator("#session-a")).toHaveJSProperty("status", "closed")

  // Into the documents: Tab reaches BokehJS's own toolbar buttons inside the elements.
  await tabTo(page, "#session-b")
  expect(
    await page.locator("#session-b").evaluate((host) => {
      const inner = host.shadowRoot!.activeElement
      return inner != null && host.shadowRoot!.querySelector("[part=roots]")!.contains(inner)
    }),
  ).toBe(true)

  // The range input: the arrow keys change N in the live app, in place.
  await tabTo(page, "#live-n")
  await page.keyboard.press("ArrowRight")
  await expect(page.locator("#live-n-value")).toHaveText("51")
  await expect.poll(() => echoOf(page, "live-app")).toEqual({N: ["51"]})

  // The event log scrolls from the keyboard too.
  await tabTo(page, "#log-region")
})

test("the demo page: edit an argument, apply, and the echo follows; Ctrl-C stops both servers", async ({page}) => {
  test.setTimeout(90_000)
  await page.goto(pageUrl)
  const sessionA = page.locator("#session-a")
  const sessionB = page.locator("#session-b")
  await expect(sessionA).toHaveJSProperty("status", "connected", {timeout: 30_000})
  await expect(sessionB).toHaveJSProperty("status", "connected", {timeout: 30_000})
  await expectPaintedCanvas(sessionA)
  const firstId = await sessionA.evaluate((element) => (element as HTMLElementTagNameMap["bokeh-session"]).sessionId)
  const sessionBId = await sessionB.evaluate((element) => (element as HTMLElementTagNameMap["bokeh-session"]).sessionId)

  await page.locator("#rows tr").nth(0).locator(".value").fill("7")
  await page.locator("#add-row").click()
  await page.locator("#rows tr").nth(3).locator(".name").fill("note")
  await page.locator("#rows tr").nth(3).locator(".value").fill("a & b = c")
  await page.locator("#rows tr").nth(2).locator(".remove").click() // color
  await page.locator("#apply").click()

  // Polled from this side: the echo is a record without a prototype, which toHaveJSProperty's in-page comparison
  // never counts as equal to an object literal.
  await expect
    .poll(() => sessionA.evaluate((element) => (element as HTMLElementTagNameMap["bokeh-session"]).echo))
    .toEqual({N: ["7"], title: ["Hello from the browser"], note: ["a & b = c"]})
  await expect(sessionA.locator('[part=echo] tr[data-name="N"] td.received')).toHaveText("7")
  await expect(sessionA.locator("[part=echo] tr.match")).toHaveCount(3)
  await expect(sessionA.locator("[part=echo] tr.mismatch")).toHaveCount(0)
  expect(await sessionA.evaluate((element) => (element as HTMLElementTagNameMap["bokeh-session"]).sessionId)).not.toBe(
    firstId,
  )
  // Session B is independent: untouched.
  expect(await sessionB.evaluate((element) => (element as HTMLElementTagNameMap["bokeh-session"]).sessionId)).toBe(
    sessionBId,
  )
  await expect(page.locator("#log li").first()).toContainText("#session-a bokeh-session-ready")

  const exited = new Promise<number | null>((resolve) => demo.once("exit", (code) => resolve(code)))
  demo.kill("SIGINT")
  expect(await exited).toBe(0)
  expect(await Promise.all(ports.map(listening))).toEqual([false, false])
})
