// Bokeh's own example server apps (e2e/apps/bokeh_examples/), and how to tell, in a page, that one rendered and
// reacts: under <bokeh-session> or under its server's own server_document embed alike. The document is read through
// the BokehJS that renders it (the element's `session.document`, or the embed's `Bokeh.documents[0]`).
import {expect, type Page, type WebSocket} from "@playwright/test"

/** What a user does to the app, as the widget's value BokehJS sends to the server (or a click). */
export type Act = {type: string; attr: string; value: unknown} | {click: string}

export interface ExampleApp {
  /** Under e2e/apps/bokeh_examples/: a script or a directory app. */
  path: string
  /** The user's input; none for apps that change on their own (periodic callbacks) or not at all. */
  act?: Act
  /** What answers: the server (a PATCH-DOC after `act`, or periodically), the page (a CustomJS), or nothing. */
  reacts: "server" | "page" | "none"
  /** The model whose attribute a CustomJS changes (for `reacts: "page"`). */
  watch?: {type: string; attr: string}
}

export const EXAMPLES: ExampleApp[] = [
  {path: "sliders.py", act: {type: "TextInput", attr: "value", value: "cross-version"}, reacts: "server"},
  {path: "apply_theme.py", reacts: "none"},
  {
    path: "selection_histogram.py",
    act: {type: "Selection", attr: "indices", value: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]},
    reacts: "server",
  },
  {path: "patch_app.py", reacts: "server"},
  {path: "fourier_animated.py", reacts: "server"},
  {path: "contour_animated.py", reacts: "server"},
  {path: "duffing_oscillator.py", reacts: "server"},
  {path: "events_app.py", act: {click: "Button"}, reacts: "page", watch: {type: "Div", attr: "text"}},
  {path: "line_on_off.py", act: {type: "CheckboxGroup", attr: "active", value: [0]}, reacts: "server"},
  {path: "hold_app.py", act: {type: "Slider", attr: "value", value: 7}, reacts: "server"},
  {path: "export_csv", act: {type: "RangeSlider", attr: "value", value: [10000, 20000]}, reacts: "server"},
  {path: "ohlc", reacts: "server"},
]

/** The app's name on the server: the script's or directory's. */
export const appName = (app: ExampleApp): string => app.path.replace(/\.py$/, "")

/** Where the page's document is: in the element `#id`, or the embed's (its BokehJS's first document). */
export type Where = {element: string} | "embed"

/**
 * Lets the page find its document (`window.documentOf(where)`), from its next navigation on: through the
 * BokehJS that renders it.
 */
export async function findDocuments(page: Page): Promise<void> {
  await page.addInitScript(() => {
    ;(window as unknown as {documentOf: unknown}).documentOf = (where: Where) =>
      where === "embed"
        ? (window as unknown as {Bokeh?: {documents: unknown[]}}).Bokeh?.documents[0]
        : (document.querySelector(`#${where.element}`) as unknown as {session?: {document: unknown}})?.session?.document
  })
}

/** What was rendered: the document's root types and how many canvases have pixels painted. */
export interface Rendered {
  roots: string[]
  paintedCanvases: number
  texts: string[]
}

/** Reads the rendered document (in the page) once its roots and a painted canvas, if any, are there. */
export async function rendered(page: Page, where: Where, timeout = 15_000): Promise<Rendered> {
  const read = () =>
    page.evaluate((where) => {
      type Doc = {roots(): {type: string}[]}
      const doc = (window as unknown as {documentOf(where: unknown): Doc | undefined}).documentOf(where)
      const host: ParentNode =
        where === "embed" ? document.body : document.querySelector(`#${where.element}`)!.shadowRoot!
      let paintedCanvases = 0
      const texts: string[] = []
      const walk = (node: ParentNode): void => {
        for (const element of node.querySelectorAll("*")) {
          if (element instanceof HTMLCanvasElement && element.width > 0 && element.height > 0) {
            const copy = document.createElement("canvas")
            copy.width = element.width
            copy.height = element.height
            const context = copy.getContext("2d")!
            context.drawImage(element, 0, 0)
            const pixels = new Uint32Array(context.getImageData(0, 0, copy.width, copy.height).data.buffer)
            if (pixels.some((pixel) => pixel !== pixels[0])) {
              paintedCanvases++
            }
          }
          if (element.matches(".bk-slider-title, .bk-input-group label, .slick-column-name, .bk-btn")) {
            texts.push(element.textContent?.trim() ?? "")
          }
          if (element.shadowRoot != null) {
            walk(element.shadowRoot)
          }
        }
      }
      walk(host)
      return {roots: doc?.roots().map((root) => root.type) ?? [], paintedCanvases, texts: texts.sort()}
    }, where)
  await expect
    .poll(
      async () => {
        const now = await read()
        return now.roots.length > 0 && (now.paintedCanvases > 0 || !(await hasPlot(page, where)))
      },
      {timeout},
    )
    .toBe(true)
  // One more look once the first paint is there: the other plots of the page paint within a frame or two.
  await page.waitForTimeout(500)
  return read()
}

function hasPlot(page: Page, where: Where): Promise<boolean> {
  return page.evaluate((where) => {
    type Doc = {all_models: Set<{type: string}>}
    const doc = (window as unknown as {documentOf(where: unknown): Doc | undefined}).documentOf(where)
    return [...(doc?.all_models ?? [])].some((model) => model.type === "Plot" || model.type === "Figure")
  }, where)
}

/** Counts the PATCH-DOC messages the server sends on `socket` from now on. */
export function serverPatches(socket: WebSocket): () => number {
  let count = 0
  socket.on("framereceived", ({payload}) => {
    if (typeof payload === "string" && payload.includes('"msgtype"') && payload.includes('"PATCH-DOC"')) {
      count++
    }
  })
  return () => count
}

/** Does what the user does: sets the first model of a type's attribute, or clicks the button with that label. */
export async function act(page: Page, where: Where, what: Act): Promise<void> {
  if ("click" in what) {
    const scope = where === "embed" ? page.locator("body") : page.locator(`#${where.element}`)
    await scope.getByRole("button", {name: what.click, exact: true}).click()
    return
  }
  await page.evaluate(
    ({where, what}) => {
      type Model = {type: string} & Record<string, unknown>
      type Doc = {all_models: Set<Model>}
      const doc = (window as unknown as {documentOf(where: unknown): Doc | undefined}).documentOf(where)
      const model = [...(doc?.all_models ?? [])].find((candidate) => candidate.type === what.type)
      if (model == null) {
        throw new Error(`no ${what.type} in the document`)
      }
      model[what.attr] = what.value
    },
    {where, what},
  )
}

/** The value of the first model of a type's attribute, as text. */
export function watched(page: Page, where: Where, watch: {type: string; attr: string}): Promise<string> {
  return page.evaluate(
    ({where, watch}) => {
      type Model = {type: string} & Record<string, unknown>
      type Doc = {all_models: Set<Model>}
      const doc = (window as unknown as {documentOf(where: unknown): Doc | undefined}).documentOf(where)
      const model = [...(doc?.all_models ?? [])].find((candidate) => candidate.type === watch.type)
      return String(model?.[watch.attr] ?? "")
    },
    {where, watch},
  )
}
