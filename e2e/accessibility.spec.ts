// axe-core on the element in each of its states, on a real bokeh serve: no violation of impact serious or
// critical. Every finding (any impact) is attached to the test's report, for the record.
import {expect, test, type Page} from "@playwright/test"
import {axeViolations, serious} from "./support/axe.js"
import {addElement, holdBokehJs, openBlankPage, waitForStatus} from "./support/helpers.js"
import {startDedicatedServer} from "./support/servers.js"

async function expectNoSeriousViolations(page: Page, state: string): Promise<void> {
  const findings = await axeViolations(page, "#plot")
  await test.info().attach(`axe ${state}`, {body: JSON.stringify(findings, null, 2), contentType: "application/json"})
  console.log(`axe ${state}: ${JSON.stringify(findings.map(({id, impact, targets}) => ({id, impact, targets})))}`)
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
