import {expect, test, type Page} from "@playwright/test"
import type {Backend} from "./global-setup.js"

const ELEMENT_COUNT = 30

const proxyOrigin = (): string => process.env.CLUSTER_ORIGIN!
const backends = (): Backend[] => JSON.parse(process.env.CLUSTER_BACKENDS!)

interface Snapshot {
  id: string
  status: string
  sessionId: string | null
  echo: Record<string, string[]> | null
  pid: string | null
}

interface RecordedEvent {
  type: string
  id: string
}

/** Distinct per element, with characters a proxy could mangle (space, &, =, #, %, +, non-ASCII). */
function argumentsFor(index: number): Record<string, string> {
  return {element: `e${index}`, N: String(index * 7), label: `élément ${index} & co = #${index} 100% +1`}
}

function echoOf(args: Record<string, string>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(args).map(([name, value]) => [name, [value]]))
}

/** Each element's state, and the pid of the `bokeh serve` process that built its session (from the app's model). */
function snapshot(page: Page): Promise<Snapshot[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll("bokeh-session")].map((element) => {
      const source = element.session?.document.get_model_by_name("backend-pid") as {
        get_column(name: string): ArrayLike<unknown> | null
      } | null
      return {
        id: element.id,
        status: element.status,
        sessionId: element.sessionId,
        echo: element.echo,
        pid: source == null ? null : String(source.get_column("pid")?.[0]),
      }
    }),
  )
}

function countByBackend(snapshots: Snapshot[], cluster: Backend[]): Map<number, string[]> {
  const counts = new Map(cluster.map((backend) => [backend.pid, [] as string[]]))
  for (const {id, pid} of snapshots) {
    counts.get(Number(pid))?.push(id)
  }
  return counts
}

function describeCounts(counts: Map<number, string[]>, cluster: Backend[]): string {
  return cluster
    .map((backend) => `port ${backend.port} (pid ${backend.pid}): ${counts.get(backend.pid)!.length}`)
    .join(", ")
}

test("a 40 KB argument value passes through the proxy (nginx's request-line limit is raised to Bokeh's)", async ({
  page,
}) => {
  await page.goto(`${proxyOrigin()}/e2e/cluster/pages/cluster.html`)
  await page.waitForFunction(() => customElements.get("bokeh-session") != null)
  const outcome = await page.evaluate(async (url) => {
    // Mostly characters that URL encoding keeps as they are, so the query stays near 40 KB (Bokeh's limit is 60 KiB).
    const big = "0123456789abcdef-é".repeat(2300).slice(0, 40_000)
    const element = document.createElement("bokeh-session")
    element.arguments = {big}
    element.url = url
    const settled = new Promise((resolve) => {
      element.addEventListener("bokeh-session-ready", resolve)
      element.addEventListener("bokeh-session-error", resolve)
    })
    document.body.append(element)
    await settled
    // Compared here: a 40 KB string in a failed assertion would bury the report.
    return {
      status: element.status,
      error: element.error?.message ?? null,
      echoedExactly: element.echo?.big?.[0] === big,
    }
  }, `${proxyOrigin()}/echo_pid`)
  expect(outcome).toEqual({status: "connected", error: null, echoedExactly: true})
})

test("30 elements behind round-robin nginx echo their own arguments, spread over 3 processes, and survive a SIGKILL of one", async ({
  page,
}) => {
  const cluster = backends()
  const appUrl = `${proxyOrigin()}/echo_pid`
  await page.goto(`${proxyOrigin()}/e2e/cluster/pages/cluster.html`)
  await page.waitForFunction(() => customElements.get("bokeh-session") != null)

  const before = await test.step("30 sessions through nginx", async () => {
    await page.evaluate(
      ({url, all}) => {
        for (const [index, args] of all.entries()) {
          const element = document.createElement("bokeh-session")
          element.id = `s${index}`
          element.arguments = args
          element.url = url
          document.body.append(element)
        }
      },
      {url: appUrl, all: Array.from({length: ELEMENT_COUNT}, (_, index) => argumentsFor(index))},
    )
    await expect
      .poll(async () => (await snapshot(page)).filter((element) => element.status === "connected").length, {
        timeout: 60_000,
      })
      .toBe(ELEMENT_COUNT)
    const snapshots = await snapshot(page)
    for (const [index, element] of snapshots.entries()) {
      expect(element.echo, `element ${element.id}`).toEqual(echoOf(argumentsFor(index)))
    }
    const counts = countByBackend(snapshots, cluster)
    console.log(`sessions per backend: ${describeCounts(counts, cluster)}`)
    // Every session was built by one of the three processes, and round robin used all of them.
    expect(snapshots.every((element) => cluster.some((backend) => String(backend.pid) === element.pid))).toBe(true)
    for (const backend of cluster) {
      expect(counts.get(backend.pid)!.length, `sessions on port ${backend.port}`).toBeGreaterThan(0)
    }
    return snapshots
  })

  await test.step("SIGKILL one backend: its elements reconnect through nginx to the others", async () => {
    const counts = countByBackend(before, cluster)
    const victim = cluster[0]
    const orphans = new Set(counts.get(victim.pid))
    const started = Date.now()
    process.kill(victim.pid, "SIGKILL")

    await expect
      .poll(
        async () =>
          (await snapshot(page)).filter(
            (element) =>
              orphans.has(element.id) && element.status === "connected" && element.pid !== String(victim.pid),
          ).length,
        {timeout: 90_000},
      )
      .toBe(orphans.size)
    const recoveredAfterMs = Date.now() - started
    const after = await snapshot(page)
    const events = await page.evaluate(() => (window as unknown as {events: RecordedEvent[]}).events)

    for (const [index, element] of after.entries()) {
      const previous = before[index]
      const own = events.filter((event) => event.id === element.id).map((event) => event.type)
      expect(element.status, `element ${element.id}`).toBe("connected")
      expect(element.echo, `element ${element.id}`).toEqual(echoOf(argumentsFor(index)))
      if (orphans.has(element.id)) {
        expect(own, `events of ${element.id}`).toContain("bokeh-session-disconnected")
        expect(own.at(-1), `events of ${element.id}`).toBe("bokeh-session-reconnected")
        expect(cluster.some((backend) => backend.pid !== victim.pid && String(backend.pid) === element.pid)).toBe(true)
      } else {
        // Undisturbed: same session on the same process, and no disconnect at all.
        expect(element.sessionId, `element ${element.id}`).toBe(previous.sessionId)
        expect(element.pid, `element ${element.id}`).toBe(previous.pid)
        expect(own, `events of ${element.id}`).toEqual(["bokeh-session-connecting", "bokeh-session-ready"])
      }
    }
    const survivors = cluster.filter((backend) => backend.pid !== victim.pid)
    console.log(
      `killed port ${victim.port} (pid ${victim.pid}) with ${orphans.size} sessions: all ${orphans.size} reconnected ` +
        `with the same arguments in ${recoveredAfterMs} ms; ${ELEMENT_COUNT - orphans.size} others undisturbed; ` +
        `sessions per backend now: ${describeCounts(countByBackend(after, survivors), survivors)}`,
    )
  })
})
