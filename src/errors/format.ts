import { assertMapping, readArgument, refuseArgument } from "../guard/entry.js";
import type { Problem } from "./problem.js";
import { pathText } from "./problem.js";

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
    if (typeof code !== "string" || typeof message !== "string") refuseArgument("problem.code and problem.message must be strings");
    if (!Array.isArray(path) || !path.every((part) => typeof part === "string" || typeof part === "number")) refuseArgument("problem.path must be a list of keys and indexes");
    if (source === undefined) return { code, message, path } as Problem;
    assertMapping(source, "problem.source", "a position ({ file, line, col })");
    const { file, line, col } = source;
    if (typeof file !== "string" || !Number.isInteger(line) || !Number.isInteger(col)) refuseArgument("problem.source must be { file, line, col }: a string and two whole numbers");
    return { code, message, path, source: { file, line: line as number, col: col as number } } as Problem;
  });
}

/** A list of ids for a message: "a, b, c", or "none". */
export function listed(ids: readonly string[]): string {
  return ids.length ? ids.join(", ") : "none";
}
