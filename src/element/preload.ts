import {loadSessionLifecycle, startLoadingBokehJs} from "./loaders.js"

let started = false

/**
 * Starts loading BokehJS now, when the page already holds an element of the tag (it will connect at once), and the
 * session code, which loads the optional bundles this page's documents needed on the last visit (those would
 * otherwise wait for the document to arrive). A page that defines the tag but adds elements later pays nothing until
 * one connects; a page whose documents were all rendered with their servers' own BokehJS does not fetch the bundled
 * one.
 */
export function preloadBokehJsFor(tagName: string): void {
  // A lazy element connects when it comes near the viewport: it asks for nothing before then.
  if (started || typeof document === "undefined" || document.querySelector(`${tagName}:not([loading=lazy])`) == null) {
    return
  }
  started = true
  // Failures surface where the element awaits the same imports, with the element's own error handling.
  const ignore = (): void => {}
  loadSessionLifecycle().catch(ignore)
  startLoadingBokehJs()
}
