// Build-time rewrites that let BokehJS render under a strict Content-Security-Policy (docs/deploy.md,
// "Content-Security-Policy"): its inline stylesheets and SlickGrid's column rules become constructed, adopted
// stylesheets (src/bokeh/adopted-stylesheets.ts), which need no `style-src 'unsafe-inline'`. Exact text, applied by
// build/vite/bokehjs-rewrites.mjs: a BokehJS upgrade that changes any of it fails the build.
import {fileURLToPath} from "node:url"

const source = (path) => JSON.stringify(fileURLToPath(new URL(path, import.meta.url)).replaceAll("\\", "/"))
const ADOPTED = source("../../src/bokeh/adopted-stylesheets.ts")
const STYLE_CLASSES = source("../../src/bokeh/style-classes.ts")
/** Lit's policy's name; src/core/trusted-types.ts names both of the element's policies for the messages. */
const LIT_POLICY = "bokeh-session-lit"
const TRUSTED_SINKS = source("../../src/bokeh/trusted-sinks.ts")
const MODELS = "@bokeh/bokehjs/build/js/lib/models"
const COMPILE = source("../../src/bokeh/compile-code.ts")
const COMPILE_HOOK = source("../../src/bokeh/compile-hook.ts")

/**
 * BokehJS's models that compile the document's code, with their first import line and how many
 * `new Function(` calls they make: each becomes `compileFunction(this, ...)` (src/bokeh/compile-code.ts), and a
 * CustomJS callback's `compileCallback(this, ...)`.
 */
const COMPILING_MODELS = [
  ["callbacks/customjs", `import { Callback } from "./callback";`, 1, "compileCallback"],
  ["transforms/customjs_transform", `import { Transform } from "./transform";`, 1, "compileFunction"],
  ["tickers/customjs_ticker", `import { Ticker } from "./ticker";`, 2, "compileFunction"],
  ["comparisons/customjs_compare", `import { Comparison } from "./comparison";`, 1, "compileFunction"],
  ["filters/customjs_filter", `import { Filter } from "./filter";`, 1, "compileFunction"],
  ["tools/inspectors/customjs_hover", `import { Model } from "../../../model";`, 1, "compileFunction"],
  ["formatters/customjs_tick_formatter", `import { TickFormatter } from "./tick_formatter";`, 1, "compileFunction"],
  ["textures/canvas_texture", `import { Texture } from "./texture";`, 1, "compileFunction"],
]

const COMPILE_REWRITES = COMPILING_MODELS.flatMap(([module, firstImport, count, compile]) => [
  {file: `${MODELS}/${module}.js`, from: firstImport, to: `${firstImport} import { ${compile} } from ${COMPILE};`},
  {file: `${MODELS}/${module}.js`, pattern: /new Function\(/g, count, to: () => `${compile}(this, `},
])

/**
 * `to`, padded with empty lines to as many lines as `from`: every rewrite keeps the line count, so that positions in
 * the untouched lines stay right. A `to` longer than `from` is a mistake in this file.
 */
export function sameLines(from, to) {
  const missing = from.split("\n").length - to.split("\n").length
  if (missing < 0) {
    throw new Error(`a rewrite has ${-missing} more lines than the text it replaces: ${to.slice(0, 80)}...`)
  }
  return to + "\n".repeat(missing)
}

const DOM = "@bokeh/bokehjs/build/js/lib/core/dom.js"
const SLICKGRID = "@bokeh/slickgrid/slick.grid.js"
const TABLES = "@bokeh/bokehjs/build/js/lib/models/widgets/tables"

/**
 * SlickGrid's fixed parts, made with jQuery from HTML with a style attribute on the root element
 * (`$("<div class='slick-header-columns' style='left:-1000px' />")`): the same element without the attribute, its
 * declarations set through the CSSOM, which no policy refuses. Groups: quote, HTML before the attribute, the
 * attribute's quote, its declarations, the HTML after it.
 */
const JQUERY_STYLED_ROOT =
  /\$\((["'])(<\w+[^<>"']*(?:(?!\1)["'][^"']*(?!\1)["'][^<>"']*)*?) style=(["'])([^"'<>]*)\3([^<>]*>[^"'<>]*(?:<\/\w+>)?)\1\)/g

