/**
 * How HTMLTemplateFormatter's templates compile: underscore.template is a CommonJS module, which `require()`s this
 * one (build/vite/csp-rewrites.mjs), so this imports nothing (see trusted-sinks.ts for why); compile-code.ts,
 * loaded with BokehJS's core, hands over its compiler (the EvalError reported as `csp-blocked`, Trusted Types).
 */
type Compile = (...args: string[]) => (...args: unknown[]) => unknown

let compile: Compile = (...args) => new Function(...args) as (...args: unknown[]) => unknown

export function useCompiler(compiler: Compile): void {
  compile = compiler
}

/** `new Function(...args)` as compile-code.ts does it. */
export function compileTemplate(...args: string[]): (...args: unknown[]) => unknown {
  return compile(...args)
}
