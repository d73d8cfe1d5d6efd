// Layout checks on a rendered page, read from the browser's own boxes (not pixels): anything wider than the
// viewport, and any word the browser broke across two lines. Both walk open shadow roots (the elements' own UI and
// BokehJS's views).
import type {Page} from "@playwright/test"

/** Elements whose box reaches past the viewport's right edge, and the page's own scroll width when it does. */
export function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = []
    const width = document.documentElement.clientWidth
    if (document.documentElement.scrollWidth > width) {
      found.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`)
    }
    const walk = (root: ParentNode): void => {
      for (const element of root.querySelectorAll("*")) {
        const rect = element.getBoundingClientRect()
        if (rect.width > 0 && rect.right > width + 0.5) {
          found.push(`${element.tagName.toLowerCase()}.${element.className}: right edge ${rect.right} > ${width}`)
        }
        if (element.shadowRoot != null) walk(element.shadowRoot)
      }
    }
    walk(document)
    return found.slice(0, 20)
  })
}

/**
 * Words (runs of non-space characters in one text node) whose rendered boxes sit on more than one line, with the
 * text around them. A word the browser had to break to fit its box is broken; one that wraps whole is not.
 */
export function brokenWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = []
    const range = document.createRange()
    const walk = (root: Node): void => {
      const texts = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
      for (let node = texts.nextNode(); node != null; node = texts.nextNode()) {
        for (const match of (node.textContent ?? "").matchAll(/\S+/g)) {
          range.setStart(node, match.index)
          range.setEnd(node, match.index + match[0].length)
          const lines = new Set(
            [...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)),
          )
          if (lines.size > 1) found.push(`"${match[0]}" in <${node.parentElement?.tagName.toLowerCase()}>`)
        }
      }
      const elements = root instanceof Document || root instanceof ShadowRoot ? root : (root as Element)
      for (const element of elements.querySelectorAll("*")) {
        if (element.shadowRoot != null) walk(element.shadowRoot)
      }
    }
    walk(document)
    return found.slice(0, 20)
  })
}
