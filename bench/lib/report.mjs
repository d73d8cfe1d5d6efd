// Prints the bench results as plain-text tables: medians, interquartile ranges, ratios, and each goal's verdict.

const ms = (value) => `${value.toFixed(0)} ms`
const spread = (s) => `${s.median.toFixed(0)} [${s.p25.toFixed(0)}–${s.p75.toFixed(0)}]`
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`
const ratio = (a, b) => a / b
const verdict = (value, limit) => `${value.toFixed(2)}× ${value <= limit ? "✓" : "✗"} (goal ≤ ${limit}×)`

function table(rows) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => String(row[column]).length)))
  for (const [index, row] of rows.entries()) {
    console.log(
      row
        .map((cell, column) => String(cell).padEnd(widths[column]))
        .join("  ")
        .trimEnd(),
    )
    if (index === 0) {
      console.log(widths.map((width) => "-".repeat(width)).join("  "))
    }
  }
}

export function printReport(results) {
  console.log(
    `\nbokeh-session bench: ${results.trials} trials per variant, interleaved; ${results.chromium}; ${results.date}`,
  )
  console.log(`dist: ${results.dist}${results.compare == null ? "" : `; --compare: ${results.compare}`}`)
  console.log(`networks: ${[results.network].flat().map(profileName).join("; ")}`)
  console.log(`CPU pinning: ${results.pinning ?? "off"}`)
  console.log("Times are medians [25th–75th percentile] in ms.\n")

  if (results.firstRender != null) {
    for (const profile of Object.keys(results.summary.firstRender)) {
      printFirstRender(results.summary.firstRender[profile], profile)
    }
  }
  if (results.release != null) {
    printRelease(results.release.version, results.summary.release)
  }
  if (results.profile != null) {
    printInProfile(results.summary.profile)
  }
  if (results.layoutShift != null) {
    printLayoutShift(results.summary.layoutShift)
  }
  if (results.lazy != null) {
    printLazy(results.summary.lazy)
  }
  if (results.bytes != null) {
    printBytes(results)
  }
  if (results.concurrency != null) {
    printConcurrency(results)
  }
  if (results.cycles != null) {
    printCycles(results)
  }
}

const profileName = (spec) => (spec === "none" ? "localhost (unthrottled)" : `${spec} (CDP emulation, every page)`)

const VARIANT_NAMES = {
  element: "(a) <bokeh-session>",
  "element-plain": "(a) same, no cache headers",
  compare: "(a') <bokeh-session>, --compare build",
  embed: "(b) Bokeh server_document",
  raw: "(c) raw BokehJS (floor)",
}

/** Section 1b's element variants: the README's snippet, then the script without blocking="render" and its variants. */
const LAYOUT_VARIANT_NAMES = {
  element: '(a) <bokeh-session>, README snippet (script blocking="render")',
  compare: "(a') same, --compare build",
  "element-nonblocking": "(a) script without blocking",
  "element-sized": "(a) script without blocking, the page gives the size (CSS)",
  "element-bare": "(a) script without blocking, status line and echo hidden",
}

/** The issue's goals per network profile: cold and repeat visit, as ratios to Bokeh's embed. */
const GOALS = {none: {cold: 0.7, revisit: 0.8}, default: {cold: 0.45, revisit: 0.8}}

function printFirstRender(summary, profile) {
  console.log(
    `1. Navigation to first render (plot: painted canvas; widgets: first table cell); ${profileName(profile)}`,
  )
  console.log("   cold: empty cache; reload: the same tab; visit: a new tab, same browser context (a repeat visit)")
  const rows = [
    ["app", "variant", "cold", "reload", "visit", "cold ÷ embed", "reload ÷ embed", "visit ÷ embed", "visit ÷ raw"],
  ]
  for (const app of ["plot", "widgets"]) {
    const embed = summary[`embed/${app}`]
    const raw = summary[`raw/${app}`]
    for (const kind of Object.keys(VARIANT_NAMES)) {
      const s = summary[`${kind}/${app}`]
      if (s == null) {
        continue
      }
      rows.push([
        app,
        VARIANT_NAMES[kind],
        spread(s.cold.render),
        spread(s.reload.render),
        spread(s.revisit.render),
        ratio(s.cold.render.median, embed.cold.render.median).toFixed(2),
        ratio(s.reload.render.median, embed.reload.render.median).toFixed(2),
        ratio(s.revisit.render.median, embed.revisit.render.median).toFixed(2),
        raw == null ? "–" : ratio(s.revisit.render.median, raw.revisit.render.median).toFixed(2),
      ])
    }
  }
  table(rows)
  const goals = GOALS[profile] ?? GOALS.default
  for (const app of ["plot", "widgets"]) {
    const element = summary[`element/${app}`]
    const embed = summary[`embed/${app}`]
    console.log(
      `  goal ${app} cold: ${verdict(ratio(element.cold.render.median, embed.cold.render.median), goals.cold)}`,
    )
    console.log(
      `  goal ${app} repeat visit: ${verdict(ratio(element.revisit.render.median, embed.revisit.render.median), goals.revisit)}`,
    )
  }

  console.log("\n   Where the time goes (medians, ms from navigation start): the session's websocket created, open,")
  console.log("   first message (the server's ACK, once the app ran) and the document, then the first render; for the")
  console.log("   element, also when its tag was defined (the first script had run)")
  const milestones = [
    ["app", "variant", "visit", "tag defined", "ws created", "ws open", "ACK", "document", "render", "ACK − open"],
  ]
  for (const app of ["plot", "widgets"]) {
    for (const kind of ["element", "embed"]) {
      for (const visit of ["cold", "revisit"]) {
        const s = summary[`${kind}/${app}`]?.[visit]
        if (s == null) {
          continue
        }
        const at = (milestone) => (s[milestone].n > 0 ? s[milestone].median.toFixed(0) : "–")
        milestones.push([
          app,
          VARIANT_NAMES[kind],
          visit === "revisit" ? "visit" : visit,
          at("defined"),
          at("created"),
          at("open"),
          at("ack"),
          at("document"),
          s.render.median.toFixed(0),
          s.ack.n > 0 && s.open.n > 0 ? (s.ack.median - s.open.median).toFixed(0) : "–",
        ])
      }
    }
  }
  table(milestones)
  console.log("")
}

/** Section 1a: a server of another release, the element (its own BokehJS) against that server's own embed. */
function printRelease(version, summary) {
  console.log(
    `1a. Navigation to first render, a Bokeh ${version} server: <bokeh-session> renders with the server's own BokehJS`,
  )
  console.log("   cold: the page knows nothing of the server; reload and visit: it remembers the server's release")
  printAgainstEmbed(summary, ["element", "compare", "embed"], {cold: 1, reload: 1, revisit: 1})
}

