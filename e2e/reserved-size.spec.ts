// A repeat visit's page does not move when the document arrives: the element holds the size it last rendered for
// the app (src/element/reserved-size.ts) until the new document is shown.
import {expect, test, type Page} from "@playwright/test"
import {pageOrigin, waitForStatus} from "./support/helpers.js"

const hostHeight = (page: Page): Promise<number> =>
  page.locator("#plot").evaluate((element) => element.getBoundingClientRect().height)

/** Holds back BokehJS's core chunk until `release()`: the element stays connecting, its document not yet shown. */
async function holdBokehJs(page: Page): Promise<() => void> {
  let release = (): void => {}
  const released = new Promise<void>((resolve) => (release = resolve))
  await page.route(/\/dist\/chunks\/bokehjs-core-[\w-]+\.js$/, async (route) => {
    await released
    await route.continue()
  })
  return release
}

test("a repeat visit holds the size the element last had, from its first paint until the document is shown", async ({
  context,
}) => {
  const url = `${pageOrigin()}/e2e/pages/drop-in.html`
  const first = await context.newPage()
  const releaseFirst = await holdBokehJs(first)
  await first.goto(url)
  await first.waitForFunction(() => customElements.get("bokeh-session") != null)
  // First visit: nothing recorded, so nothing held: the element is only its status line until the document comes.
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
  expect(await hostHeight(repeat)).toBe(rendered)
  releaseRepeat()
  await waitForStatus(repeat, "plot", "connected")
  expect(await hostHeight(repeat)).toBe(rendered)
  // Released once shown: the document and the echo table give the size now, not the hold.
  const held = await repeat
    .locator("#plot")
    .evaluate((element) => [
      element.shadowRoot!.querySelector<HTMLElement>("[part=roots]")!.style.minHeight,
      element.shadowRoot!.querySelector<HTMLElement>("[part=status]")!.style.paddingBottom,
    ])
  expect(held).toEqual(["", ""])
})
