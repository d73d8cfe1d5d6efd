// axe-core on a real page (it walks open shadow roots, BokehJS's views included): the rules that fail, with the
// nodes they fail on, so a failing test names what to fix.
import AxeBuilder from "@axe-core/playwright"
import type {Page} from "@playwright/test"

export interface AxeFinding {
  id: string
  impact: string
  help: string
  targets: string[]
  /** axe's own account of each node, e.g. the colours and the contrast ratio it measured. */
  summaries: string[]
}

/** Every violation axe finds in `include` (a selector; the whole page when absent), any impact. */
export async function axeViolations(page: Page, include?: string): Promise<AxeFinding[]> {
  const builder = new AxeBuilder({page})
  const results = await (include == null ? builder : builder.include(include)).analyze()
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact ?? "unknown",
    help: violation.help,
    targets: violation.nodes.map((node) => JSON.stringify(node.target)),
    summaries: violation.nodes.map((node) => node.failureSummary ?? ""),
  }))
}

/** The violations of impact serious or critical: the ones that must be none. */
export const serious = (findings: AxeFinding[]): AxeFinding[] =>
  findings.filter((finding) => finding.impact === "serious" || finding.impact === "critical")
