// The framework demos import `bokeh-session`, `bokeh-session/react` ... as an app that installed the package
// would. These aliases resolve those names through package.json "exports" to the built files, so the demos
// (and their e2e tests) exercise what `npm run build` ships, not the sources.
import {existsSync, readFileSync} from "node:fs"
import {fileURLToPath} from "node:url"

const root = fileURLToPath(new URL("..", import.meta.url))

interface PackageJson {
  name: string
  exports: Record<string, string | {import?: string}>
}

export function packageAliases(): {find: RegExp; replacement: string}[] {
  const pkg = JSON.parse(readFileSync(`${root}/package.json`, "utf8")) as PackageJson
  return Object.entries(pkg.exports).flatMap(([subpath, target]) => {
    const file = typeof target === "string" ? target : target.import
    if (file == null || !file.endsWith(".js")) {
      return []
    }
    const replacement = `${root}/${file.replace(/^\.\//, "")}`
    if (!existsSync(replacement)) {
      throw new Error(`${replacement} is missing: run \`npm run build\` first (npm test and npm run demo -- react do).`)
    }
    const specifier = subpath === "." ? pkg.name : `${pkg.name}/${subpath.slice(2)}`
    return [{find: new RegExp(`^${specifier.replace(/[/.-]/g, "\\$&")}$`), replacement}]
  })
}