/** Section 1c: section 1's pages in a persistent browser profile. */
function printInProfile(summary) {
  console.log("1c. Navigation to first render in a persistent browser profile (one per trial and variant)")
  console.log("   as a user's browser: an HTTP cache on disk, and V8's code cache (written on a script's second load,")
  console.log("   read from the third: the visit); the browser contexts of section 1 have neither")
  printAgainstEmbed(summary, ["element", "embed", "raw"], {revisit: 0.7})
}

/** A table of `kinds` against the embed per network and app, and the goals `limits` sets per visit. */
function printAgainstEmbed(summary, kinds, limits) {
  const rows = [
    ["network", "app", "variant", "cold", "reload", "visit", "cold ÷ embed", "reload ÷ embed", "visit ÷ embed"],
  ]
  const goals = []
  for (const [profile, byVariant] of Object.entries(summary)) {
    for (const app of ["plot", "widgets"]) {
      const embed = byVariant[`embed/${app}`]
      for (const kind of kinds) {
        const s = byVariant[`${kind}/${app}`]
        if (s == null || embed == null) {
          continue
        }
        rows.push([
          profile === "none" ? "localhost" : profile,
          app,
          VARIANT_NAMES[kind],
          spread(s.cold),
          spread(s.reload),
          spread(s.revisit),
          ratio(s.cold.median, embed.cold.median).toFixed(2),
          ratio(s.reload.median, embed.reload.median).toFixed(2),
          ratio(s.revisit.median, embed.revisit.median).toFixed(2),
        ])
      }
      const element = byVariant[`element/${app}`]
      if (element != null && embed != null) {
        for (const [visit, limit] of Object.entries(limits)) {
          goals.push(
            `  goal ${profile === "none" ? "localhost" : profile} ${app} ${visit === "revisit" ? "visit" : visit}: ` +
              verdict(ratio(element[visit].median, embed[visit].median), limit),
          )
        }
      }
    }
  }
  table(rows)
  console.log(goals.join("\n"))
  console.log("")
}

