// The element under Trusted Types (`require-trusted-types-for 'script'; trusted-types bokeh-session bokeh-session-lit`, the header
// docs/deploy.md documents), against the real bokeh serve: Divs, Markdown, sliders, choices, a date picker, tabs and
// tables render as without a policy and keep working when used, every HTML sink of the bundled libraries fed
// through the element's policies. Before: the whole document refused with internal-error (innerHTML needs TrustedHTML).
import {expect, test} from "@playwright/test"
import {expectPaintedCanvas} from "./support/canvas.js"
import {documentedPolicy, openUnderPolicy, renderUnder, violations} from "./support/csp.js"
import {addElement, waitForStatus} from "./support/helpers.js"

for (const app of ["echo", "csp_widgets"]) {
  test(`${app}: under Trusted Types, the same layout as without a policy, and no violation`, async ({browser}) => {
    const plain = await browser.newPage()
    const trusted = await browser.newPage()
    const errors: string[] = []
    trusted.on("pageerror", (error) => errors.push(error.message))
    const expected = await renderUnder(plain, null, app)
    expect(await renderUnder(trusted, documentedPolicy("trusted-types"), app)).toEqual(expected)
    expect(await violations(trusted)).toEqual([])
    expect(errors).toEqual([])
    if (app === "echo") {
      await expectPaintedCanvas(trusted.locator("#app"))
    }
    await plain.close()
    await trusted.close()
  })
}

test("widgets used under Trusted Types: the HTML they insert goes through the element's policy", async ({page}) => {
  const errors: string[] = []
  page.on("pageerror", (error) => errors.push(error.message))
  await openUnderPolicy(page, documentedPolicy("trusted-types"))
  await addElement(page, {id: "app", app: "csp_widgets", arguments: {}})
  await waitForStatus(page, "app", "connected")
  const element = page.locator("#app")

  // What BokehJS itself inserts as HTML: the Div's text, Markdown's output (marked, then DOMPurify).
  await expect(element.locator("b", {hasText: "bold"})).toBeVisible()
  await expect(element.locator("strong", {hasText: "markdown"})).toBeVisible()
  await expect(element.locator("code", {hasText: "code"})).toBeVisible()
  // flatpickr builds its calendar with innerHTML when it opens; Choices its list; Tabs switch panels.
  await element.locator("input.form-control").click()
  await expect(element.locator(".flatpickr-calendar.open .flatpickr-day.selected")).toHaveText("17")
  await page.keyboard.press("Escape")
  await element.locator(".choices").first().click()
  await expect(element.locator(".choices__item--choice", {hasText: "z"}).first()).toBeAttached()
  await element.getByText("second", {exact: true}).click()
  await expect(element.getByText("second tab")).toBeVisible()
  // SlickGrid re-renders its rows when the table is sorted.
  await element.locator(".slick-header-column", {hasText: "value"}).click()
  await expect(element.locator(".slick-row").first()).toBeVisible()
  // The server's answer replaces the Div's HTML.
  await element.getByRole("button", {name: "Ask the server"}).click()
  await expect(element.locator("i", {hasText: "the server answered"})).toBeVisible()

  expect(await violations(page)).toEqual([])
  expect(errors).toEqual([])
})

test("a CustomJS under Trusted Types (with 'unsafe-eval') is compiled through the policy and runs", async ({page}) => {
  const policy = documentedPolicy("trusted-types").replace("script-src 'self'", "script-src 'self' 'unsafe-eval'")
  await openUnderPolicy(page, policy)
  await addElement(page, {id: "app", app: "csp_customjs", arguments: {}})
  await waitForStatus(page, "app", "connected")
  await page.locator("#app").getByRole("button", {name: "Run CustomJS"}).click()
  await expect(page.locator("#app").getByText("the CustomJS ran")).toBeVisible()
  // Trusted Types refuse `new Function` whatever its arguments: the first compile of the page tries it (and is
  // reported), every compile then goes through the policy.
  expect(await violations(page)).toEqual([{directive: "require-trusted-types-for", blocked: "trusted-types-sink"}])
})
