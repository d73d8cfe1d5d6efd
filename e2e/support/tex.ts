// What BokehJS 3.9 does with TeX: MathJax typesets it to an SVG, which BokehJS loads as an <img> from a
// `data:image/svg+xml` URL and draws onto the plot's canvas (models/text/math_text.ts, TeXBox.request_image).
// Recording those images is the way to see the typeset output: the canvas holds only its pixels.
import type {Page} from "@playwright/test"

export interface TypesetImage {
  /** The SVG markup MathJax produced. */
  svg: string
  /** The image decoded (BokehJS draws it only then). */
  loaded: boolean
}

/** Records, in every document the page opens from now on, each image made from an SVG data URL. */
export async function recordSvgImages(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const descriptor = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, "src")!
    const images: HTMLImageElement[] = []
    ;(window as unknown as {svgImages: HTMLImageElement[]}).svgImages = images
    Object.defineProperty(HTMLImageElement.prototype, "src", {
      ...descriptor,
      set(this: HTMLImageElement, value: string) {
        if (String(value).startsWith("data:image/svg+xml")) {
          images.push(this)
        }
        descriptor.set!.call(this, value)
      },
    })
  })
}

export function svgImages(page: Page): Promise<TypesetImage[]> {
  return page.evaluate(() =>
    (window as unknown as {svgImages: HTMLImageElement[]}).svgImages.map((image) => ({
      svg: decodeURIComponent(image.src.replace(/^data:image\/svg\+xml;[^,]*,/, "")),
      loaded: image.complete && image.naturalWidth > 0,
    })),
  )
}
