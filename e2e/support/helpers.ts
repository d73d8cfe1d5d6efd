import {expect, test, type Page, type WebSocket} from "@playwright/test"
import type {BokehSessionElement} from "../../src/index.js"

/** The name of the e2e project whose pages render with the server's own BokehJS (playwright.config.ts). */
export const SERVER_BOKEHJS_PROJECT = "server-bokehjs"

/** The test pages' origin: in the project "server-bokehjs", the pages whose entry defaults to bokehjs="server". */
export const pageOrigin = (): string =>
  projectName() === SERVER_BOKEHJS_PROJECT ? process.env.E2E_SERVER_BOKEHJS_PAGE_ORIGIN! : process.env.E2E_PAGE_ORIGIN!

function projectName(): string | null {
  try {
    return test.info().project.name
  } catch {
    // Outside a test or hook (a module's top level): the default project's.
    return null
  }
}
export const bokehOrigin = (): string => process.env.E2E_BOKEH_ORIGIN!
export const appUrl = (app: string): string => `${bokehOrigin()}/${app}`

export interface RecordedEvent {
  type: string
  id: string
  detail: Record<string, unknown>
}

/** Every websocket the page opens, as Chromium reports it (real sockets, observed, not mocked). */
export function trackWebSockets(page: Page): WebSocket[] {
  const sockets: WebSocket[] = []
  page.on("websocket", (socket) => sockets.push(socket))
  return sockets
}

/** Opens the blank test page, which loads only dist/bokeh-session.js and records every element event. */
export async function openBlankPage(page: Page): Promise<void> {
  await page.goto(`${pageOrigin()}/e2e/pages/blank.html`)
  await page.waitForFunction(() => customElements.get("bokeh-session") != null)
}

export interface AddOptions {
  id: string
  /** An app of the shared server (default `echo`) ... */
  app?: string
  /** ... or any app URL, e.g. a dedicated server's. */
  url?: string
  /** Set as the property (objects) ... */
  arguments?: unknown
  /** ... or as the attribute (strings). */
  argumentsAttribute?: string
}

export async function addElement(page: Page, options: AddOptions): Promise<void> {
  await page.evaluate(
    ({id, url, args, attribute}) => {
      const element = document.createElement("bokeh-session")
      element.id = id
      if (attribute != null) {
        element.setAttribute("arguments", attribute)
      } else if (args !== undefined) {
        element.arguments = args as never
      }
      element.url = url
      document.body.append(element)
    },
    {
      id: options.id,
      url: options.url ?? appUrl(options.app ?? "echo"),
      args: options.arguments,
      attribute: options.argumentsAttribute,
    },
  )
}

/** Adds an element for `url` that must fail, and returns its one error (see `onlyError`). */
export async function elementError(page: Page, id: string, url: string): Promise<{code: string; message: string}> {
  await addElement(page, {id, url})
  return onlyError(page, id)
}

/** Waits for the element to fail, and returns its one error event's detail, which the element also shows. */
export async function onlyError(page: Page, id: string): Promise<{code: string; message: string}> {
  await waitForStatus(page, id, "error")
  const errors = (await recordedEvents(page, id)).filter((event) => event.type === "bokeh-session-error")
  expect(errors).toHaveLength(1)
  const detail = errors[0].detail as {code: string; message: string}
  await expect(page.locator(`#${id} [part=error]`)).toHaveText(detail.message)
  return detail
}

/** Appends to `chunks` the name (hash stripped) of each widget, table and MathJax chunk the page requests, in order. */
export function trackBundleChunks(page: Page, chunks: string[] = []): string[] {
  page.on("request", (request) => {
    // The bundled BokehJS's chunks, or (project server-bokehjs) the server's own bundles of the same code.
    const match =
      /\/dist\/chunks\/bokehjs-(widgets|tables|mathjax)-[\w-]+\.js$/.exec(request.url()) ??
      /\/static\/js\/bokeh-(widgets|tables|mathjax)(?:-[\d.]+)?(?:\.min)?\.js(?:\?|$)/.exec(request.url())
    if (match != null) {
      chunks.push(`bokehjs-${match[1]}`)
    }
  })
  return chunks
}

/** Sets an element's `arguments` property, as a framework would. */
export async function setArguments(page: Page, id: string, args: Record<string, string | string[]>): Promise<void> {
  await page.locator(`#${id}`).evaluate((element, value) => {
    ;(element as HTMLElementTagNameMap["bokeh-session"]).arguments = value
  }, args)
}

export async function waitForStatus(page: Page, id: string, status: string): Promise<void> {
  await expect(page.locator(`#${id}`)).toHaveJSProperty("status", status)
}

