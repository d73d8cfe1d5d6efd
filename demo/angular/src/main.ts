// Angular's JIT compiler must load before any component is bootstrapped.
import "@angular/compiler"
import {provideZonelessChangeDetection} from "@angular/core"
import {bootstrapApplication} from "@angular/platform-browser"
import {PlotComponent} from "./plot.component.js"

bootstrapApplication(PlotComponent, {providers: [provideZonelessChangeDetection()]}).catch((error: unknown) => {
  console.error(error)
})
