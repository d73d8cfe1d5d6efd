// The element's display attributes take unknown values as HTML's enumerated attributes do (`<img loading>`): the
// default. A typo should not fail the session, but should be heard: one warning per connect.
import type {SessionInputs} from "./session-host.js"

const KNOWN = {chrome: ["all", "mismatch", "none"], loading: ["eager", "lazy"]} as const

/** A message for each display attribute whose value is not one the element knows. */
export function displayWarnings(inputs: Pick<SessionInputs, "chrome" | "loading">): string[] {
  return (["chrome", "loading"] as const).flatMap((name) => {
    const value = inputs[name]
    const known: readonly string[] = KNOWN[name]
    return value == null || known.includes(value)
      ? []
      : [
          `${name}=${JSON.stringify(value)} is not one of ${known.join(", ")}: the element uses ` +
            `${name === "chrome" ? "all (status line and echo table shown)" : "eager (connects at once)"}; ` +
            `e.g. ${name}="${known[known.length - 1]}".`,
        ]
  })
}
