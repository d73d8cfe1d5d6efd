/**
 * The release of the BokehJS compiled into this package (@bokeh/bokehjs in package.json), known to the session code
 * before that BokehJS is loaded: a session whose server runs another release is rendered with the server's own
 * BokehJS, and the bundled one is then never fetched. A unit test checks it against the installed BokehJS.
 */
export const BUNDLED_BOKEHJS_VERSION = "3.9.2"
