// The echo table against apps that do not echo exactly what was sent: one that does not echo at all (the no-echo
// note), and one that echoes a different set of keys ("not received", "differs" and "not sent" rows).
import {expect, test} from "@playwright/test"
import {expectPaintedCanvas} from "./support/canvas.js"
import {addElement, elementProperty, openBlankPage, recordedEvents, waitForStatus} from "./support/helpers.js"

test("an app without the echo renders, and the element shows the no-echo note instead of the table", async ({page}) => {
  await openBlankPage(page)
  await addElement(page, {id: "silent", app: "no_echo", arguments: {N: "3"}})
  await waitForStatus(page, "silent", "connected")
  const element = page.locator("#silent")
  await expect(element.locator("[part=no-echo]")).toContainText("This app does not echo its arguments")
  await expect(element.locator("[part=no-echo] code").first()).toHaveText("echo_arguments(curdoc())")
  await expect(element.locator("[part=echo]")).toHaveCount(0)
  expect(await elementProperty(page, "silent", "echo")).toBeNull()
  const sessionId = await elementProperty(page, "silent", "sessionId")
  expect((await recordedEvents(page, "silent")).at(-1)).toEqual({
    type: "bokeh-session-ready",
    id: "silent",
    detail: {sessionId, arguments: {N: ["3"]}, echo: null},
  })
  await expectPaintedCanvas(element)
})

test("keys the app did not receive, values it changed and keys it added get their own rows", async ({page}) => {
  await openBlankPage(page)
  await addElement(page, {id: "altered", app: "echo_altered", arguments: {N: "500", title: "kept", secret: "s3"}})
  await waitForStatus(page, "altered", "connected")
  const echo = {N: ["100"], title: ["kept"], units: ["metric"]}
  expect(await elementProperty(page, "altered", "echo")).toEqual(echo)

  const rows = page.locator("#altered [part=echo] tbody tr")
  // Sent names first, in the order sent, then the names only the app reports.
  await expect(rows).toHaveCount(4)
  const table = await rows.evaluateAll((trs) =>
    trs.map((tr) => ({
      name: tr.getAttribute("data-name"),
      class: tr.className,
      sent: tr.querySelector("td.sent")!.textContent!.trim(),
      received: tr.querySelector("td.received")!.textContent!.trim(),
      mark: tr.querySelector("td.mark")!.textContent!.trim(),
    })),
  )
  expect(table).toEqual([
    {name: "N", class: "mismatch", sent: "500", received: "100", mark: "✗ differs"},
    {name: "title", class: "match", sent: "kept", received: "kept", mark: "✓ same"},
    {name: "secret", class: "mismatch", sent: "s3", received: "missing", mark: "✗ not received"},
    {name: "units", class: "mismatch", sent: "none", received: "metric", mark: "✗ not sent"},
  ])
  await expect(page.locator("#altered [part=echo] td.received em")).toHaveText(["missing"])
  await expect(page.locator("#altered [part=echo] td.sent em")).toHaveText(["none"])
  const sessionId = await elementProperty(page, "altered", "sessionId")
  const sent = {N: ["500"], title: ["kept"], secret: ["s3"]}
  expect((await recordedEvents(page, "altered")).at(-1)).toEqual({
    type: "bokeh-session-ready",
    id: "altered",
    detail: {sessionId, arguments: sent, echo},
  })
})
