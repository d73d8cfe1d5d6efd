// axe-core on the element in each of its states, on a real bokeh serve: no violation of impact serious or
// critical. Every finding (any impact) is attached to the test's report, for the record. And the keyboard's focus:
// never lost to the page's body when a reconnect or a live change replaces or updates the document.
import {expect, test, type Locator, type Page} from "@playwright/test"
import {freePort} from "../scripts/lib/bokeh-server.mjs"
import {axeViolations, serious} from "./support/axe.js"
import {addElement, appUrl, holdBokehJs, openBlankPage, setArguments, waitForStatus} from "./support/helpers.js"
import {startDedicatedServer, type DedicatedServer} from "./support/servers.js"

async function expectNoSeriousViolations(page: Page, state: string): Promise<void> {
  const findings = await axeViolations(page, "#plot")
  await test.info().attach(`axe ${state}`, {body: JSON.stringify(findings, null, 2), contentType: "application/json"})
  console.log(
    `axe ${state}: ${JSON.stringify(findings.map(({id, impact, targets, summaries}) => ({id, impact, targets, summaries})))}`,
  )
  expect(serious(findings), `serious or critical axe violations while ${state}`).toEqual([])
}

test("idle: no url yet", async ({page}) => {
  await openBlankPage(page)
  await page.evaluate(() => {
    const element = document.createElement("bokeh-session")
    element.id = "plot"
    document.body.append(element)
  })
  await waitForStatus(page, "plot", "idle")
  await expectNoSeriousViolations(page, "idle")
})

test("connecting, then connected", async ({page}) => {
  await openBlankPage(page)
  const release = await holdBokehJs(page)
  await addElement(page, {id: "plot", arguments: {N: "10", title: "axe"}})
  await waitForStatus(page, "plot", "connecting")
  await expectNoSeriousViolations(page, "connecting")
  release()
  await waitForStatus(page, "plot", "connected")
  await expectNoSeriousViolations(page, "connected")
})

test("connected and failed, on a dark page (color-scheme: dark)", async ({page}) => {
  await page.emulateMedia({colorScheme: "dark"})
  await openBlankPage(page)
  // The page's own colours named, as a dark page sets them: axe reads backgrounds from CSS, not from color-scheme.
  await page.addStyleTag({content: ":root { color-scheme: light dark; background: Canvas; color: CanvasText; }"})
  await addElement(page, {id: "plot", arguments: {N: "10", title: "dark"}})
  await addElement(page, {id: "failed", argumentsAttribute: "{not json"})
  await waitForStatus(page, "plot", "connected")
  await waitForStatus(page, "failed", "error")
  await expectNoSeriousViolations(page, "connected, dark page")
  await page.evaluate(() => (document.querySelector("#plot")!.id = "connected"))
  await page.evaluate(() => (document.querySelector("#failed")!.id = "plot"))
  await expectNoSeriousViolations(page, "error, dark page")
})

test("error: arguments the element refuses", async ({page}) => {
  await openBlankPage(page)
  await addElement(page, {id: "plot", argumentsAttribute: "{not json"})
  await waitForStatus(page, "plot", "error")
  await expectNoSeriousViolations(page, "error")
})

test("closed, after close()", async ({page}) => {
  await openBlankPage(page)
  await addElement(page, {id: "plot", arguments: {N: "5"}})
  await waitForStatus(page, "plot", "connected")
  await page.locator("#plot").evaluate((element) => (element as HTMLElementTagNameMap["bokeh-session"]).close())
  await waitForStatus(page, "plot", "closed")
  await expectNoSeriousViolations(page, "closed")
})

test("reconnecting: the server went away", async ({page}) => {
  const dedicated = await startDedicatedServer()
  try {
    await openBlankPage(page)
    await addElement(page, {id: "plot", url: dedicated.url("echo"), arguments: {N: "5"}})
    await waitForStatus(page, "plot", "connected")
    await dedicated.stop("SIGKILL")
    await waitForStatus(page, "plot", "reconnecting")
    await expectNoSeriousViolations(page, "reconnecting")
  } finally {
    await dedicated.stop()
  }
})

