import {describe, expect, it} from "vitest"
import {connectionLost} from "../session/connection-lost.js"
import {appUrlOf, closedBeforeDocument, sessionRejected, unknownModels, websocketFailure} from "./failures.js"

const context = {websocketUrl: "ws://127.0.0.1:5006/echo/ws", pageHost: "localhost:5173", tokenMinted: true}

describe("websocketFailure", () => {
  it("names the origin flag when the app exists", () => {
    const error = websocketFailure(context, "app-exists")
    expect(error.code).toBe("handshake-rejected")
    expect(error.message).toContain("Start it with --allow-websocket-origin=localhost:5173")
    expect(error.message).not.toContain("proxy")
  })

  it("also names a proxy's URL limit when the websocket URL is long", () => {
    const long = {...context, websocketUrl: `${context.websocketUrl}?v=${"a".repeat(9000)}`}
    expect(websocketFailure(long, "app-exists").message).toContain("over the proxy's URL limit")
  })

  it("names the path and the flag when the server answers without the app", () => {
    const error = websocketFailure(context, "server-answers")
    expect(error.code).toBe("handshake-rejected")
    expect(error.message).toContain("no Bokeh app at /echo")
  })

  it("says nothing answers, with the port to start, when the probe got no answer", () => {
    const error = websocketFailure(context, "no-answer")
    expect(error.code).toBe("unreachable")
    expect(error.message).toContain("bokeh serve app.py --port 5006")
  })

  it.each([
    ["wss://host/app/ws", "--port 443"],
    ["ws://host/app/ws", "--port 80"],
  ])("suggests the scheme's default port for %s", (websocketUrl, port) => {
    expect(websocketFailure({...context, websocketUrl}, "no-answer").message).toContain(`bokeh serve app.py ${port})`)
  })

  it("tells a 404 from the page's own server (a relative url) apart from a refused origin", () => {
    const onPage = {...context, websocketUrl: "ws://localhost:5173/reports/app/ws"}
    const error = websocketFailure(onPage, {notBokeh: 404})
    expect(error.code).toBe("handshake-rejected")
    expect(error.message).toBe(
      "this page's own server (localhost:5173) answered 404 for http://localhost:5173/reports/app/autoload.js, " +
        "which is not a Bokeh server's answer: there is no Bokeh app at /reports/app there. url resolved against " +
        "this page to http://localhost:5173/reports/app: write the Bokeh server's own address (e.g. " +
        "http://localhost:5006/reports/app; bokeh serve prints each app's URL), or route /reports/app to the Bokeh " +
        "server in your proxy, with websocket upgrades (see docs/deploy.md).",
    )
    expect(error.message).not.toContain("--allow-websocket-origin")
  })

  it("tells a proxy's 502 apart: the Bokeh server behind it is down", () => {
    const error = websocketFailure(context, {notBokeh: 502})
    expect(error.code).toBe("unreachable")
    expect(error.message).toMatch(/^127\.0\.0\.1:5006 answered 502 for http:\/\/127\.0\.0\.1:5006\/echo, like a proxy/)
    expect(error.message).toContain("start the Bokeh server behind it")
    expect(error.message).not.toContain("--allow-websocket-origin")
  })
})

describe("sessionRejected", () => {
  it("points a minted token at signed session ids", () => {
    expect(sessionRejected(context, "close code 1005").message).toContain("BOKEH_SIGN_SESSIONS=yes")
  })

  it("blames the token only for Bokeh's refusal (1005), as the adapter reports it today", () => {
    // A minted (unsigned) token that Bokeh refuses: the server signs session ids.
    expect(sessionRejected(context, "close code 1005 ()").code).toBe("signed-required")
    expect(sessionRejected({...context, tokenMinted: false}, "close code 1005 ()").code).toBe("session-rejected")
    const crash = sessionRejected(context, "close code 1006 ()")
    expect(crash.code).toBe("connection-lost")
    expect(crash.message).toBe(
      "The server at 127.0.0.1:5006 opened the websocket ws://127.0.0.1:5006/echo/ws, then the connection " +
        "dropped without a close frame, so Bokeh did not refuse the session (it closes with 1005): the server " +
        "process stopped or crashed (check its log), or a proxy or the network cut the connection before the " +
        "document arrived (close code 1006). Call restart() once the server is back.",
    )
    expect(crash.message).not.toMatch(/token|BOKEH_SIGN_SESSIONS/)
  })

  it("points a backend's token at expiry and the secret", () => {
    const message = sessionRejected({...context, tokenMinted: false}, "close code 1005").message
    expect(message).toContain("expired")
    expect(message).toContain("BOKEH_SECRET_KEY")
  })
})

