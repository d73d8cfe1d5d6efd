// Hostile input in a real page: each is refused before any use of the Bokeh server, with a message that names the fix;
// the limits themselves are the real server's (a query at the limit goes through).
import {expect, test} from "@playwright/test"
import {
  appUrl,
  elementProperty,
  openBlankPage,
  pageOrigin,
  recordedEvents,
  trackWebSockets,
  waitForStatus,
} from "./support/helpers.js"

interface HostileCase {
  title: string
  attributes?: Record<string, string>
  /** Set as the `arguments` property, built in the page (lone surrogates do not survive serialization). */
  argumentsSource?: string
  code: string
  message: RegExp
}

const CASES: HostileCase[] = [
  {
    title: "a number",
    argumentsSource: `({N: 10})`,
    code: "invalid-arguments",
    message: /^arguments\.N must be a string or an array of strings, got number 10: write "10"\.$/,
  },
  {
    title: "null",
    argumentsSource: `({N: null})`,
    code: "invalid-arguments",
    message: /^arguments\.N .* got null: write "" for an empty value, or leave the key out\.$/,
  },
  {
    title: "a nested object",
    argumentsSource: `({cfg: {a: {b: 1}}})`,
    code: "invalid-arguments",
    message: /^arguments\.cfg .* got object \{"a":\{"b":1\}\}: send it as a string, e\.g\. JSON\.stringify/,
  },
  {
    title: "an array of non-strings",
    argumentsSource: `({ids: ["1", 2, true]})`,
    code: "invalid-arguments",
    message: /^arguments\.ids\[1\] must be a string, got number 2: write "2"\.$/,
  },
  {
    title: "a bokeh- key",
    argumentsSource: `({"bokeh-session-id": "mine"})`,
    code: "invalid-arguments",
    message: /keys starting with "bokeh-" are the Bokeh server's own parameters/,
  },
  {title: "an empty key", argumentsSource: `({"": "x"})`, code: "invalid-arguments", message: /empty key/},
  {
    title: "a lone surrogate",
    argumentsSource: `({name: "a\\uD800b"})`,
    code: "invalid-arguments",
    message: /^arguments\.name contains a lone surrogate \(U\+D800\)/,
  },
  {
    title: "a query over the server's 64 KiB request block",
    argumentsSource: `({blob: "x".repeat(70000)})`,
    code: "invalid-arguments",
    message: /^arguments encode to a 70005-byte query, over the limit of 61440 bytes/,
  },
  {
    title: "more than 1000 values",
    argumentsSource: `({k: Array.from({length: 1001}, (_, i) => String(i))})`,
    code: "invalid-arguments",
    message: /^arguments has 1001 values, over the limit of 1000/,
  },
  {
    title: "malformed JSON in the attribute",
    attributes: {arguments: `{"N": "10",}`},
    code: "invalid-arguments",
    message: /^The arguments attribute is not valid JSON \(.+\): write a JSON object/,
  },
  {
    title: "a JSON array in the attribute",
    attributes: {arguments: `["N", "10"]`},
    code: "invalid-arguments",
    message: /^arguments must be an object of strings, got array/,
  },
  {
    title: "a malformed token",
    attributes: {token: "<not a token>"},
    code: "invalid-token",
    message: /^token is not a Bokeh session token/,
  },
  {
    title: "a token without a session id",
    attributes: {token: "eyJhIjoxfQ"},
    code: "invalid-token",
    message: /lacks "session_id"/,
  },
  {
    title: "a javascript: url",
    attributes: {url: "javascript:alert(1)"},
    code: "invalid-url",
    message: /uses javascript:, but a Bokeh server speaks http\(s\) or ws\(s\)/,
  },
  {title: "a file: url", attributes: {url: "file:///etc/passwd"}, code: "invalid-url", message: /uses file:/},
  {title: "a malformed url", attributes: {url: "http://[::1"}, code: "invalid-url", message: /is not a valid URL/},
  {
    title: "a zero timeout",
    attributes: {timeout: "0"},
    code: "invalid-option",
    message: /^timeout must be a positive number of milliseconds/,
  },
  {
    title: "a reconnect-timeout that is not a number",
    attributes: {"reconnect-timeout": "5min"},
    code: "invalid-option",
    message: /^reconnect-timeout must be a non-negative number of milliseconds \(0: never reconnect\), got NaN/,
  },
]

for (const hostile of CASES) {
  test(`refuses ${hostile.title} before anything reaches the Bokeh server`, async ({page}) => {
    const sockets = trackWebSockets(page)
    const requests: string[] = []
    await openBlankPage(page)
    page.on("request", (request) => requests.push(request.url()))
    await page.evaluate(
      ({url, attributes, argumentsSource}) => {
        const element = document.createElement("bokeh-session")
        element.id = "hostile"
        element.setAttribute("url", url)
        for (const [name, value] of Object.entries(attributes)) {
          element.setAttribute(name, value)
        }
        if (argumentsSource != null) {
          element.arguments = (0, eval)(argumentsSource)
        }
        document.body.append(element)
      },
      {url: appUrl("echo"), attributes: hostile.attributes ?? {}, argumentsSource: hostile.argumentsSource ?? null},
    )
    await waitForStatus(page, "hostile", "error")
    const events = await recordedEvents(page, "hostile")
    expect(events.map((event) => event.type)).toEqual(["bokeh-session-error"])
    expect(events[0].detail.code).toBe(hostile.code)
    expect(events[0].detail.message).toMatch(hostile.message)
    await expect(page.locator("#hostile [part=error]")).toHaveText(events[0].detail.message as string)
    // Nothing reaches the Bokeh server: only the element's own chunks come from the page's server.
    expect(sockets).toHaveLength(0)
    expect(requests.filter((url) => !url.startsWith(`${pageOrigin()}/dist/chunks/`))).toEqual([])
    // Invalid arguments are found by the first script, which then fetches only the session code (a few KB) to report
    // them. The other inputs are checked by the session code: the first script asked for BokehJS beside it, as it
    // does for every connect (one round trip less for the valid ones), so BokehJS is on its way by then.
    const chunks = requests.map((url) => /\/dist\/chunks\/(.+)-[\w-]{8}\.js$/.exec(url)?.[1]).sort()
    const foundByTheFirstScript = Object.keys(hostile.attributes ?? {}).every((name) => name === "arguments")
    const sessionCode = ["rolldown-runtime", "session"]
    expect(chunks).toEqual(foundByTheFirstScript ? sessionCode : ["bokehjs-core", ...sessionCode])
  })
}

test("the server's limits themselves pass: 1000 values, and a query just under 60 KiB, echo exactly", async ({
  page,
}) => {
  await openBlankPage(page)
  const many = Array.from({length: 1000}, (_, index) => `v${index}`)
  const big = "é".repeat(Math.floor((60 * 1024 - 4) / 6)) // "%C3%A9" per character
  await page.evaluate(
    ({url, many, big}) => {
      for (const [id, args] of [
        ["many", {k: many}],
        ["big", {b: big}],
      ] as const) {
        const element = document.createElement("bokeh-session")
        element.id = id
        element.arguments = args
        element.url = url
        document.body.append(element)
      }
    },
    {url: appUrl("echo"), many, big},
  )
  await waitForStatus(page, "many", "connected")
  await waitForStatus(page, "big", "connected")
  expect(await elementProperty(page, "many", "echo")).toEqual({k: many})
  expect(await elementProperty(page, "big", "echo")).toEqual({b: [big]})
})
