// Lets tsc (which does not read .vue files) type the import of the single-file component.
declare module "*.vue" {
  import type {DefineComponent} from "vue"
  const component: DefineComponent<{url: string}>
  export default component
}
