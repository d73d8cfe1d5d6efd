// Our own stylesheets are Lit `css` templates, which the JavaScript minifier keeps as written: indentation, one
// declaration per line. In the first script that is ~1.3 KB of the element's styles (~100 B gzip of a 10 KB budget).
// This plugin minifies the static text of every css`...` template in src/ at build time. It only removes what CSS
// ignores: runs of whitespace become one space, and the spaces beside `{`, `}`, `;`, `,` and after `:` go, as does
// the last `;` of a block. A space that separates tokens (a descendant combinator, `calc(a + b)`) stays.

/**
 * The minified text of one static part of a css template (between interpolations). Quoted strings (`"..."`,
 * `'...'`) stay as written. `trimStart`/`trimEnd`: the part begins or ends the template (beside an interpolation a
 * space may separate tokens).
 */
export function minifyCssText(text, {trimStart = true, trimEnd = true} = {}) {
  const minified = text
    .split(/("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')/)
    .map((piece, index) =>
      index % 2 === 1
        ? piece
        : piece
            .replace(/\s+/g, " ")
            .replace(/ ?([{};,]) ?/g, "$1")
            .replace(/: /g, ":")
            .replace(/;}/g, "}"),
    )
    .join("")
  const started = trimStart ? minified.trimStart() : minified
  return trimEnd ? started.trimEnd() : started
}

/**
 * Rewrites every css`...` template of `code`: the static parts minified, each `${...}` interpolation as written.
 * Returns null when there is none. Throws on a template it cannot read to its end (rather than emit broken code).
 */
export function minifyCssTemplates(code) {
  // A tag, not a name in a comment or a string (`css` in backticks).
  const start = /(?<![\w$.`])css`/g
  let out = ""
  let last = 0
  let found = false
  for (let match = start.exec(code); match != null; match = start.exec(code)) {
    found = true
    let i = match.index + match[0].length
    out += code.slice(last, i)
    const parts = []
    let text = ""
    for (;;) {
      if (i >= code.length) {
        throw new Error(`minify-css: a css template at offset ${match.index} has no end`)
      }
      const char = code[i]
      if (char === "\\") {
        text += code.slice(i, i + 2)
        i += 2
      } else if (char === "`") {
        parts.push(text)
        i++
        break
      } else if (char === "$" && code[i + 1] === "{") {
        // An interpolation: kept as written, up to its matching brace (our styles interpolate names, not templates).
        parts.push(text, "")
        text = ""
        let depth = 0
        const from = i
        for (; i < code.length; i++) {
          if (code[i] === "{") {
            depth++
          } else if (code[i] === "}" && --depth === 0) {
            break
          } else if (code[i] === "`") {
            throw new Error(`minify-css: a css template at offset ${match.index} nests a template`)
          }
        }
        parts[parts.length - 1] = code.slice(from, i + 1)
        i++
      } else {
        text += char
        i++
      }
    }
    // Even indices: static text; odd: interpolations.
    const lastPart = parts.length - 1
    out += `${parts
      .map((part, index) =>
        index % 2 === 1 ? part : minifyCssText(part, {trimStart: index === 0, trimEnd: index === lastPart}),
      )
      .join("")}\``
    last = i
    start.lastIndex = i
  }
  return found ? out + code.slice(last) : null
}

/** The Vite plugin: our sources' css templates, minified. */
export function minifiedCss() {
  return {
    name: "bokeh-session:minify-css",
    transform: {
      filter: {id: /[\\/]src[\\/].*\.ts$/},
      handler(code) {
        const minified = minifyCssTemplates(code)
        return minified == null ? null : {code: minified, map: null}
      },
    },
  }
}
