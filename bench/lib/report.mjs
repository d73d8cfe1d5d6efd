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
  console.log(
    `network: ${results.network === "none" ? "unthrottled (localhost)" : `${results.network} (CDP emulation, every page)`}`,
  )
  console.log("Times are medians [25th–75th percentile] in ms.\n")

  if (results.firstRender != null) {
    printFirstRender(results)
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

function printFirstRender({summary}) {
  console.log("1. Navigation to first render (plot: painted canvas; widgets: first table cell)")
  const rows = [["app", "variant", "cold", "warm", "cold ÷ embed", "warm ÷ embed", "cold ÷ raw", "warm ÷ raw"]]
  for (const app of ["plot", "widgets"]) {
    const embed = summary.firstRender[`embed/${app}`]
    const raw = summary.firstRender[`raw/${app}`]
    for (const kind of ["element", "compare", "embed", "raw"]) {
      const s = summary.firstRender[`${kind}/${app}`]
      if (s == null) {
        continue
      }
      rows.push([
        app,
        {
          element: "(a) <bokeh-session>",
          compare: "(a') <bokeh-session>, --compare build",
          embed: "(b) Bokeh server_document",
          raw: "(c) raw BokehJS (floor)",
        }[kind],
        spread(s.cold),
        spread(s.warm),
        ratio(s.cold.median, embed.cold.median).toFixed(2),
        ratio(s.warm.median, embed.warm.median).toFixed(2),
        ratio(s.cold.median, raw.cold.median).toFixed(2),
        ratio(s.warm.median, raw.warm.median).toFixed(2),
      ])
    }
  }
  table(rows)
  for (const app of ["plot", "widgets"]) {
    const element = summary.firstRender[`element/${app}`]
    const embed = summary.firstRender[`embed/${app}`]
    console.log(`  goal ${app} cold: ${verdict(ratio(element.cold.median, embed.cold.median), 0.6)}`)
    console.log(`  goal ${app} warm: ${verdict(ratio(element.warm.median, embed.warm.median), 0.8)}`)
  }
}

function printBytes(results) {
  console.log("\n2. JavaScript fetched (gzip -9 of each script body; cold cache)")
  const byteRows = [["page", "scripts", "gzip", "raw", "MathJax fetched", "widget/table code fetched"]]
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
