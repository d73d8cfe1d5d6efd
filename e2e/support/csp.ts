// Pages under a Content-Security-Policy for the CSP specs. The policies are the exact headers that docs/deploy.md
// documents ("Content-Security-Policy"), read from it: each header there is one the e2e serves, so a header the
// docs give that stops working fails a test. The docs name the Bokeh server localhost:5006; the tests put in the
// shared server's host. The page, e2e/pages/csp.html, has no inline script or style and records every violation.
import {readFileSync} from "node:fs"
import {join} from "node:path"
import {expect, type Locator, type Page} from "@playwright/test"
import {ROOT} from "../../scripts/lib/python-env.mjs"
import {addElement, bokehOrigin, pageOrigin, waitForStatus} from "./helpers.js"

/** The static server's `headers` option: a page asked for with `?csp=<policy>` is served with that policy. */
export function policyHeaders(url: URL): Record<string, string> | undefined {
  const policy = url.searchParams.get("csp")
  return policy == null ? undefined : {"content-security-policy": policy}
}

const DOCUMENTED = /<!-- csp: ([\w-]+) -->\s*```http\nContent-Security-Policy: ([^\n]+)\n```/g

/** docs/deploy.md's policies by name (`<!-- csp: strict -->` before each header's code block). */
export function documentedPolicies(): Record<string, string> {
  const docs = readFileSync(join(ROOT, "docs", "deploy.md"), "utf8")
  return Object.fromEntries([...docs.matchAll(DOCUMENTED)].map(([, name, header]) => [name!, header!]))
}

/** The documented policy `name`, for the shared Bokeh server instead of localhost:5006. */
export function documentedPolicy(name: string): string {
  const policy = documentedPolicies()[name]
  if (policy == null) {
    throw new Error(`docs/deploy.md documents no policy named ${name} (<!-- csp: ${name} --> before its header)`)
  }
  return policy.replaceAll("localhost:5006", new URL(bokehOrigin()).host)
}

/** Opens e2e/pages/csp.html with `policy` as its Content-Security-Policy (null: none). */
export async function openUnderPolicy(page: Page, policy: string | null): Promise<void> {
  await page.goto(`${pageOrigin()}/e2e/pages/csp.html${policy == null ? "" : `?csp=${encodeURIComponent(policy)}`}`)
  await page.waitForFunction(() => customElements.get("bokeh-session") != null)
}

/** Opens Bokeh's own embed of `app` (server_document, its script tag with `nonce`) under `policy`. */
export async function openEmbedUnderPolicy(
  page: Page,
  app: string,
  policy: string | null,
  nonce: string,
): Promise<void> {
  const query = new URLSearchParams({app, nonce})
  if (policy != null) {
    query.set("csp", policy)
  }
  await page.goto(`${pageOrigin()}/page/bokeh-embed?${query}`)
}

export interface Violation {
  directive: string
  blocked: string
}

/** The policy violations the page saw, in order (directive and blocked URI or keyword: inline, eval, ...). */
export function violations(page: Page): Promise<Violation[]> {
  return page.evaluate(() =>
    (window as unknown as {violations: Violation[]}).violations.map(({directive, blocked}) => ({directive, blocked})),
  )
}

/**
 * The layout under `root` (an element or Bokeh's embed's container): every element, through every shadow root, as
 * `tag.class x,y wxh` relative to `root`, rounded to a pixel (classes with a random part left out). Two renders with equal lists look alike box for box.
 */
export function layoutOf(root: Locator): Promise<string[]> {
  return root.evaluate((host) => {
    const origin = host.getBoundingClientRect()
    const boxes: string[] = []
    const walk = (node: ParentNode): void => {
      for (const element of node.children) {
        const box = element.getBoundingClientRect()
        // SlickGrid names each grid with a random class (slickgrid_123456).
        const classes = [...element.classList].filter((name) => !/^slickgrid_\d+$/.test(name))
        const name = `${element.localName}${classes.map((name) => `.${name}`).join("")}`
        const at = [box.x - origin.x, box.y - origin.y, box.width, box.height].map((value) => Math.round(value))
        boxes.push(`${name} ${at[0]},${at[1]} ${at[2]}x${at[3]}`)
        if (element.shadowRoot != null) {
          walk(element.shadowRoot)
        }
        walk(element)
      }
    }
    walk(host)
    return boxes
  })
}

/** The layout of an element's roots once two reads, a moment apart, agree (BokehJS lays out over a few frames). */
export async function settledLayout(page: Page, id: string): Promise<string[]> {
  const roots = page.locator(`#${id} [part=roots]`)
  let previous: string[] = []
  await expect
    .poll(async () => {
      const current = await layoutOf(roots)
      const settled = current.length > 0 && JSON.stringify(current) === JSON.stringify(previous)
      previous = current
      return settled
    })
    .toBe(true)
  return previous
}

/** Renders `app` in a page under `policy`; returns its settled layout. */
export async function renderUnder(page: Page, policy: string | null, app: string): Promise<string[]> {
  await openUnderPolicy(page, policy)
  await addElement(page, {id: "app", app, arguments: {N: "10"}})
  await waitForStatus(page, "app", "connected")
  return settledLayout(page, "app")
}
