import { clip } from "../guard/clip.js";
import type { ProblemCode } from "./codes.js";
import { pathText, type Problem } from "./problem.js";

// The error, its message and the refusal of a bad argument live in one file: refusing an argument
// throws a RatecardError, and a RatecardError checks the problems it is given.

/** Thrown by the public entry points; carries every problem found, not only the first. */
export class RatecardError extends Error {
  /** Every problem found, each with its code, message, path and position. */
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[]) {
    super(messageOf(problems));
    this.name = "RatecardError";
    this.problems = problems;
  }
}

/** The problems as lines; a list of anything else is refused as an argument of the constructor. */
function messageOf(problems: readonly Problem[]): string {
  return readArgument("problems", () => {
    if (!Array.isArray(problems)) refuseArgument("problems must be a list of Problem objects");
    return (problems as readonly Problem[]).map((p) => formatProblem(p)).join("\n");
  });
}

/** One line per problem: `file:line:col  code  message`. */
export function formatProblem(problem: Problem): string {
  const { code, message, path, source } = readProblem(problem);
  if (source) return `${source.file}:${source.line}:${source.col}  ${code}  ${message}`;
  // Data from a program has no file: the path into the document says where.
  const where = path.length ? `${pathText(path)}  ` : "";
  return `${where}${code}  ${message}`;
}

/** A problem as the caller passed it, checked and read once (a getter that throws refuses it). */
function readProblem(problem: unknown): Problem {
  return readArgument("problem", () => {
    assertMapping(problem, "problem", "a Problem ({ code, message, path, source? })");
    const { code, message, path, source } = problem;
    if (typeof code !== "string" || typeof message !== "string")
      refuseArgument("problem.code and problem.message must be strings");
    if (!Array.isArray(path) || !path.every((part) => typeof part === "string" || typeof part === "number"))
      refuseArgument("problem.path must be a list of keys and indexes");
    if (source === undefined) return { code, message, path } as Problem;
    assertMapping(source, "problem.source", "a position ({ file, line, col })");
    const { file, line, col } = source;
    if (typeof file !== "string" || !Number.isInteger(line) || !Number.isInteger(col))
      refuseArgument("problem.source must be { file, line, col }: a string and two whole numbers");
    return { code, message, path, source: { file, line: line as number, col: col as number } } as Problem;
  });
}

/** Throws unless `value` is a mapping (an object that is not a list), described as `what` ("a Problem", "a quote from quote()"). */
export function assertMapping(
  value: unknown,
  name: string,
  what: string,
): asserts value is Readonly<Record<string, unknown>> {
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

/** Refuses a caller's argument: `api.argument` with `message`. */
export function refuseArgument(message: string): never {
  fail("api.argument", message);
}

/** Throws a RatecardError with one problem that has no place in a document. */
export function fail(code: ProblemCode, message: string): never {
  const problem: Problem = { code, message, path: [] };
  throw new RatecardError([problem]);
}

/** An object that is not a list; a revoked proxy (on which even Array.isArray throws) is neither. */
export function isMapping(value: unknown): value is object {
  if (typeof value !== "object" || value === null) return false;
  try {
    return !Array.isArray(value);
  } catch {
    return false;
  }
}

/** What a value is, for a message that refuses it. */
export function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (typeof value !== "object") return `a ${typeof value}`;
  return isMapping(value) ? "an object of another kind" : "a list or a revoked proxy";
}

/** What an exception says, for a message; whatever was thrown (a proxy, an object whose message getter throws). */
export function thrownText(error: unknown): string {
  try {
    return clip(error instanceof Error ? error.message : String(error), 200);
  } catch {
    return "an exception that cannot be read";
  }
}