function printLayoutShift(summary) {
  console.log("1b. Cumulative layout shift (layout-shift entries, navigation to 1 s after the first render)")
  const rows = [["network", "app", "variant", "first visit", "repeat visit"]]
  const value = (s) => `${s.median.toFixed(3)} [${s.min.toFixed(3)}–${s.max.toFixed(3)}]`
  for (const [profile, byVariant] of Object.entries(summary)) {
    for (const [key, {first, repeat}] of Object.entries(byVariant)) {
      const [kind, app] = key.split("/")
      rows.push([
        profile === "none" ? "localhost" : profile,
        app,
        LAYOUT_VARIANT_NAMES[kind] ?? VARIANT_NAMES[kind] ?? kind,
        value(first),
        value(repeat),
      ])
    }
  }
  table(rows)
  console.log("   (median [min–max])")
  // The issue's goals, for the README's snippet: a first visit no worse than Bokeh's embed, a repeat visit 0.
  for (const [profile, byVariant] of Object.entries(summary)) {
    for (const [key, {first, repeat}] of Object.entries(byVariant)) {
      const [kind, app] = key.split("/")
      const embed = byVariant[`embed/${app}`]
      if (kind !== "element" || embed == null) {
        continue
      }
      const firstOk = first.median <= embed.first.median
      const repeatOk = repeat.median === 0
      console.log(
        `  goal ${profile === "none" ? "localhost" : profile} ${app}: first visit ${first.median.toFixed(4)} ` +
          `${firstOk ? "✓" : "✗"} (goal ≤ the embed's ${embed.first.median.toFixed(4)}), repeat visit ` +
          `${repeat.median.toFixed(3)} ${repeatOk ? "✓" : "✗"} (goal 0)`,
      )
    }
  }
  console.log("")
}

function printBytes(results) {
  console.log("\n2. JavaScript fetched (gzip -9 of each script body; cold cache)")
  const byteRows = [
    ["page", "scripts", "gzip", "raw", "MathJax fetched", "widget/table code fetched", "request rounds before ws"],
  ]
  for (const [key, entry] of Object.entries(results.bytes)) {
    const names = entry.files.map((file) => file.url)
    const widgetCode = names.filter((name) => /bokeh(js)?-(widgets|tables)/.test(name))
    byteRows.push([
      key === "idle" ? "before any element connects" : key,
      entry.files.length,
      kb(entry.gzip),
      kb(entry.raw),
      names.some((name) => /mathjax/i.test(name)) ? "yes" : "no",
      widgetCode.length > 0 ? "yes" : "no",
      entry.roundsBeforeWebsocket ?? "–",
    ])
  }
  table(byteRows)
  const idle = results.bytes.idle.gzip
  console.log(`  goal before connect: ${kb(idle)} ${idle <= 10 * 1024 ? "✓" : "✗"} (goal ≤ 10 KB)`)
  const plot = results.bytes["element/plot"].gzip
  console.log(`  goal plot-only document: ${kb(plot)} ${plot <= 300 * 1024 ? "✓" : "✗"} (goal ≤ 300 KB)`)
  for (const app of ["plot", "widgets"]) {
    console.log(
      `  ${app}: element ÷ embed bytes ${ratio(results.bytes[`element/${app}`].gzip, results.bytes[`embed/${app}`].gzip).toFixed(2)}×, ` +
        `element ÷ raw ${ratio(results.bytes[`element/${app}`].gzip, results.bytes[`raw/${app}`].gzip).toFixed(2)}×`,
    )
  }
}

