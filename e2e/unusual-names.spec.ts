// Argument names that are also members of Object.prototype reach the real echo app and come back exactly, through
// every way of giving arguments: the attribute (query string and JSON), the property, a url's query, pullSession.
// Everything is read in the page as JSON: Playwright's own transfer of objects would turn a "__proto__" key into a
// prototype on this side.
import {expect, test, type Page} from "@playwright/test"
import {appUrl, openBlankPage, recordedEvents, waitForStatus} from "./support/helpers.js"

const NAMES = ["constructor", "__proto__", "toString", "valueOf", "hasOwnProperty", "isPrototypeOf"]

/** What the echo app must report: each name with its values, in the order sent. */
const EXPECTED: Array<[string, string[]]> = NAMES.map((name) => [name, [`${name} 1`, `${name} & 2`]])

const QUERY = EXPECTED.flatMap(([name, values]) =>
  values.map((value) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`),
).join("&")
const JSON_TEXT = `{${EXPECTED.map(([name, values]) => `${JSON.stringify(name)}:${JSON.stringify(values)}`).join(",")}}`

/** The element's echo, its `arguments` and the ready event's arguments, as [name, values] entries. */
async function readBack(page: Page, id: string): Promise<{echo: unknown; arguments: unknown; ready: unknown}> {
  const text = await page.locator(`#${id}`).evaluate((element) => {
    const session = element as HTMLElementTagNameMap["bokeh-session"]
    const events = (window as unknown as {events: Array<{type: string; id: string; detail: {arguments: object}}>})
      .events
    const ready = events.find((event) => event.type === "bokeh-session-ready" && event.id === element.id)
    return JSON.stringify({
      echo: Object.entries(session.echo ?? {}),
      arguments: Object.entries(session.arguments ?? {}),
      ready: Object.entries(ready?.detail.arguments ?? {}),
    })
  })
  return JSON.parse(text)
}

async function addElement(page: Page, id: string, setup: string): Promise<void> {
  await page.evaluate(
    ({id, url, setup}) => {
      const element = document.createElement("bokeh-session")
      element.id = id
      // The setup is built in the page, so that "__proto__" is an own key exactly as the test wrote it.
      new Function("element", setup)(element)
      element.url ||= url
      document.body.append(element)
    },
    {id, url: appUrl("echo"), setup},
  )
  await waitForStatus(page, id, "connected")
  expect((await recordedEvents(page, id)).map((event) => event.type)).toEqual([
    "bokeh-session-connecting",
    "bokeh-session-ready",
  ])
}

test.beforeEach(async ({page}) => {
  await openBlankPage(page)
})

test("the attribute as a query string: every name comes back exactly, and the table matches", async ({page}) => {
  await addElement(page, "query", `element.setAttribute("arguments", ${JSON.stringify(QUERY)})`)
  const back = await readBack(page, "query")
  expect(back.echo).toEqual(EXPECTED)
  expect(back.ready).toEqual(EXPECTED)
  expect(back.arguments).toEqual(EXPECTED)
  await expect(page.locator("#query [part=echo] tr.match")).toHaveCount(NAMES.length)
  await expect(page.locator("#query [part=echo] tr.mismatch")).toHaveCount(0)
})

test("the attribute as JSON, __proto__ included", async ({page}) => {
  await addElement(page, "json", `element.setAttribute("arguments", ${JSON.stringify(JSON_TEXT)})`)
  const back = await readBack(page, "json")
  expect(back.echo).toEqual(EXPECTED)
  expect(back.arguments).toEqual(EXPECTED)
  await expect(page.locator("#json [part=echo] tr.match")).toHaveCount(NAMES.length)
})

test("the property, an object with own keys of those names", async ({page}) => {
  const setup = `element.arguments = JSON.parse(${JSON.stringify(JSON_TEXT)})`
  await addElement(page, "property", setup)
  const back = await readBack(page, "property")
  expect(back.echo).toEqual(EXPECTED)
  expect(back.arguments).toEqual(EXPECTED)
  await expect(page.locator("#property [part=echo] tr.match")).toHaveCount(NAMES.length)
  await expect(page.locator("#property [part=echo] tr.mismatch")).toHaveCount(0)
})

test("a url with a query: its names are sent too, and the arguments win for a name in both", async ({page}) => {
  const url = `${appUrl("echo")}?constructor=from-url&theme=dark&toString=from-url`
  await addElement(
    page,
    "url-query",
    `element.url = ${JSON.stringify(url)}; element.setAttribute("arguments", "toString=mine&N=3")`,
  )
  const back = await readBack(page, "url-query")
  expect(back.echo).toEqual([
    ["constructor", ["from-url"]],
    ["theme", ["dark"]],
    ["toString", ["mine"]],
    ["N", ["3"]],
  ])
  await expect(page.locator("#url-query [part=echo] tr.match")).toHaveCount(4)
  await expect(page.locator("#url-query [part=echo] tr.mismatch")).toHaveCount(0)
})

test("pullSession with those names: the echo comes back exactly", async ({page}) => {
  const text = await page.evaluate(
    async ({url, json}) => {
      const {pullSession} = await import(`${location.origin}/dist/bokeh-session.js`)
      const pulled = await pullSession(url, {arguments: JSON.parse(json)})
      const result = JSON.stringify({echo: Object.entries(pulled.echo ?? {}), sent: Object.entries(pulled.arguments)})
      pulled.close()
      return result
    },
    {url: appUrl("echo"), json: JSON_TEXT},
  )
  const {echo, sent} = JSON.parse(text)
  expect(echo).toEqual(EXPECTED)
  expect(sent).toEqual(EXPECTED)
})
