import type { ProblemCode } from "../errors/codes.js";
import type { Problem } from "../errors/problem.js";
import { RatecardError } from "../errors/ratecard-error.js";
import type { Plan } from "../model/plan.js";
import { clip } from "./clip.js";
import { checkPlainData } from "./plain-data.js";

/** Plans made by compileRuleSet: a quote is only ever computed on one of these. */
const compiled = new WeakSet<object>();

export function markCompiled(plan: Plan): Plan {
  compiled.add(plan);
  return plan;
}

/** Documents made by parseUsage: only these are trusted to locate positions (a look-alike is read as plain data). */
const parsed = new WeakSet<object>();

export function markParsed<T extends object>(doc: T): Readonly<T> {
  parsed.add(doc);
  return Object.freeze(doc);
}

export function isParsed(value: unknown): boolean {
  return typeof value === "object" && value !== null && parsed.has(value);
}

/** Throws unless `value` is a rule set from loadRuleSet (or compileRuleSet). */
export function assertRuleSet(value: unknown, name = "ruleSet"): asserts value is Plan {
  if (typeof value !== "object" || value === null || !compiled.has(value)) fail("api.argument", `${name} must be a rule set from loadRuleSet(), not ${kindOf(value)}`);
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

/** Throws unless `value` is a mapping (an object that is not a list), described as `what` ("a Problem", "a quote from quote()"). */
export function assertMapping(value: unknown, name: string, what: string): asserts value is Readonly<Record<string, unknown>> {
  if (!isMapping(value)) fail("api.argument", `${name} must be ${what}, not ${kindOf(value)}`);
}

/**
 * Reads a caller's argument with `read`, which checks it and copies what ratecard uses: a getter or
 * proxy that throws while it is read refuses the argument (`api.argument`) instead of surfacing as a
 * TypeError or as ratecard's `internal`. Read each argument once, through this, before using it.
 */
export function readArgument<T>(name: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof RatecardError) throw error;
    fail("api.argument", `${name} cannot be read (${thrownText(error)})`);
  }
}

/** Throws unless a document passed in memory is a mapping of plain data within the limits. */
export function assertDocument(value: unknown, name = "usage"): asserts value is object {
  if (!isMapping(value)) fail("api.argument", `${name} must be a usage document (a mapping with ruleset, period and usage), not ${kindOf(value)}`);
  const shape = checkPlainData(value);
  if (shape) throw new RatecardError([shape]);
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

/** Refuses a caller's argument: `api.argument` with `message`. */
export function refuseArgument(message: string): never {
  fail("api.argument", message);
}

function fail(code: ProblemCode, message: string): never {
  const problem: Problem = { code, message, path: [] };
  throw new RatecardError([problem]);
}

/** An object that is not a list; a revoked proxy (on which even Array.isArray throws) is neither. */
function isMapping(value: unknown): value is object {
  if (typeof value !== "object" || value === null) return false;
  try {
    return !Array.isArray(value);
  } catch {
    return false;
  }
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (typeof value !== "object") return `a ${typeof value}`;
  return isMapping(value) ? "an object of another kind" : "a list or a revoked proxy";
}

/** What an exception says, for a message; whatever was thrown (a proxy, an object whose message getter throws). */
function thrownText(error: unknown): string {
  try {
    return clip(error instanceof Error ? error.message : String(error), 200);
  } catch {
    return "an exception that cannot be read";
  }
}
