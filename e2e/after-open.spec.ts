// Whatever goes wrong after the socket opened is handled by what opened it: an ambiguous echo is a warning, not a
// failed session, and nothing the session opened outlives it.
import {expect, test} from "@playwright/test"
import {
  addElement,
  bokehJsCounts,
  elementProperty,
  openBlankPage,
  recordedEvents,
  trackWebSockets,
  waitForStatus,
} from "./support/helpers.js"

test("an app with two echo sources renders without an echo and warns about the duplicate", async ({page}) => {
  const sockets = trackWebSockets(page)
  await openBlankPage(page)
  await addElement(page, {id: "dup", app: "duplicate_echo", arguments: {N: "1"}})
  await waitForStatus(page, "dup", "connected")
  await expect(page.getByText("duplicate echo app")).toBeVisible()
  expect(await elementProperty(page, "dup", "echo")).toBeNull()
  await expect(page.locator("#dup [part=echo]")).toHaveCount(0)

  const events = await recordedEvents(page, "dup")
  expect(events.map((event) => event.type)).toEqual([
    "bokeh-session-connecting",
    "bokeh-session-warning",
    "bokeh-session-ready",
  ])
  const warning = (events[1]!.detail as {message: string}).message
  expect(warning).toContain("2 models named 'bokeh-session-echo'")
  expect(warning).toContain("ColumnDataSource")

  // One socket and one document while connected; none once the element is gone.
  expect(sockets.filter((socket) => !socket.isClosed())).toHaveLength(1)
  expect((await bokehJsCounts(page)).documents).toBe(1)
  await page.locator("#dup").evaluate((element) => element.remove())
  await expect.poll(() => sockets.filter((socket) => !socket.isClosed()).length).toBe(0)
  await expect.poll(() => bokehJsCounts(page)).toEqual({documents: 0, rootViews: 0})
})
