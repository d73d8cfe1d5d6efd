// The element under the Content-Security-Policies that docs/deploy.md documents, against the real bokeh serve, each
// beside the same page without a policy: the same layout box for box, the violations listed, the refusals named.
import {expect, test} from "@playwright/test"
import {expectPaintedCanvas} from "./support/canvas.js"
import {documentedPolicy, openUnderPolicy, renderUnder, violations} from "./support/csp.js"
import {addElement, appUrl, bokehOrigin, recordedEvents, waitForStatus} from "./support/helpers.js"

for (const app of ["echo", "csp_widgets"]) {
  test(`${app}: under the strict policy, the same layout as without a policy, and no violation`, async ({browser}) => {
    const plain = await browser.newPage()
    const strict = await browser.newPage()
    const expected = await renderUnder(plain, null, app)
    const layout = await renderUnder(strict, documentedPolicy("strict"), app)
    // Before adopted stylesheets: the plot grew to 87,907 px with ~1,100 style-src-elem violations.
    expect(layout).toEqual(expected)
    expect(layout.length).toBeGreaterThan(app === "echo" ? 20 : 100)
    expect(await violations(strict)).toEqual([])
    if (app === "echo") {
      await expectPaintedCanvas(strict.locator("#app"))
    }
    await plain.close()
    await strict.close()
  })
}

test("the table under the strict policy: rows at their places, formatted cells", async ({page}) => {
  await openUnderPolicy(page, documentedPolicy("strict"))
  await addElement(page, {id: "app", app: "csp_widgets", arguments: {}})
  await waitForStatus(page, "app", "connected")
  const cells = page.locator("#app .slick-row")
  // Before: "internal-error: SlickGrid Cannot find stylesheet."; with the sheet but not the rows' positions, all
  // rows at the top, one over the other.
  await expect(cells).toHaveCount(3)
  const tops = await cells.evaluateAll((rows) => rows.map((row) => row.getBoundingClientRect().top))
  expect(tops[1]! - tops[0]!).toBe(25)
  expect(tops[2]! - tops[1]!).toBe(25)
  const name = page.locator("#app .slick-cell.l1").first().locator("div")
  await expect(name).toHaveText("a")
  await expect(name).toHaveCSS("color", "rgb(178, 34, 34)")
  await expect(name).toHaveCSS("font-weight", "700")
  await expect(page.locator("#app .slick-cell.l2").first().locator("div")).toHaveCSS("text-align", "right")
  expect(await violations(page)).toEqual([])
})

test("no <style> in any view: every view adopts shared sheets, one per distinct CSS text", async ({page}) => {
  await openUnderPolicy(page, null)
  await addElement(page, {id: "app", app: "csp_widgets", arguments: {}})
  await waitForStatus(page, "app", "connected")
  const sheets = await page.locator("#app").evaluate((host) => {
    const roots: ShadowRoot[] = []
    const walk = (node: ParentNode): void => {
      for (const element of node.querySelectorAll("*")) {
        if (element.shadowRoot != null) {
          roots.push(element.shadowRoot)
          walk(element.shadowRoot)
        }
      }
    }
    walk(host.shadowRoot!.querySelector("[part=roots]")!)
    const adopted = roots.flatMap((root) => root.adoptedStyleSheets)
    return {
      views: roots.length,
      styles: roots.reduce((count, root) => count + root.querySelectorAll("style").length, 0),
      adopted: adopted.length,
      distinct: new Set(adopted).size,
    }
  })
  expect(sheets.styles).toBe(0)
  expect(sheets.views).toBeGreaterThan(10)
  expect(sheets.adopted).toBeGreaterThan(2 * sheets.views)
  // BokehJS's base CSS alone is in every view: shared, it is one sheet, where there was a <style> per view.
  expect(sheets.distinct).toBeLessThan(sheets.adopted / 2)
  test.info().annotations.push({type: "sheets", description: JSON.stringify(sheets)})
})