describe("closedBeforeDocument", () => {
  it("a refusal (1005) is signed-required with a minted token, session-rejected with a backend's", () => {
    expect(closedBeforeDocument({...context, tokenMinted: false}, 1005, "").code).toBe("session-rejected")
    const error = closedBeforeDocument(context, 1005, "")
    expect(error.code).toBe("signed-required")
    expect(error.message).toContain("(close code 1005)")
  })

  it("any other close is connection-lost, with the code and reason", () => {
    const error = closedBeforeDocument(context, 1001, "going away")
    expect(error.code).toBe("connection-lost")
    expect(error.message).toContain('(close code 1001, "going away")')
    expect(error.message).toContain("shutting down, restarting")
  })
})

describe("connectionLost", () => {
  it("says how long it tried and what to call", () => {
    const error = connectionLost(context.websocketUrl, 61_400, null)
    expect(error.code).toBe("connection-lost")
    expect(error.message).toBe(
      "Lost the connection to ws://127.0.0.1:5006/echo/ws and could not reconnect within 61 s. Call restart() once the server is back.",
    )
  })
})

describe("appUrlOf", () => {
  it.each([
    ["ws://h:1/app/ws", "http://h:1/app"],
    ["wss://h/a/b/ws", "https://h/a/b"],
    ["ws://h:1/ws", "http://h:1"],
  ])("%s -> %s", (websocketUrl, app) => {
    expect(appUrlOf(websocketUrl)).toBe(app)
  })
})

describe("unknownModels", () => {
  it("lists the types and says what to load", () => {
    const error = unknownModels(["Gauge", "panel.models.Card"], "3.9.2")
    expect(error.code).toBe("unknown-model")
    expect(error.message).toMatch(
      /^The document uses model types that BokehJS 3\.9\.2 cannot resolve: Gauge, panel\.models\.Card\./,
    )
    expect(error.message).toContain("install its Python package where the server runs")
    expect(error.message).toContain("where the server's autoload.js names it")
    expect(error.message).toContain("Inline TypeScript models (__implementation__) come compiled in the same")
  })

  it("names the URLs tried, or says that extension loading is off", () => {
    const tried = unknownModels(["x.Hello"], "3.9.2", {
      failed: ["http://h:5006/static/extensions/x/x.min.js", "http://h:5006/static/extensions/x/x.js"],
      loaded: [],
      ranInline: false,
    })
    expect(tried.message).toContain(
      "Their code is not at http://h:5006/static/extensions/x/x.min.js, http://h:5006/static/extensions/x/x.js " +
        "(tried on the app's server).",
    )
    const inline = unknownModels(["InlineHello"], "3.9.2", {failed: [], loaded: [], ranInline: true})
    expect(inline.message).toContain(
      "The inline model code (the server's autoload.js, or what the app published) ran but did not register them",
    )
    const threw = unknownModels(["panel.models.Card"], "3.9.2", {
      failed: [],
      loaded: ["http://h:5006/static/extensions/panel/panel.min.js"],
      ranInline: false,
    })
    expect(threw.message).toContain(
      "cannot resolve: panel.models.Card. http://h:5006/static/extensions/panel/panel.min.js loaded but did not " +
        "register them",
    )
    const off = unknownModels(["x.Hello"], "3.9.2", "off")
    expect(off.message).toBe(
      "The document uses model types that BokehJS 3.9.2 cannot resolve: x.Hello. Extension loading is off " +
        '(extensions="none"), so their code from the Bokeh server was not loaded: remove extensions="none" to ' +
        "load it, or use an app built from Bokeh's own models.",
    )
  })
})
