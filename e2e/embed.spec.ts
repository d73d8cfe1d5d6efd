// The element embeds an app: the drop-in page renders it, arguments reach the app exactly as sent (object or
// query-string form) and come back in the echo table, shown as text; invalid values never connect.
import {expect, test} from "@playwright/test"
import {expectPaintedCanvas} from "./support/canvas.js"
import {
  addElement,
  bokehOrigin,
  elementProperty,
  openBlankPage,
  pageOrigin,
  recordedEvents,
  SERVER_BOKEHJS_PROJECT,
  setArguments,
  trackWebSockets,
  waitForStatus,
} from "./support/helpers.js"

test("the drop-in page, with only dist/bokeh-session.js, renders the app and its echo", async ({page}) => {
  const sockets = trackWebSockets(page)
  const requests: string[] = []
  const errors: string[] = []
  page.on("request", (request) => requests.push(request.url()))
  page.on("pageerror", (error) => errors.push(error.message))

  await page.goto(`${pageOrigin()}/e2e/pages/drop-in.html`)
  const element = page.locator("#plot")
  await expect(element).toHaveJSProperty("status", "connected")

  expect(await elementProperty(page, "plot", "echo")).toEqual({N: ["10"], title: ["drop-in"]})
  await expectPaintedCanvas(element)
  await expect(element.locator("[part=status]")).toHaveText(/^Connected \(session \w{8}…\)$/)
  await expect(element.locator("[part=echo] tbody tr")).toHaveCount(2)
  await expect(element.locator("[part=echo] tr.mismatch")).toHaveCount(0)
  // The app URL had a trailing slash; the websocket is <app url>/ws with the arguments as the query.
  expect(sockets.map((socket) => socket.url())).toEqual([
    `${bokehOrigin().replace("http:", "ws:")}/echo/ws?N=10&title=drop-in`,
  ])
  // Everything else came from dist/ on the page's own server (no CDN); with the server's own BokehJS, that BokehJS and
  // the autoload.js that names it came from the Bokeh server.
  const fromBokeh = (url: string): boolean =>
    test.info().project.name === SERVER_BOKEHJS_PROJECT &&
    (url.startsWith(`${bokehOrigin()}/static/js/`) || url.startsWith(`${bokehOrigin()}/echo/autoload.js?`))
  for (const url of requests) {
    expect(
      url.startsWith(`${pageOrigin()}/dist/`) || url === `${pageOrigin()}/e2e/pages/drop-in.html` || fromBokeh(url),
    ).toBe(true)
  }
  // A second copy of the module (another URL, so another module instance) finds the tag defined and does not throw.
  await page.evaluate(() => import(`${location.origin}/dist/bokeh-session.js?copy=2`))
  expect(errors).toEqual([])
})

test("tricky values come back exactly as sent", async ({page}) => {
  await openBlankPage(page)
  const fourKilobytes = "0123456789abcdef%&=#+ é".repeat(200).slice(0, 4096)
  const sent = {
    "with space": "a  b c ",
    "amp&eq=hash#": "& = # + % %20 %zz ?a=b",
    plus: "+1+",
    ключ: "значение ✓ 日本語 🎉",
    é: "ü",
    empty: "",
    big: fourKilobytes,
    repeated: ["1", "2", "2", ""],
  }
  await addElement(page, {id: "tricky", arguments: sent})
  await waitForStatus(page, "tricky", "connected")

  const expected = Object.fromEntries(
    Object.entries(sent).map(([name, value]) => [name, Array.isArray(value) ? value : [value]]),
  )
  expect(await elementProperty(page, "tricky", "echo")).toEqual(expected)
  const element = page.locator("#tricky")
  await expect(element.locator("[part=echo] tr.mismatch")).toHaveCount(0)
  await expect(element.locator("[part=echo] tr.match")).toHaveCount(Object.keys(sent).length)
  const received = await element.locator('[part=echo] tr[data-name="ключ"] td.received .value').allTextContents()
  expect(received).toEqual(["значение ✓ 日本語 🎉"])
  const repeated = await element.locator('[part=echo] tr[data-name="repeated"] td.received .value').allTextContents()
  expect(repeated).toEqual(["1", "2", "2", ""])
})