test("a CustomJS without 'unsafe-eval': csp-blocked names the model and the fix; the session keeps running", async ({
  page,
}) => {
  const errors: string[] = []
  page.on("pageerror", (error) => errors.push(error.message))
  await openUnderPolicy(page, documentedPolicy("strict"))
  await addElement(page, {id: "app", app: "csp_customjs", arguments: {}})
  await waitForStatus(page, "app", "connected")
  const element = page.locator("#app")
  await element.getByRole("button", {name: "Run CustomJS"}).click()

  await expect(element.locator("[part=error]")).toContainText("script-src without 'unsafe-eval'")
  const callback = await element.evaluate(
    (host) => (host as HTMLElementTagNameMap["bokeh-session"]).session!.document.get_model_by_name("callback")!.id,
  )
  const reported = (await recordedEvents(page, "app")).map(({type, detail}) => [type, detail.code, detail.message])
  expect(reported).toEqual([
    ["bokeh-session-connecting", undefined, undefined],
    ["bokeh-session-ready", undefined, undefined],
    [
      "bokeh-session-error",
      "csp-blocked",
      `The page's Content-Security-Policy does not allow compiling code (script-src without 'unsafe-eval'), so the ` +
        `CustomJS ${callback} cannot run. It does nothing; the session keeps running. Add 'unsafe-eval' to ` +
        `script-src, or do this work in Python (a server-side callback) instead of in a CustomJS. See ` +
        `docs/deploy.md#content-security-policy.`,
    ],
  ])
  expect(await element.evaluate((host) => (host as HTMLElementTagNameMap["bokeh-session"]).status)).toBe("connected")
  await expect(element.getByText("not run", {exact: true})).toBeVisible()
  // Before: an unhandled EvalError, and nothing else.
  expect(errors).toEqual([])

  // Still live: the server answers the Python button, and a second click reports nothing new.
  await element.getByRole("button", {name: "Ask the server"}).click()
  await expect(element.getByText("the server answered")).toBeVisible()
  await element.getByRole("button", {name: "Run CustomJS"}).click()
  expect((await recordedEvents(page, "app")).length).toBe(3)
  expect(await violations(page)).toEqual([{directive: "script-src", blocked: "eval"}])
})

test("with 'unsafe-eval' (the documented customjs policy) the CustomJS runs, with no violation", async ({page}) => {
  await openUnderPolicy(page, documentedPolicy("customjs"))
  await addElement(page, {id: "app", app: "csp_customjs", arguments: {}})
  await waitForStatus(page, "app", "connected")
  await page.locator("#app").getByRole("button", {name: "Run CustomJS"}).click()
  await expect(page.locator("#app").getByText("the CustomJS ran")).toBeVisible()
  expect(await violations(page)).toEqual([])
})

test("connect-src without the Bokeh server: csp-blocked names the directive and both sources, not a dead server", async ({
  page,
}) => {
  const bokeh = new URL(bokehOrigin())
  await openUnderPolicy(page, "default-src 'self'; connect-src 'self'")
  await addElement(page, {id: "app", app: "echo", arguments: {}})
  await waitForStatus(page, "app", "error")
  const websocket = `ws://${bokeh.host}/echo/ws`
  expect(await recordedEvents(page, "app")).toEqual([
    expect.objectContaining({type: "bokeh-session-connecting"}),
    {
      type: "bokeh-session-error",
      id: "app",
      detail: {
        code: "csp-blocked",
        // Before: "unreachable: Nothing answers at <host> ... start the Bokeh server", of a server that runs.
        message:
          `The page's Content-Security-Policy refused the websocket ${websocket} (connect-src), so the Bokeh ` +
          `server was never asked: add ws://${bokeh.host} to connect-src, and http://${bokeh.host} (which the ` +
          `element asks when a connect fails, to tell a server that is down from one that refuses the page). ` +
          `See docs/deploy.md#content-security-policy.`,
      },
    },
  ])
  // The socket only: no probe of a server that the policy would refuse too.
  expect(await violations(page)).toEqual([{directive: "connect-src", blocked: websocket}])
})

test("a server that is down, under the same kind of policy allowing it: unreachable, as without a policy", async ({
  page,
}) => {
  // A port where nothing listens, allowed by the policy: the refusal is the network's, not the page's.
  const dead = "127.0.0.1:9"
  await openUnderPolicy(page, `default-src 'self'; connect-src 'self' ws://${dead} http://${dead}`)
  await addElement(page, {id: "app", url: `http://${dead}/echo`, arguments: {}})
  await waitForStatus(page, "app", "error")
  const [, failed] = await recordedEvents(page, "app")
  expect(failed!.detail.code).toBe("unreachable")
  expect(await violations(page)).toEqual([])
  expect(appUrl("echo")).not.toContain(dead)
})

test("a packaged extension under the documented extensions policy: its bundle loads from the server", async ({
  page,
}) => {
  // The server serves /static/extensions/ once it rendered an app page (as for Bokeh's own embed).
  expect((await page.request.get(appUrl("packaged_extension"))).ok()).toBe(true)
  await openUnderPolicy(page, documentedPolicy("extensions"))
  await addElement(page, {id: "app", app: "packaged_extension", arguments: {}})
  await waitForStatus(page, "app", "connected")
  await expect(page.locator("#app .acc-pkg-ext-hello")).toHaveText("Hello from acc_pkg_ext: packaged")
  expect(await violations(page)).toEqual([])
})