const cssom = (declarations) => `.each(function () { this.style.cssText = ${JSON.stringify(declarations)}; })`

const INLINE_STYLESHEETS_FROM = `export class InlineStyleSheet extends StyleSheet {
    persistent;
    static __name__ = "InlineStyleSheet";
    el = style();
    constructor(css, id, persistent = false) {
        super();
        this.persistent = persistent;
        if (isString(css)) {
            this._update(css);
        }
        else if (css != null) {
            this._update(compose_stylesheet(css));
        }
        if (id != null) {
            this.el.dataset.css = id;
        }
    }
    get css() {
        return this.el.textContent;
    }
    _update(css) {
        this.el.textContent = css;
    }`

// The rest of the class (clear, replace, prepend, append) goes through css and _update, unchanged.
const INLINE_STYLESHEETS_TO = `export class InlineStyleSheet extends StyleSheet {
    persistent;
    static __name__ = "InlineStyleSheet";
    constructor(css, id, persistent = false) {
        super();
        this.persistent = persistent;
        this.id = id;
        this._adopted = new AdoptedSheet(isString(css) ? css : css != null ? compose_stylesheet(css) : "");
    }
    install(target) {
        this._adopted.install(target);
    }
    uninstall() {
        this._adopted.uninstall();
    }
    get css() {
        return this._adopted.css;
    }
    _update(css) {
        this._adopted.css = css;
    }`

const REMOVE_FROM = `    remove() {
        this.el.remove();
    }
}
export class GlobalInlineStyleSheet extends InlineStyleSheet {
    static __name__ = "GlobalInlineStyleSheet";
    install() {
        if (!this.el.isConnected) {
            document.head.appendChild(this.el);
        }
    }
}`

// A global sheet is adopted by the document: after the page's own <style> and <link> sheets, as the <style> that
// BokehJS appended to <head> mostly was.
const REMOVE_TO = `    remove() {
        this._adopted.uninstall();
    }
}
export class GlobalInlineStyleSheet extends InlineStyleSheet {
    static __name__ = "GlobalInlineStyleSheet";
    install() {
        this._adopted.install(document);
    }
}`

const SLICKGRID_RULES_FROM = `      if ($style[0].styleSheet) { // IE
        $style[0].styleSheet.cssText = rules.join(" ");
      } else {
        $style[0].appendChild(document.createTextNode(rules.join(" ")));
      }`

const SLICKGRID_FIND_FROM = `        var sheets;
        if ($container[0].parentNode instanceof ShadowRoot)
          sheets = $container[0].parentNode.styleSheets;
        else
          sheets = document.styleSheets;
        for (i = 0; i < sheets.length; i++) {
          if ((sheets[i].ownerNode || sheets[i].owningElement) == $style[0]) {
            stylesheet = sheets[i];
            break;
          }
        }`

