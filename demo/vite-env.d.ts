/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_BOKEH_APP_URL?: string
}
