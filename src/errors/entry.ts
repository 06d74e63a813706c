import { clip } from "../guard/clip.js";
import { fail, kindOf, RatecardError, thrownText } from "./ratecard-error.js";

/** Documents made by parseUsage: only these are trusted to locate positions (a look-alike is read as plain data). */
const parsed = new WeakSet<object>();

export function markParsed<T extends object>(doc: T): Readonly<T> {
  parsed.add(doc);
  return Object.freeze(doc);
}

export function isParsed(value: unknown): boolean {
  return typeof value === "object" && value !== null && parsed.has(value);
}

/** Throws unless `value` is a string of at most `max` characters. */
export function assertString(value: unknown, name: string, max = 4096): asserts value is string {
  if (typeof value !== "string") fail("api.argument", `${name} must be a string, not ${kindOf(value)}`);
  if (value.length > max) fail("api.argument", `${name} is ${clip(value)}, longer than ${max} characters`);
}

/** Throws unless `value` is a file or folder path: a string without NUL characters (which no file system takes). */
export function assertPath(value: unknown, name: string): asserts value is string {
  assertString(value, name);
  if (value.includes("\0")) fail("api.argument", `${name} holds a NUL character; no file is named so`);
}

/**
 * Runs a public entry point so that it returns data or throws RatecardError and nothing else:
 * an unexpected exception (a defect in ratecard) becomes an `internal` problem instead of a
 * TypeError reaching the caller.
 */
export function guarded<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof RatecardError) throw error;
    fail("internal", `ratecard could not handle this input (${thrownText(error)}); please report it`);
  }
}
