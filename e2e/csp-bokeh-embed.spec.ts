// Bokeh's own embed (server_document, served as a page parses it) under the cases of e2e/csp.spec.ts and
// e2e/trusted-types.spec.ts, each with the most favourable policy it can use: a nonce for its script tag, `blob:`
// and the Bokeh server in script-src (it fetches autoload.js and runs it as a blob: script), the server in
// connect-src. What it does is the right column of docs/deploy.md's comparison table.
import {expect, test, type Page} from "@playwright/test"
import {expectPaintedCanvas} from "./support/canvas.js"
import {openEmbedUnderPolicy, violations} from "./support/csp.js"
import {bokehOrigin} from "./support/helpers.js"

const NONCE = "bokeh-embed-nonce"

/** The embed's best policy: like docs/deploy.md's strict one, plus what server_document needs to run at all. */
function embedPolicy({styles = "'self' 'unsafe-inline'", connect = true, extra = ""} = {}): string {
  const bokeh = new URL(bokehOrigin()).host
  return (
    `default-src 'self'; script-src 'self' 'nonce-${NONCE}' blob: http://${bokeh}; style-src ${styles}; ` +
    `img-src 'self' data:; connect-src 'self'${connect ? ` ws://${bokeh} http://${bokeh}` : ""}${extra}`
  )
}

function pageErrors(page: Page): string[] {
  const errors: string[] = []
  page.on("pageerror", (error) => errors.push(error.message))
  return errors
}

/** The height of the embed's root view, once it rendered. */
async function rootHeight(page: Page, selector: string): Promise<number> {
  await expect(page.locator(selector).first()).toBeVisible()
  await page.waitForLoadState("networkidle")
  return page
    .locator(selector)
    .first()
    .evaluate((root) => root.getBoundingClientRect().height)
}

test("script-src without 'unsafe-eval', with a nonce: the embed renders a plot and widgets", async ({page}) => {
  const errors = pageErrors(page)
  await openEmbedUnderPolicy(page, "echo", embedPolicy(), NONCE)
  await expectPaintedCanvas(page.locator("body"))
  await openEmbedUnderPolicy(page, "csp_widgets", embedPolicy(), NONCE)
  await expect(page.locator(".slick-row")).toHaveCount(3)
  expect(await violations(page)).toEqual([])
  expect(errors).toEqual([])
})

test("a CustomJS without 'unsafe-eval': the embed's callback throws an unhandled EvalError", async ({page}) => {
  const errors = pageErrors(page)
  await openEmbedUnderPolicy(page, "csp_customjs", embedPolicy(), NONCE)
  await page.getByRole("button", {name: "Run CustomJS"}).click()
  await expect.poll(() => errors.length).toBe(1)
  expect(errors[0]).toContain("Evaluating a string as JavaScript violates the following Content Security Policy")
  await expect(page.getByText("not run", {exact: true})).toBeVisible()
  expect(await violations(page)).toEqual([{directive: "script-src", blocked: "eval"}])
})

test("style-src 'self': the embed's plot grows without bound, with a violation per <style>", async ({page}) => {
  await openEmbedUnderPolicy(page, "echo", embedPolicy(), NONCE)
  const height = await rootHeight(page, ".bk-Figure")
  await openEmbedUnderPolicy(page, "echo", embedPolicy({styles: "'self'"}), NONCE)
  // It grows for a while (a resize loop): measured once it has, tens of thousands of pixels.
  await expect
    .poll(() => page.locator(".bk-Figure").evaluate((root) => root.getBoundingClientRect().height))
    .toBeGreaterThan(50 * height)
  const refused = await violations(page)
  expect(refused.length).toBeGreaterThan(500)
  expect(new Set(refused.map(({directive, blocked}) => `${directive} ${blocked}`))).toEqual(
    new Set(["style-src-elem inline"]),
  )
})

test("require-trusted-types-for 'script': the embed is refused at its own script tag", async ({page}) => {
  const errors = pageErrors(page)
  await openEmbedUnderPolicy(page, "csp_widgets", embedPolicy({extra: "; require-trusted-types-for 'script'"}), NONCE)
  await expect.poll(() => errors.length).toBe(1)
  expect(errors[0]).toBe(
    "Failed to set the 'src' property on 'HTMLScriptElement': This document requires 'TrustedScriptURL' assignment.",
  )
  expect(await page.locator(".bk-Column").count()).toBe(0)
  expect(await violations(page)).toEqual([{directive: "require-trusted-types-for", blocked: "trusted-types-sink"}])
})

test("connect-src without the Bokeh server: nothing renders, and the page hears nothing", async ({page}) => {
  const errors = pageErrors(page)
  await openEmbedUnderPolicy(page, "echo", embedPolicy({connect: false}), NONCE)
  await expect.poll(async () => (await violations(page)).length).toBe(1)
  const [refused] = await violations(page)
  expect(refused!.directive).toBe("connect-src")
  expect(refused!.blocked).toMatch(new RegExp(`^${bokehOrigin()}/echo/autoload\\.js\\?`))
  await page.waitForLoadState("networkidle")
  expect(await page.locator(".bk-Figure").count()).toBe(0)
  expect(errors).toEqual([])
})
