/**
 * The bundled BokehJS's optional model bundles as lazy imports, for the session code and the bundled tier (nothing
 * here loads BokehJS until called). Not in the first script: each import names every chunk it fetches.
 */
import type {OptionalBundle} from "./bundles.js"

export const OPTIONAL_BUNDLES: Readonly<Record<OptionalBundle, () => Promise<unknown>>> = {
  widgets: () => import("@bokeh/bokehjs/build/js/lib/models/widgets/main"),
  tables: () => import("@bokeh/bokehjs/build/js/lib/models/widgets/tables/main"),
}