/** Focuses the first element BokehJS made tabbable in the element's document, as a Tab press would reach it. */
async function focusInDocument(element: Locator): Promise<void> {
  const focused = await element.evaluate((host) => {
    const find = (root: ParentNode): HTMLElement | null => {
      for (const child of root.querySelectorAll<HTMLElement>("*")) {
        if (child.tabIndex === 0) return child
        const inner = child.shadowRoot == null ? null : find(child.shadowRoot)
        if (inner != null) return inner
      }
      return null
    }
    const button = find(host.shadowRoot!.querySelector("[part=roots]")!)
    button?.focus()
    ;(window as unknown as {focusedInDocument: unknown}).focusedInDocument = button
    return button != null
  })
  expect(focused, "nothing tabbable in the document").toBe(true)
  await expect.poll(() => deepFocus(element)).toBe("in the document")
}

/** Where the focus is: in the element's document, on its roots part, elsewhere in the element, or outside it. */
function deepFocus(element: Locator): Promise<string> {
  return element.evaluate((host) => {
    if (document.activeElement !== host) return `outside: ${document.activeElement?.tagName}`
    const inner = host.shadowRoot!.activeElement
    const part = host.shadowRoot!.querySelector("[part=roots]")!
    if (inner === part) return "on the roots part"
    return inner != null && part.contains(inner) ? "in the document" : `elsewhere: ${inner?.tagName}`
  })
}

test("a reconnect replaces the document: the focus in it moves to the roots part, not to the page's body", async ({
  page,
}) => {
  test.setTimeout(90_000)
  const port = await freePort()
  let server: DedicatedServer = await startDedicatedServer({port})
  try {
    await openBlankPage(page)
    await addElement(page, {id: "plot", url: server.url("echo"), arguments: {N: "5"}})
    await waitForStatus(page, "plot", "connected")
    const element = page.locator("#plot")
    await focusInDocument(element)
    await server.stop("SIGKILL")
    await waitForStatus(page, "plot", "reconnecting")
    // The last picture stays, busy, under the indicator: the focus stays in it meanwhile.
    expect(await element.evaluate((host) => host.shadowRoot!.querySelector("[part=roots]")!.ariaBusy)).toBe("true")
    await expect(element.locator("[part=loading]")).toHaveCount(1)
    expect(await deepFocus(element)).toBe("in the document")
    server = await startDedicatedServer({port})
    await expect(element).toHaveJSProperty("status", "connected", {timeout: 30_000})
    expect(await deepFocus(element)).toBe("on the roots part")
    // From there, Tab goes on into the new document.
    await page.keyboard.press("Tab")
    expect(await deepFocus(element)).toBe("in the document")
  } finally {
    await server.stop()
  }
})

test("a live change of arguments keeps the focus where it was in the document", async ({page}) => {
  await openBlankPage(page)
  await addElement(page, {id: "plot", url: appUrl("live"), arguments: {N: "5"}})
  await waitForStatus(page, "plot", "connected")
  const element = page.locator("#plot")
  await focusInDocument(element)
  const updated = element.evaluate(
    (host) => new Promise((resolve) => host.addEventListener("bokeh-session-updated", resolve, {once: true})),
  )
  await setArguments(page, "plot", {N: "9"})
  await updated
  expect(await deepFocus(element)).toBe("in the document")
  // The very same element, not a new one in its place.
  expect(
    await page.evaluate(() => {
      let focused: Element | null = document.activeElement
      while (focused?.shadowRoot?.activeElement != null) focused = focused.shadowRoot.activeElement
      return focused === (window as unknown as {focusedInDocument: unknown}).focusedInDocument
    }),
  ).toBe(true)
})