test("the query-string attribute form is sent as written", async ({page}) => {
  await openBlankPage(page)
  await addElement(page, {id: "query", argumentsAttribute: "?N=7&title=a+b%26c&k=1&k=2&empty="})
  await waitForStatus(page, "query", "connected")
  expect(await elementProperty(page, "query", "echo")).toEqual({N: ["7"], title: ["a b&c"], k: ["1", "2"], empty: [""]})
  expect(await elementProperty(page, "query", "arguments")).toEqual({N: "7", title: "a b&c", k: ["1", "2"], empty: ""})
})

test("two elements with different arguments get independent sessions", async ({page}) => {
  await openBlankPage(page)
  await addElement(page, {id: "one", arguments: {N: "5", title: "one"}})
  await addElement(page, {id: "two", arguments: {N: "9", title: "two"}})
  await waitForStatus(page, "one", "connected")
  await waitForStatus(page, "two", "connected")
  expect(await elementProperty(page, "one", "echo")).toEqual({N: ["5"], title: ["one"]})
  expect(await elementProperty(page, "two", "echo")).toEqual({N: ["9"], title: ["two"]})
  const ids = [await elementProperty(page, "one", "sessionId"), await elementProperty(page, "two", "sessionId")]
  expect(ids[0]).not.toEqual(ids[1])
  for (const id of ids) {
    expect(id).toMatch(/^[0-9A-Za-z]{44}$/)
  }
})

test("a non-string value is rejected with a clear error and no connection", async ({page}) => {
  const sockets = trackWebSockets(page)
  await openBlankPage(page)
  await addElement(page, {id: "bad", arguments: {N: 10}})
  await waitForStatus(page, "bad", "error")
  const [event] = await recordedEvents(page, "bad")
  expect(event).toEqual({
    type: "bokeh-session-error",
    id: "bad",
    detail: {
      code: "invalid-arguments",
      message: 'arguments.N must be a string or an array of strings, got number 10: write "10".',
    },
  })
  await expect(page.locator("#bad [part=error]")).toHaveText(event.detail.message as string)
  expect(
    await page.locator("#bad").evaluate((element) => (element as HTMLElementTagNameMap["bokeh-session"]).error?.code),
  ).toBe("invalid-arguments")
  expect(sockets).toHaveLength(0)

  // Fixing the value connects.
  await setArguments(page, "bad", {N: "10"})
  await waitForStatus(page, "bad", "connected")
  await expect(page.locator("#bad [part=error]")).toHaveCount(0)
})

test("echoed markup is shown as text and never runs", async ({page}) => {
  const dialogs: string[] = []
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  await openBlankPage(page)
  const markup = "<img src=x onerror=alert(1)><script>alert(2)</script>"
  await addElement(page, {id: "xss", arguments: {"<b>name</b>": markup}})
  await waitForStatus(page, "xss", "connected")
  const element = page.locator("#xss")
  await expect(element.locator("[part=echo] td.received .value")).toHaveText(markup)
  await expect(element.locator("[part=echo] th.name")).toHaveText("<b>name</b>")
  expect(
    await element.evaluate(
      (host) => host.shadowRoot!.querySelectorAll("[part=echo] img, [part=echo] script, [part=echo] b").length,
    ),
  ).toBe(0)
  expect(dialogs).toEqual([])
})

test("an app with widgets loads BokehJS's widget and table code and renders", async ({page}) => {
  await openBlankPage(page)
  await addElement(page, {id: "widgets", app: "widgets", arguments: {color: "teal"}})
  await waitForStatus(page, "widgets", "connected")
  const element = page.locator("#widgets")
  await expect(element.getByText("widgets app")).toBeVisible()
  await expect(element.locator(".slick-cell", {hasText: "teal"})).toBeVisible()
  expect(await elementProperty(page, "widgets", "echo")).toEqual({color: ["teal"]})
})
