import {describe, expect, it} from "vitest"
import {appUrlToWebSocketUrl, argumentsInAppUrl} from "./url.js"
import {failure} from "../core/test-helpers.js"

const PAGE = "https://example.org/reports/page.html?x=1"

describe("appUrlToWebSocketUrl", () => {
  it.each([
    ["http://localhost:5006/echo", "ws://localhost:5006/echo/ws"],
    ["https://host/app", "wss://host/app/ws"],
    ["http://localhost:5006/echo/", "ws://localhost:5006/echo/ws"],
    ["http://localhost:5006/echo//?N=1#top", "ws://localhost:5006/echo/ws"],
    ["http://localhost:5006/", "ws://localhost:5006/ws"],
    ["http://localhost:5006", "ws://localhost:5006/ws"],
    ["http://host/prefix/app", "ws://host/prefix/app/ws"],
    ["ws://host:5006/app", "ws://host:5006/app/ws"],
    ["wss://host/app/ws", "wss://host/app/ws"],
    ["  http://host/app  ", "ws://host/app/ws"],
  ])("%s -> %s", (url, expected) => {
    expect(appUrlToWebSocketUrl(url, PAGE)).toBe(expected)
  })

  it("resolves relative URLs against the page", () => {
    expect(appUrlToWebSocketUrl("/bokeh/app", PAGE)).toBe("wss://example.org/bokeh/app/ws")
    expect(appUrlToWebSocketUrl("app", PAGE)).toBe("wss://example.org/reports/app/ws")
  })

  it.each([
    ["", /^url is empty/],
    ["ftp://host/app", /uses ftp:, but a Bokeh server speaks http\(s\) or ws\(s\)/],
    ["javascript:alert(1)", /uses javascript:/],
    ["http://exa mple/app", /is not a valid URL/],
  ])("rejects %j with code invalid-url", (url, message) => {
    expect(failure("invalid-url", () => appUrlToWebSocketUrl(url, PAGE)).message).toMatch(message)
  })

  it("rejects a relative URL where there is no page", () => {
    expect(failure("invalid-url", () => appUrlToWebSocketUrl("/app", undefined)).message).toMatch(
      /is not an absolute URL/,
    )
  })
})

describe("argumentsInAppUrl", () => {
  it("reads the url's query as arguments, repeated names in order", () => {
    expect(Object.entries(argumentsInAppUrl("http://host/app?theme=dark&k=1&k=2#top", PAGE))).toEqual([
      ["theme", ["dark"]],
      ["k", ["1", "2"]],
    ])
  })

  it("gives nothing for a url without a query, and never takes the page's own query", () => {
    expect(argumentsInAppUrl("http://host/app", PAGE)).toEqual({})
    expect(argumentsInAppUrl("app", PAGE)).toEqual({})
  })

  it("keeps names that Object.prototype has", () => {
    expect(Object.entries(argumentsInAppUrl("http://host/app?constructor=1&__proto__=2", PAGE))).toEqual([
      ["constructor", ["1"]],
      ["__proto__", ["2"]],
    ])
  })

  it("refuses a query key that Bokeh reserves, as invalid-url naming the url", () => {
    expect(failure("invalid-url", () => argumentsInAppUrl("http://host/app?bokeh-session-id=x", PAGE)).message).toMatch(
      /^url "http:\/\/host\/app\?bokeh-session-id=x" has a query that cannot be sent as arguments: arguments\["bokeh-session-id"\]: keys starting with "bokeh-" are the Bokeh server.s own parameters/,
    )
  })
})
