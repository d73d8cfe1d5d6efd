import {describe, expect, it} from "vitest"
import {appUrlToWebSocketUrl} from "./url.js"

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
    expect(() => appUrlToWebSocketUrl(url, PAGE)).toThrowError(message)
  })

  it("rejects a relative URL where there is no page", () => {
    expect(() => appUrlToWebSocketUrl("/app", undefined)).toThrowError(/is not an absolute URL/)
  })
})
