// Helpers for the unit tests (Vitest) of every tier; nothing the package ships imports this file.
import {expect} from "vitest"
import {BokehSessionError, type BokehSessionErrorCode} from "./errors.js"

/** The `BokehSessionError` that `run` throws, after checking its `code`; fails the test when `run` throws nothing. */
export function failure(code: BokehSessionErrorCode, run: () => unknown): BokehSessionError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(BokehSessionError)
    expect((error as BokehSessionError).code).toBe(code)
    return error as BokehSessionError
  }
  throw new Error(`expected a BokehSessionError with code ${code}`)
}
