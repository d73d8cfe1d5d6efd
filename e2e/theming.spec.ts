// The element's own UI follows the page: custom properties for its colours and font, light and dark by the page's
// color-scheme, its words replaceable for other languages, and chrome= to show the document only (or the echo
// only when it differs).
import {expect, test, type Locator, type Page} from "@playwright/test"
import {addElement, openBlankPage, recordedEvents, waitForStatus} from "./support/helpers.js"

const partStyle = (element: Locator, part: string, property: string): Promise<string> =>
  element.evaluate(
    (host, [selector, name]) =>
      getComputedStyle(host.shadowRoot!.querySelector(`[part=${selector}]`)!).getPropertyValue(name!),
    [part, property],
  )

async function pageStyle(page: Page, css: string): Promise<void> {
  await page.addStyleTag({content: css})
}

test("custom properties set the status line's, the echo table's and the error's colours and font", async ({page}) => {
  await openBlankPage(page)
  await pageStyle(
    page,
    `bokeh-session {
      --bokeh-session-font: Georgia, serif;
      --bokeh-session-text: rgb(10, 20, 30);
      --bokeh-session-muted: rgb(1, 2, 3);
      --bokeh-session-error: rgb(200, 0, 0);
    }`,
  )
  await addElement(page, {id: "plot", arguments: {N: "3"}})
  await addElement(page, {id: "bad", argumentsAttribute: "{not json"})
  await waitForStatus(page, "plot", "connected")
  await waitForStatus(page, "bad", "error")
  const plot = page.locator("#plot")
  expect(await partStyle(plot, "status", "color")).toBe("rgb(1, 2, 3)")
  expect(await partStyle(plot, "status", "font-family")).toBe("Georgia, serif")
  expect(await partStyle(plot, "echo", "color")).toBe("rgb(10, 20, 30)")
  expect(await partStyle(page.locator("#bad"), "error", "color")).toBe("rgb(200, 0, 0)")
  expect(await partStyle(page.locator("#bad"), "error", "font-family")).toBe("Georgia, serif")
})

for (const scheme of ["light", "dark"] as const) {
  test(`color-scheme: light dark on the page, prefers-color-scheme ${scheme}: the element's colours follow`, async ({
    page,
  }) => {
    await page.emulateMedia({colorScheme: scheme})
    await openBlankPage(page)
    await pageStyle(page, ":root { color-scheme: light dark; }")
    await addElement(page, {id: "bad", argumentsAttribute: "{not json"})
    await waitForStatus(page, "bad", "error")
    const bad = page.locator("#bad")
    // The error's own colour per scheme; the muted status line is the page's text colour (CanvasText) mixed 70%
    // with its background (Canvas): a dark grey on light, a light grey on dark, opaque.
    expect(await partStyle(bad, "error", "color")).toBe(scheme === "dark" ? "rgb(255, 143, 143)" : "rgb(164, 0, 15)")
    const muted = /^color\(srgb ([\d.]+) ([\d.]+) ([\d.]+)\)$/.exec(await partStyle(bad, "status", "color"))
    expect(muted, "an opaque sRGB colour").not.toBeNull()
    const channels = muted!.slice(1).map(Number)
    expect(new Set(channels).size).toBe(1)
    if (scheme === "dark") {
      expect(channels[0]).toBeGreaterThan(0.65)
    } else {
      expect(channels[0]).toBeLessThan(0.35)
    }
  })
}

test("labels: the status words, the echo table's words and the note, in another language", async ({page}) => {
  await openBlankPage(page)
  await page.evaluate(() => {
    const german = {
      idle: "Nicht verbunden",
      connected: "Verbunden",
      session: "Sitzung {id}…",
      echoCaption: "Gesendet und empfangen",
      name: "Name",
      sent: "Gesendet",
      received: "Empfangen",
      match: "Gleich?",
      same: "✓ gleich",
      noEcho: "Diese App meldet ihre Argumente nicht: `echo_arguments(curdoc())` aufrufen.",
    }
    for (const id of ["idle", "plot", "silent"]) {
      const element = document.createElement("bokeh-session")
      element.id = id
      element.labels = german
      if (id !== "idle") {
        element.arguments = {N: "3"}
        element.url = `${(window as unknown as {bokehOrigin: string}).bokehOrigin}/${id === "plot" ? "echo" : "no_echo"}`
      }
      document.body.append(element)
    }
  })
  // Before any session code loads: the first script's word.
  await expect(page.locator("#idle [part=status]")).toHaveText("Nicht verbunden")
  await waitForStatus(page, "plot", "connected")
  const plot = page.locator("#plot")
  const sessionId = (await plot.evaluate((element) => (element as HTMLElementTagNameMap["bokeh-session"]).sessionId))!
  await expect(plot.locator("[part=status]")).toHaveText(`Verbunden (Sitzung ${sessionId.slice(0, 8)}…)`)
  await expect(plot.locator("[part=echo] caption")).toHaveText("Gesendet und empfangen")
  await expect(plot.locator("[part=echo] thead th")).toHaveText(["Name", "Gesendet", "Empfangen", "Gleich?"])
  await expect(plot.locator("[part=echo] td.mark")).toHaveText(["✓ gleich"])
  await waitForStatus(page, "silent", "connected")
  await expect(page.locator("#silent [part=no-echo]")).toHaveText(
    "Diese App meldet ihre Argumente nicht: echo_arguments(curdoc()) aufrufen.",
  )
  await expect(page.locator("#silent [part=no-echo] code")).toHaveText("echo_arguments(curdoc())")
  // A change of words shows at once, without a new session.
  await plot.evaluate((element) => {
    ;(element as HTMLElementTagNameMap["bokeh-session"]).labels = {connected: "Connecté"}
  })
  await expect(plot.locator("[part=status]")).toHaveText(`Connecté (session ${sessionId.slice(0, 8)}…)`)
  expect(await plot.evaluate((element) => (element as HTMLElementTagNameMap["bokeh-session"]).sessionId)).toBe(
    sessionId,
  )
})

