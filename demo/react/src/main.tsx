import {StrictMode} from "react"
import {createRoot} from "react-dom/client"
import {LivePlot} from "./LivePlot.js"
import {Plot} from "./Plot.js"

const appUrl = import.meta.env.VITE_BOKEH_APP_URL ?? "http://localhost:5006/echo"
const liveAppUrl = import.meta.env.VITE_BOKEH_LIVE_URL ?? "http://localhost:5006/live"

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <h1>bokeh-session in React</h1>
    <Plot url={appUrl} />
    <LivePlot url={liveAppUrl} />
  </StrictMode>,
)
