// `npm run demo` as a new user runs it: start the script, open the printed page, edit an argument, apply, and see
// the echo change; Ctrl-C (SIGINT) stops both servers.
import {spawn, type ChildProcess} from "node:child_process"
import {createConnection} from "node:net"
import {expect, test} from "@playwright/test"
import {freePort} from "../scripts/lib/bokeh-server.mjs"
import {ROOT} from "../scripts/lib/python-env.mjs"
import {expectPaintedCanvas} from "./support/canvas.js"

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
