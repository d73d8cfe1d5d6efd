// The page does not move more than the document's own height when the document arrives: the element's own lines
// (status, echo table) sit above the document and have their height from the first paint, and a repeat visit
// holds the document's last height too (src/element/reserved-size.ts) until the new document is shown.
import {expect, test, type Page} from "@playwright/test"
import {addElement, openBlankPage, pageOrigin, waitForStatus} from "./support/helpers.js"

const hostHeight = (page: Page, id = "plot"): Promise<number> =>
  page.locator(`#${id}`).evaluate((element) => element.getBoundingClientRect().height)

/** Holds back the chunks matching `pattern` until `release()`: the element stays in its state before them. */
async function holdChunks(page: Page, pattern: RegExp): Promise<() => void> {
  let release = (): void => {}
  const released = new Promise<void>((resolve) => (release = resolve))
  await page.route(pattern, async (route) => {
    await released
    await route.continue()
  })
  return release
}

/** BokehJS's core chunk: the element stays connecting, its document not yet shown. */
const holdBokehJs = (page: Page): Promise<() => void> => holdChunks(page, /\/dist\/chunks\/bokehjs-core-[\w-]+\.js$/)
/** The session code: the element stays idle (defined and painted, nothing loaded yet). */
const holdSessionCode = (page: Page): Promise<() => void> => holdChunks(page, /\/dist\/chunks\/session-[\w-]+\.js$/)

interface Box {
  tag: string
  top: number
  height: number
}

/** Where the element's status line, echo part (placeholder, table or note) and roots are, in page coordinates. */
function chrome(page: Page, id: string): Promise<{status: Box; echo: Box | null; roots: Box}> {
  return page.locator(`#${id}`).evaluate((element) => {
    const box = (selector: string): Box => {
      const part = element.shadowRoot!.querySelector<HTMLElement>(selector)
      if (part == null) {
        return null!
      }
      const rect = part.getBoundingClientRect()
      return {tag: part.tagName, top: rect.top + window.scrollY, height: rect.height}
    }
    return {status: box("[part=status]"), echo: box("[part=echo], [part=no-echo]"), roots: box("[part=roots]")}
  })
}

/**
 * Same place and height to within a pixel: the echo table's rows are laid out in whole layout units, its reserved
 * height is a calc(), so the two differ by a few hundredths of a pixel.
 */
function expectSamePlace(actual: Box, expected: Box, what: string): void {
  expect(Math.abs(actual.top - expected.top), `${what} top: ${actual.top} vs ${expected.top}`).toBeLessThan(1)
  expect(
    Math.abs(actual.height - expected.height),
    `${what} height: ${actual.height} vs ${expected.height}`,
  ).toBeLessThan(1)
}

const CASES = [
  {name: "an echoing app", app: "echo", arguments: {N: "10", title: "drop-in"}, shown: "TABLE"},
  {name: "a name with several values", app: "echo", arguments: {N: "3", k: ["a", "b", "c"]}, shown: "TABLE"},
  {name: "an app that does not echo (the note keeps the space)", app: "no_echo", arguments: {N: "3"}, shown: "P"},
]

for (const {name, app, arguments: args, shown} of CASES) {
  test(`the status line and the echo part keep their place and height from first paint to connected: ${name}`, async ({
    page,
  }) => {
    await openBlankPage(page)
    const releaseSession = await holdSessionCode(page)
    const releaseBokehJs = await holdBokehJs(page)
    await addElement(page, {id: "plot", app, arguments: args})
    await expect(page.locator("#plot")).toHaveJSProperty("status", "idle")
    const idle = await chrome(page, "plot")
    releaseSession()
    await waitForStatus(page, "plot", "connecting")
    const connecting = await chrome(page, "plot")
    releaseBokehJs()
    await waitForStatus(page, "plot", "connected")
    const connected = await chrome(page, "plot")
    for (const state of [connecting, connected]) {
      expectSamePlace(state.status, idle.status, "status line")
    }
    // Reserved from the first paint: an empty placeholder, then what the echo brought (the table, or the no-echo
    // note) in its place.
    expect(idle.echo?.tag).toBe("DIV")
    expect(idle.echo!.height).toBeGreaterThan(40)
    expect(connected.echo?.tag).toBe(shown)
    for (const state of [connecting, connected]) {
      expectSamePlace(state.echo!, idle.echo!, "echo part")
    }
    // The document's top stays put: it grows downwards only.
    expect(Math.abs(connected.roots.top - idle.roots.top)).toBeLessThan(1)
    expect(connected.roots.height).toBeGreaterThan(100)
  })
}

test("a repeat visit holds the document's last height, from the element's first paint until the document is shown", async ({
  context,
}) => {
  const url = `${pageOrigin()}/e2e/pages/drop-in.html`
  const first = await context.newPage()
  const releaseFirst = await holdBokehJs(first)
  await first.goto(url)
  await first.waitForFunction(() => customElements.get("bokeh-session") != null)
  // First visit: nothing recorded, so no document height held: the element is only its status line and the echo
  // table's reserved space until the document comes.
  const before = await hostHeight(first)
  releaseFirst()
  await waitForStatus(first, "plot", "connected")
  const rendered = await hostHeight(first)
  expect(rendered).toBeGreaterThan(before + 100)
  await first.close()

  const repeat = await context.newPage()
  const releaseRepeat = await holdBokehJs(repeat)
  await repeat.goto(url)
  await repeat.waitForFunction(() => customElements.get("bokeh-session") != null)
  await expect(repeat.locator("#plot")).toHaveJSProperty("status", "connecting")
  // To within a pixel: the echo table's reserved height (a calc()) and its laid-out rows differ by a few hundredths.
  expect(Math.abs((await hostHeight(repeat)) - rendered)).toBeLessThan(1)
  releaseRepeat()
  await waitForStatus(repeat, "plot", "connected")
  expect(Math.abs((await hostHeight(repeat)) - rendered)).toBeLessThan(1)
  // Released once shown: the document gives the size now, not the hold.
  const held = await repeat
    .locator("#plot")
    .evaluate((element) => element.shadowRoot!.querySelector<HTMLElement>("[part=roots]")!.style.minHeight)
  expect(held).toBe("")
})
