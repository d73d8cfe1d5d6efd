// Runs the README's page snippets (excerpts of e2e/pages/readme.html, checked by test/package/readme.test.mjs)
// against the real bokeh serve: what the README promises is what the page shows.
import {expect, test, type ConsoleMessage} from "@playwright/test"
import type {PulledSession} from "../src/index.js"
import {expectPaintedCanvas} from "./support/canvas.js"
import {bokehJsCounts, pageOrigin, trackWebSockets} from "./support/helpers.js"
import {startDedicatedServer} from "./support/servers.js"

const CRIMSON = "rgb(220, 20, 60)"

test("the README's HTML, events, CSS and pullSession examples work as written", async ({page}) => {
  const logs: string[] = []
  page.on("console", (message: ConsoleMessage) => logs.push(`${message.type()} ${message.text()}`))
  const sockets = trackWebSockets(page)
  await page.goto(`${pageOrigin()}/e2e/pages/readme.html`)

  await expect(page.locator("#plot")).toHaveJSProperty("status", "connected")
  await expect(page.locator("#query")).toHaveJSProperty("status", "connected")
  const plotId = await page
    .locator("#plot")
    .evaluate((element) => (element as HTMLElementTagNameMap["bokeh-session"]).sessionId)
  await expect
    .poll(() => logs.filter((line) => line.startsWith("log ready")))
    .toEqual([`log ready ${plotId} {"N":["10"],"title":["Hello"]}`])
  expect(
    await page.locator("#query").evaluate((element) => (element as HTMLElementTagNameMap["bokeh-session"]).echo),
  ).toEqual({
    N: ["10"],
    color: ["red"],
  })

  // The class-only entry registers the same element under another name.
  await expect(page.locator("team-plot")).toHaveJSProperty("status", "connected")
  expect(
    await page.locator("team-plot").evaluate((element) => (element as HTMLElementTagNameMap["bokeh-session"]).echo),
  ).toEqual({N: ["3"]})

  // The CSS snippet styles the parts by state.
  const status = page.locator("#plot").locator("[part=status]")
  await expect(status).toHaveCSS("color", "rgb(0, 128, 0)")
  await expect(status).toHaveCSS("font-style", "italic")

  // pullSession renders into the container and reports the echo.
  await expect
    .poll(() => logs.find((line) => line.startsWith("log pulled")))
    .toMatch(/^log pulled [0-9A-Za-z]{44} \{"N":\["5"\]\}$/)
  await expectPaintedCanvas(page.locator("#pulled"))
  expect(logs.filter((line) => line.startsWith("error"))).toEqual([])

  // The comment's promise: close() closes the websocket and frees the document.
  const before = await bokehJsCounts(page)
  await page.evaluate(() => (window as unknown as {pulled: PulledSession}).pulled.close())
  await expect.poll(async () => (await bokehJsCounts(page)).documents).toBe(before.documents - 1)
  await expect.poll(() => sockets.filter((socket) => socket.isClosed()).length).toBe(1)
})

test("the README's CSS colours the status while reconnecting and the error message on failure", async ({page}) => {
  // This test kills a server: one of its own, so the README page's elements keep the shared one.
  const server = await startDedicatedServer()
  try {
    await page.goto(`${pageOrigin()}/e2e/pages/readme.html`)
    await page.evaluate(
      ({url}) => {
        for (const [id, args] of [
          ["losing", {N: "2"}],
          ["invalid", {N: 2}],
        ] as const) {
          const element = document.createElement("bokeh-session")
          element.id = id
          element.arguments = args as never
          element.url = url
          document.body.append(element)
        }
      },
      {url: server.url("echo")},
    )
    const losing = page.locator("#losing")
    await expect(losing).toHaveJSProperty("status", "connected")
    await expect(losing.locator("[part=status]")).toHaveCSS("color", "rgb(0, 128, 0)")

    await server.stop("SIGKILL")
    await expect(losing).toHaveJSProperty("status", "reconnecting")
    await expect(losing.locator("[part=status]")).toHaveCSS("color", CRIMSON)
    await expect(losing.locator("[part=status]")).toHaveCSS("font-style", "italic")

    const invalid = page.locator("#invalid")
    await expect(invalid).toHaveJSProperty("status", "error")
    await expect(invalid.locator("[part=error]")).toHaveCSS("color", CRIMSON)
    // The error rule colours the message, not the status line.
    await expect(invalid.locator("[part=status]")).not.toHaveCSS("color", CRIMSON)
  } finally {
    await server.stop()
  }
})

test("the README's production embed: lazy, the document only, its own font and words", async ({page}) => {
  const sockets = trackWebSockets(page)
  await page.goto(`${pageOrigin()}/e2e/pages/readme.html`)
  await expect(page.locator("#plot")).toHaveJSProperty("status", "connected")
  const embed = page.locator("#embed")
  // Far below the fold: not connected until it comes near.
  await expect(embed).toHaveJSProperty("status", "idle")
  expect(sockets.some((socket) => socket.url().includes("N=20"))).toBe(false)
  await embed.scrollIntoViewIfNeeded()
  await expect(embed).toHaveJSProperty("status", "connected")
  const status = embed.locator("[part=status]")
  await expect(status).toHaveText(/^Verbunden \(session \w{8}…\)$/)
  await expect(status).toHaveCSS("font-family", "Georgia, serif")
  // chrome="none": only the document takes space.
  const [host, roots] = await embed.evaluate((element) => [
    element.getBoundingClientRect().height,
    element.shadowRoot!.querySelector("[part=roots]")!.getBoundingClientRect().height,
  ])
  expect(Math.abs(host! - roots!)).toBeLessThan(1)
  await expectPaintedCanvas(embed)
})