export const CSP_REWRITES = [
  ...COMPILE_REWRITES,
  {
    // HTMLTemplateFormatter's templates.
    file: "underscore.template/lib/underscore.template.js",
    from: `render = new Function(settings.variable || 'obj', '_', source);`,
    to: `render = require(${COMPILE_HOOK}).compileTemplate(settings.variable || 'obj', '_', source);`,
  },
  {
    // Lit's own policy, under a name of the element's: a page's own Lit keeps "lit-html" to itself (a second
    // policy of one name is refused unless the page allows duplicates). Lit creates it when the first script loads,
    // which has no room for more (10 KB): the element's second policy, "bokeh-session", comes with BokehJS.
    file: "lit-html/node/lit-html.js",
    from: `s.createPolicy("lit-html",{createHTML:t=>t})`,
    to: `s.createPolicy(${JSON.stringify(LIT_POLICY)},{createHTML:t=>t})`,
  },
  {
    file: DOM,
    from: `import { logger } from "./logging";`,
    to: `import { logger } from "./logging"; import { AdoptedSheet } from ${ADOPTED};`,
  },
  {file: DOM, from: INLINE_STYLESHEETS_FROM, to: sameLines(INLINE_STYLESHEETS_FROM, INLINE_STYLESHEETS_TO)},
  {file: DOM, from: REMOVE_FROM, to: sameLines(REMOVE_FROM, REMOVE_TO)},
  {
    // Emptying a shadow root removed its <style> elements; its adopted sheets go with its children in the same way.
    file: DOM,
    from: `export function empty(node, attrs = false) {
    let child;`,
    to: `export function empty(node, attrs = false) { AdoptedSheet.releaseAll(node);
    let child;`,
  },
  // SlickGrid keeps its per-grid rules (row heights, column positions, which it moves by editing the rules) in a
  // <style> before the grid, and then looks for that element's sheet: under style-src without 'unsafe-inline' the
  // element has none ("SlickGrid Cannot find stylesheet."). A private adopted sheet in the same root instead.
  {
    file: SLICKGRID,
    from: `      $style = $("<style type='text/css' rel='stylesheet' />")
      if ($container[0].parentNode instanceof ShadowRoot)
        $container[0].parentNode.insertBefore($style[0], $container[0])
      else
        $style.appendTo($("head"));`,
    to: `      $style = new (require(${ADOPTED}).AdoptedSheet)("", {shared: false})
      if ($container[0].parentNode instanceof ShadowRoot)
        $style.install($container[0].parentNode)
      else
        $style.install(document);`,
  },
  {
    file: SLICKGRID,
    from: SLICKGRID_RULES_FROM,
    to: sameLines(SLICKGRID_RULES_FROM, `      $style.css = rules.join(" ");`),
  },
  {
    file: SLICKGRID,
    from: SLICKGRID_FIND_FROM,
    to: sameLines(SLICKGRID_FIND_FROM, `        stylesheet = $style.sheet;`),
  },
  {
    file: SLICKGRID,
    pattern: JQUERY_STYLED_ROOT,
    count: 19,
    to: (_match, quote, before, _quote, declarations, after) =>
      `$(${quote}${before}${after}${quote})${cssom(declarations)}`,
  },
  {
    // The scrollbar measurement: the same, with the class concatenated in.
    file: SLICKGRID,
    from: `'" style="position:absolute; top:-10000px; left:-10000px; overflow:auto; width:100px; height:100px;"></div>')`,
    to: `'"></div>')${cssom("position:absolute; top:-10000px; left:-10000px; overflow:auto; width:100px; height:100px;")}`,
  },
  {
    // Each row's position comes with its HTML; it is set through the CSSOM once the rows are parsed (below).
    file: SLICKGRID,
    from: `"' style='top:"
        + (getRowTop(row) - frozenRowOffset )
        + "px'>";`,
    to: `"' data-top='"
        + (getRowTop(row) - frozenRowOffset )
        + "'>";`,
  },
  {
    file: SLICKGRID,
    from: `      x.innerHTML = stringArrayL.join("");
      xRight.innerHTML = stringArrayR.join("");`,
    to: `      x.innerHTML = stringArrayL.join("");
      xRight.innerHTML = stringArrayR.join(""); for (const parsed of [...x.children, ...xRight.children]) parsed.style.top = parsed.dataset.top + "px";`,
  },
  // BokehJS's formatters style a cell's element, then give SlickGrid its HTML: the style as a class instead.
  {
    file: `${TABLES}/cell_formatters.js`,
    from: `import { div, i } from "../../../core/dom";`,
    to: `import { div, i } from "../../../core/dom"; import { styledHTML } from ${STYLE_CLASSES};`,
  },
  {
    file: `${TABLES}/cell_formatters.js`,
    from: `        return text.outerHTML;`,
    to: `        return styledHTML(text);`,
  },
  {
    file: `${TABLES}/data_cube.js`,
    from: `import { span } from "../../../core/dom";`,
    to: `import { span } from "../../../core/dom"; import { styledHTML } from ${STYLE_CLASSES};`,
  },
  {
    file: `${TABLES}/data_cube.js`,
    from: "return `${toggle.outerHTML}${titleElement.outerHTML}`;",
    to: "return `${styledHTML(toggle)}${titleElement.outerHTML}`;",
  },
  {
    file: `${TABLES}/data_cube.js`,
    from: "return `${spacer.outerHTML}${formatted",
    to: "return `${styledHTML(spacer)}${formatted",
  },
  {
    file: `${TABLES}/data_table.js`,
    from: `import { WidgetView } from "../widget";`,
    to: `import { WidgetView } from "../widget"; import { styleClassesSheet } from ${STYLE_CLASSES};`,
  },
  {
    file: `${TABLES}/data_table.js`,
    from: `        return [...super.stylesheets(), slickgrid_css, tables_css];`,
    to: `        return [...super.stylesheets(), slickgrid_css, tables_css, styleClassesSheet()];`,
  },
  // The script sinks, which the HTML sinks' wrapping (build/vite/trusted-types.mjs) does not cover: a script's URL
  // or text needs TrustedScriptURL or TrustedScript under require-trusted-types-for 'script'.
  {
    file: `${MODELS}/plots/gmap_plot_canvas.js`,
    from: `import { logger } from "../../core/logging";`,
    to: `import { logger } from "../../core/logging"; import { trustedScriptURL } from ${TRUSTED_SINKS};`,
  },
  {
    file: `${MODELS}/plots/gmap_plot_canvas.js`,
    from: "script.src = `https://maps.googleapis.com/maps/api/js?v=${enc(api_version)}&key=${enc(api_key)}&callback=_bokeh_gmaps_callback&loading=async`;",
    to: "script.src = trustedScriptURL(`https://maps.googleapis.com/maps/api/js?v=${enc(api_version)}&key=${enc(api_key)}&callback=_bokeh_gmaps_callback&loading=async`);",
  },
  {
    // MathJax from a CDN, BokehJS's fallback when its bundle provider is not used (never, in this build).
    file: `${MODELS}/text/providers.js`,
    from: `import { Signal0 } from "../../core/signaling";`,
    to: `import { Signal0 } from "../../core/signaling"; import { trustedScriptURL } from ${TRUSTED_SINKS};`,
  },
  {
    file: `${MODELS}/text/providers.js`,
    from: `script.src = "https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-svg.js";`,
    to: `script.src = trustedScriptURL("https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-svg.js");`,
  },
  {
    // jQuery's evaluation of the scripts in HTML it inserts (none in BokehJS's or SlickGrid's use).
    file: "jquery/dist-module/jquery.module.js",
    from: `/*!
 * jQuery JavaScript Library v4.0.0`,
    to: `import { trustedScript, trustedScriptURL } from ${TRUSTED_SINKS}; /*!
 * jQuery JavaScript Library v4.0.0`,
  },
  {file: "jquery/dist-module/jquery.module.js", from: `	script.text = code;`, to: `	script.text = trustedScript(code);`},
  {
    file: "jquery/dist-module/jquery.module.js",
    from: `			script[ i ] = node[ i ];`,
    to: `			script[ i ] = i === "src" ? trustedScriptURL( node[ i ] ) : node[ i ];`,
  },
  {
    // DOMPurify (the Markdown widget) would create a "dompurify" policy of its own, a second name for the page.
    file: `${MODELS}/widgets/markdown.js`,
    from: `import Purify from "dompurify";`,
    to: `import Purify from "dompurify"; import { currentPolicy } from ${TRUSTED_SINKS};`,
  },
  {
    file: `${MODELS}/widgets/markdown.js`,
    from: `Purify.sanitize(html_with_math)`,
    to: `Purify.sanitize(html_with_math, { TRUSTED_TYPES_POLICY: currentPolicy() ?? null })`,
  },
  {
    file: SLICKGRID,
    from: `    function removeCssRules() {
      $style.remove();`,
    to: `    function removeCssRules() {
      $style.uninstall();`,
  },
]