/** How the element's own lines show: visible to the eye, and heard by a screen reader (in the accessibility tree). */
function shown(element: Locator): Promise<{status: string; statusSeen: boolean; echoSeen: boolean; height: number}> {
  return element.evaluate((host) => {
    const root = host.shadowRoot!
    const status = root.querySelector<HTMLElement>("[part=status]")!
    const echo = root.querySelector<HTMLElement>("[part=echo], [part=no-echo]")
    const seen = (part: HTMLElement | null): boolean =>
      part != null && part.getClientRects().length > 0 && getComputedStyle(part).clipPath === "none"
    return {
      status: status.textContent!.trim(),
      statusSeen: seen(status),
      echoSeen: seen(echo),
      height: host.getBoundingClientRect().height - root.querySelector("[part=roots]")!.getBoundingClientRect().height,
    }
  })
}

test('chrome="none": the document only; the status stays for screen readers, errors still show', async ({page}) => {
  await openBlankPage(page)
  await page.evaluate(() => {
    for (const [id, args] of [
      ["plot", {N: "3"}],
      ["bad", "{not json"],
    ] as const) {
      const element = document.createElement("bokeh-session")
      element.id = id
      element.chrome = "none"
      if (typeof args === "string") element.setAttribute("arguments", args)
      else element.arguments = args
      element.url = `${(window as unknown as {bokehOrigin: string}).bokehOrigin}/echo`
      document.body.append(element)
    }
  })
  const plot = page.locator("#plot")
  // Set as a property, reflected: the styles read the attribute.
  await expect(plot).toHaveAttribute("chrome", "none")
  await waitForStatus(page, "plot", "connected")
  const state = await shown(plot)
  expect(state).toMatchObject({statusSeen: false, echoSeen: false})
  expect(state.status).toMatch(/^Connected \(session \w{8}…\)$/)
  await expect(plot.getByRole("status")).toHaveText(state.status)
  // Nothing but the document takes space.
  expect(state.height).toBeLessThan(1)
  await waitForStatus(page, "bad", "error")
  await expect(page.locator("#bad [part=error]")).toBeVisible()
})

test('chrome="mismatch": the echo table only when the server received something else', async ({page}) => {
  await openBlankPage(page)
  await page.evaluate(() => {
    for (const [id, app] of [
      ["same", "echo"],
      ["altered", "echo_altered"],
    ]) {
      const element = document.createElement("bokeh-session")
      element.id = id
      element.setAttribute("chrome", "mismatch")
      element.arguments = {N: "500", title: "kept"}
      element.url = `${(window as unknown as {bokehOrigin: string}).bokehOrigin}/${app}`
      document.body.append(element)
    }
  })
  await waitForStatus(page, "same", "connected")
  await waitForStatus(page, "altered", "connected")
  expect(await shown(page.locator("#same"))).toMatchObject({statusSeen: false, echoSeen: false})
  expect(await shown(page.locator("#altered"))).toMatchObject({statusSeen: false, echoSeen: true})
  await expect(page.locator("#altered [part=echo] tr.mismatch")).toHaveCount(2)
})

test("an unknown chrome or loading value shows everything, connects at once, and says so in a warning", async ({
  page,
}) => {
  await openBlankPage(page)
  await page.evaluate(() => {
    const element = document.createElement("bokeh-session")
    element.id = "typo"
    element.setAttribute("chrome", "nothing")
    element.setAttribute("loading", "later")
    element.arguments = {N: "3"}
    element.url = `${(window as unknown as {bokehOrigin: string}).bokehOrigin}/echo`
    document.body.append(element)
  })
  await waitForStatus(page, "typo", "connected")
  expect(await shown(page.locator("#typo"))).toMatchObject({statusSeen: true, echoSeen: true})
  const warnings = (await recordedEvents(page, "typo"))
    .filter((event) => event.type === "bokeh-session-warning")
    .map((event) => event.detail.message)
  expect(warnings).toEqual([
    'chrome="nothing" is not one of all, mismatch, none: the element uses all (status line and echo table shown); e.g. chrome="none".',
    'loading="later" is not one of eager, lazy: the element uses eager (connects at once); e.g. loading="lazy".',
  ])
})
