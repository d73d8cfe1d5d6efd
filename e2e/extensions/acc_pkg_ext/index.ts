import * as AccPkgExt from "./hello"
export {AccPkgExt}

import {register_models} from "@bokehjs/base"
register_models(AccPkgExt as any)
