// Dedicated `bokeh serve` processes for specs that kill, restart or count sessions, so that they do not disturb
// the shared server of global-setup.
import {startBokehServer} from "../../scripts/lib/bokeh-server.mjs"
import {pageOrigin} from "./helpers.js"

export interface SessionStats {
  clients: number
  sessions: number
  unused: number
}

export type BokehServer = Awaited<ReturnType<typeof startBokehServer>>

export interface DedicatedServer {
  server: BokehServer
  url(app: string): string
  /** Waits for a stats line logged after this call whose numbers satisfy `accept`; returns it. */
  statsWhere(accept: (stats: SessionStats) => boolean, timeoutMs?: number): Promise<SessionStats>
  stop(signal?: NodeJS.Signals): Promise<void>
}

const STATS_CLIENTS = /\[pid \d+\] (\d+) clients connected/
const STATS_SESSIONS = /\[pid \d+\] +\/\w+ has (\d+) sessions with (\d+) unused/

export interface DedicatedOptions {
  apps?: string[]
  port?: number
  origins?: string[]
  args?: string[]
  env?: Record<string, string>
  /** The Bokeh release the server runs (default the bundled BokehJS's); see OLDER_RELEASES. */
  release?: string
}

/**
 * Bokeh logs its session counts only at debug level, every --stats-log-frequency ms: the only way to read the
 * server's own count without touching it.
 */
export async function startDedicatedServer(options: DedicatedOptions = {}): Promise<DedicatedServer> {
  let serial = 0
  let clients = 0
  const seen: Array<{serial: number; stats: SessionStats}> = []
  const server = await startBokehServer({
    apps: options.apps ?? ["demo/apps/echo.py"],
    port: options.port,
    origins: options.origins ?? [new URL(pageOrigin()).host],
    args: [
      "--log-level",
      "debug",
      "--stats-log-frequency",
      "200",
      "--unused-session-lifetime",
      "500",
      "--check-unused-sessions",
      "200",
      ...(options.args ?? []),
    ],
    env: options.env,
    release: options.release,
    onOutput: (line: string) => {
      const clientsMatch = STATS_CLIENTS.exec(line)
      if (clientsMatch != null) {
        clients = Number(clientsMatch[1])
      }
      const sessionsMatch = STATS_SESSIONS.exec(line)
      if (sessionsMatch != null) {
        seen.push({
          serial: ++serial,
          stats: {clients, sessions: Number(sessionsMatch[1]), unused: Number(sessionsMatch[2])},
        })
        seen.splice(0, Math.max(0, seen.length - 50))
      }
    },
  })
  return {
    server,
    url: (app) => `${server.origin}/${app}`,
    async statsWhere(accept, timeoutMs = 15_000) {
      const after = serial
      const deadline = Date.now() + timeoutMs
      let last: SessionStats | null = null
      while (Date.now() < deadline) {
        for (const entry of seen) {
          if (entry.serial > after) {
            last = entry.stats
            if (accept(entry.stats)) {
              return entry.stats
            }
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      throw new Error(`no stats line matched within ${timeoutMs} ms; last seen: ${JSON.stringify(last)}`)
    },
    stop: (signal) => server.stop(signal),
  }
}
