/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_BOKEH_APP_URL?: string
  readonly VITE_BOKEH_LIVE_URL?: string
}