function printConcurrency({summary}) {
  console.log("\n3. N sessions opened at once on one page, BokehJS already loaded (plot app): start to all rendered")
  const concurrencyRows = [
    ["N", "<bokeh-session> elements", "raw pull_session + add_document_standalone", "elements ÷ raw"],
  ]
  for (const n of [1, 10, 30]) {
    const elements = summary.concurrency[`elements/${n}`]
    const raw = summary.concurrency[`raw/${n}`]
    concurrencyRows.push([n, spread(elements), spread(raw), ratio(elements.median, raw.median).toFixed(2)])
  }
  table(concurrencyRows)
  const overhead = ratio(summary.concurrency["elements/1"].median, summary.concurrency["raw/1"].median)
  console.log(`  goal element overhead (N=1): ${verdict(overhead, 1.1)}`)
  const thirty = ratio(summary.concurrency["elements/30"].median, summary.concurrency["raw/30"].median)
  console.log(`  goal 30 elements vs 30 raw pulls: ${verdict(thirty, 1.1)}`)

  console.log(
    "\n4. The server's Nagle delay: one session open against stock bokeh serve vs one whose websocket sets TCP_NODELAY",
  )
  const nagle = summary.nagle
  table([
    ["measure", "stock server", "TCP_NODELAY server", "stock − nodelay"],
    [
      "raw pull_session (until document)",
      spread(nagle["raw/stock"].pull),
      spread(nagle["raw/nodelay"].pull),
      ms(nagle["raw/stock"].pull.median - nagle["raw/nodelay"].pull.median),
    ],
    [
      "raw pull + render",
      spread(nagle["raw/stock"].total),
      spread(nagle["raw/nodelay"].total),
      ms(nagle["raw/stock"].total.median - nagle["raw/nodelay"].total.median),
    ],
    [
      "<bokeh-session> until ready",
      spread(nagle["elements/stock"].total),
      spread(nagle["elements/nodelay"].total),
      ms(nagle["elements/stock"].total.median - nagle["elements/nodelay"].total.median),
    ],
  ])
}

function printCycles({cycles}) {
  for (const [app, result] of Object.entries(cycles)) {
    console.log(`\n5. ${result.cycles} create/ready/remove cycles of one element (${app} app), after one warm-up cycle`)
    console.log(
      `  JS heap after GC: ${(result.before.heap / 2 ** 20).toFixed(2)} MB -> ${(result.after.heap / 2 ** 20).toFixed(2)} MB`,
    )
    const growth = result.heapGrowthBytes / 2 ** 20
    console.log(`  goal heap growth: ${growth.toFixed(2)} MB ${growth <= 5 ? "✓" : "✗"} (goal ≤ 5 MB)`)
    console.log(
      `  goal documents retained: ${result.documentsRetained} (BokehJS documents ${result.before.documents} -> ` +
        `${result.after.documents}, root views ${result.before.rootViews} -> ${result.after.rootViews}) ` +
        `${result.documentsRetained === 0 ? "✓" : "✗"} (goal 0)`,
    )
  }
}

function printLazy(summary) {
  console.log(
    '\n1c. A long page of ten elements, one above the fold: navigation to its first plot, eager vs loading="lazy"',
  )
  console.log("    (sockets: websockets the page had opened when that plot rendered)")
  const rows = [["network", "visit", "eager", "lazy", "lazy ÷ eager", "sockets eager", "sockets lazy"]]
  for (const [profile, byVariant] of Object.entries(summary)) {
    for (const visit of ["cold", "reload", "revisit"]) {
      const eager = byVariant.eager?.[visit]
      const lazy = byVariant.lazy?.[visit]
      if (eager == null || lazy == null) {
        continue
      }
      rows.push([
        profileName(profile),
        visit,
        spread(eager.render),
        spread(lazy.render),
        ratio(lazy.render.median, eager.render.median).toFixed(2),
        eager.sockets.median.toFixed(0),
        lazy.sockets.median.toFixed(0),
      ])
    }
  }
  table(rows)
}
