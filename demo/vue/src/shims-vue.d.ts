// Lets plain tsc (which does not read .vue files) type the import; vue-tsc (demo/vue/tsconfig.json) checks the real one.
declare module "*.vue" {
  import type {DefineComponent} from "vue"
  const component: DefineComponent<{url: string}>
  export default component
}
