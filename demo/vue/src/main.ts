import {createApp} from "vue"
import Plot from "./Plot.vue"

const appUrl = import.meta.env.VITE_BOKEH_APP_URL ?? "http://localhost:5006/echo"

createApp(Plot, {url: appUrl}).mount("#app")