export function elementProperty<K extends keyof BokehSessionElement>(page: Page, id: string, key: K): Promise<unknown> {
  return page
    .locator(`#${id}`)
    .evaluate((element, key) => (element as unknown as Record<string, unknown>)[key], key as string)
}

export async function recordedEvents(page: Page, id?: string): Promise<RecordedEvent[]> {
  const events = await page.evaluate(() => (window as unknown as {events: RecordedEvent[]}).events)
  return id == null ? events : events.filter((event) => event.id === id)
}

/** An element's current error as plain data (Playwright would pass an Error across without its `code`). */
export function currentError(page: Page, id: string): Promise<{code: string; message: string}> {
  return page.locator(`#${id}`).evaluate((element) => {
    const error = (element as HTMLElementTagNameMap["bokeh-session"]).error
    return {code: error?.code ?? "", message: error?.message ?? ""}
  })
}

/** BokehJS's page-wide documents and root views, read through the package's own diagnostic export. */
export function bokehJsCounts(page: Page): Promise<{documents: number; rootViews: number}> {
  return page.evaluate(async () => {
    const module = await import(`${location.origin}/dist/bokeh-session.js`)
    return module.inspectBokehJs()
  })
}

/**
 * Opens `app` with pullSession (plus `options`), renders it, sets the text of its `trigger` model, to which the app
 * answers with a patch, and returns what the session reported to `onFatal` for that patch.
 */
export function fatalAfterTrigger(
  page: Page,
  app: string,
  trigger: string,
  options: Record<string, unknown> = {},
): Promise<{code: string; message: string}> {
  return page.evaluate(
    async ({url, trigger, options}) => {
      const {pullSession} = await import(`${location.origin}/dist/bokeh-session.js`)
      let reportFatal!: (error: {code: string; message: string}) => void
      const reported = new Promise<{code: string; message: string}>((resolve) => (reportFatal = resolve))
      const pulled = await pullSession(url, {...options, onFatal: reportFatal})
      const container = document.createElement("div")
      document.body.append(container)
      await pulled.render(container)
      pulled.document.get_model_by_name("trigger").text = trigger
      const {code, message} = await reported
      return {code, message}
    },
    {url: appUrl(app), trigger, options},
  )
}

/** Holds back the chunks matching `pattern` until `release()`: the element stays in its state before them. */
export async function holdChunks(page: Page, pattern: RegExp): Promise<() => void> {
  let release = (): void => {}
  const released = new Promise<void>((resolve) => (release = resolve))
  await page.route(pattern, async (route) => {
    await released
    await route.continue()
  })
  return release
}

/** BokehJS's core chunk: an element stays connecting, its document not yet shown. */
export const holdBokehJs = (page: Page): Promise<() => void> =>
  holdChunks(page, /\/dist\/chunks\/bokehjs-core-[\w-]+\.js$/)

/** The msgtype of every Bokeh protocol header frame a socket sends (PULL-DOC-REQ, PATCH-DOC, ...), in order. */
export function sentMessageTypes(socket: WebSocket): string[] {
  const types: string[] = []
  socket.on("framesent", ({payload}) => {
    if (typeof payload === "string" && payload.includes('"msgtype"')) {
      types.push((JSON.parse(payload) as {msgtype: string}).msgtype)
    }
  })
  return types
}

/**
 * What the page's own websockets did, in order, per URL: each Bokeh message type they delivered to the page (its
 * header frame), each close() the page called, and their close event ("closed"). Recorded in the page, where the
 * order is the page's: Chromium reports a socket's frames and its end to Playwright on another path.
 */
export async function recordSocketActions(page: Page): Promise<() => Promise<Record<string, string[]>>> {
  await page.addInitScript(() => {
    const actions: Record<string, string[]> = {}
    const record = (url: string, action: string): number => (actions[url] ??= []).push(action)
    ;(window as unknown as {socketActions: typeof actions}).socketActions = actions
    const Native = window.WebSocket
    window.WebSocket = class extends Native {
      constructor(...args: ConstructorParameters<typeof WebSocket>) {
        super(...args)
        this.addEventListener("message", ({data}) => {
          if (typeof data === "string" && data.includes('"msgtype"')) {
            record(this.url, (JSON.parse(data) as {msgtype: string}).msgtype)
          }
        })
        this.addEventListener("close", () => record(this.url, "closed"))
      }
      override close(code?: number, reason?: string): void {
        record(this.url, "close()")
        super.close(code, reason)
      }
    }
  })
  return () => page.evaluate(() => (window as unknown as {socketActions: Record<string, string[]>}).socketActions)
}
