// While a session opens or reopens: the roots are aria-busy, an indicator sits over the space the element already
// holds (so nothing moves), it stops spinning under prefers-reduced-motion, and the page can replace it.
import {expect, test, type Locator, type Page} from "@playwright/test"
import {addElement, holdBokehJs, openBlankPage, waitForStatus} from "./support/helpers.js"

interface Indicator {
  shown: boolean
  ariaHidden: string | null
  busy: string | null
  /** The host's height, and the indicator's box relative to the host's. */
  hostHeight: number
  inside: boolean
  spinnerAnimations: number
  spinnerVisible: boolean
}

function indicator(element: Locator): Promise<Indicator> {
  return element.evaluate((host) => {
    const root = host.shadowRoot!
    const part = root.querySelector<HTMLElement>("[part=loading]")
    const spinner = root.querySelector<HTMLElement>(".spinner")
    const hostBox = host.getBoundingClientRect()
    const box = part?.getBoundingClientRect()
    return {
      shown: part != null,
      ariaHidden: part?.getAttribute("aria-hidden") ?? null,
      busy: root.querySelector("[part=roots]")!.getAttribute("aria-busy"),
      hostHeight: hostBox.height,
      inside:
        box != null &&
        box.height > 0 &&
        Math.abs(box.top - hostBox.top) < 1 &&
        Math.abs(box.bottom - hostBox.bottom) < 1 &&
        Math.abs(box.width - hostBox.width) < 1,
      spinnerAnimations: spinner?.getAnimations().length ?? 0,
      spinnerVisible: spinner != null && spinner.getClientRects().length > 0,
    }
  })
}

async function connectingElement(page: Page, html = ""): Promise<{element: Locator; release: () => void}> {
  await openBlankPage(page)
  const release = await holdBokehJs(page)
  await page.evaluate((inner) => {
    const element = document.createElement("bokeh-session")
    element.id = "plot"
    element.innerHTML = inner
    element.arguments = {N: "10", title: "loading"}
    element.url = `${(window as unknown as {bokehOrigin: string}).bokehOrigin}/echo`
    document.body.append(element)
  }, html)
  await waitForStatus(page, "plot", "connecting")
  return {element: page.locator("#plot"), release}
}

test("connecting: the roots are busy, the indicator covers the element's reserved space and moves nothing", async ({
  page,
}) => {
  await openBlankPage(page)
  const release = await holdBokehJs(page)
  // The session code held too: the element is idle, painted with its reserved space, nothing loaded.
  let releaseSession = (): void => {}
  const sessionHeld = new Promise<void>((resolve) => (releaseSession = resolve))
  await page.route(/\/dist\/chunks\/session-[\w-]+\.js$/, async (route) => {
    await sessionHeld
    await route.continue()
  })
  await addElement(page, {id: "plot", arguments: {N: "10", title: "loading"}})
  const element = page.locator("#plot")
  const idle = await indicator(element)
  expect(idle).toMatchObject({shown: false, busy: "false"})
  releaseSession()
  await waitForStatus(page, "plot", "connecting")
  const connecting = await indicator(element)
  expect(connecting).toMatchObject({shown: true, ariaHidden: "true", busy: "true", inside: true})
  expect(connecting.spinnerVisible).toBe(true)
  expect(connecting.spinnerAnimations).toBe(1)
  // No layout shift added: the indicator is over the space, not in the flow.
  expect(Math.abs(connecting.hostHeight - idle.hostHeight)).toBeLessThan(1)
  release()
  await waitForStatus(page, "plot", "connected")
  expect(await indicator(element)).toMatchObject({shown: false, busy: "false"})
})

test("under prefers-reduced-motion the indicator does not spin", async ({page}) => {
  await page.emulateMedia({reducedMotion: "reduce"})
  const {element, release} = await connectingElement(page)
  const state = await indicator(element)
  expect(state).toMatchObject({shown: true, spinnerVisible: true, spinnerAnimations: 0})
  release()
})

test("slot=loading replaces the spinner with the page's own content", async ({page}) => {
  const {element, release} = await connectingElement(page, `<span slot="loading" id="mine">Laden…</span>`)
  const state = await indicator(element)
  expect(state).toMatchObject({shown: true, spinnerVisible: false})
  const mine = page.locator("#mine")
  await expect(mine).toBeVisible()
  expect(await mine.evaluate((span) => span.assignedSlot?.name)).toBe("loading")
  release()
  await waitForStatus(page, "plot", "connected")
  // Not assigned to a slot any more: not rendered.
  await expect(mine).toBeHidden()
})
