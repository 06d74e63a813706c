import type { Problem } from "./problem.js";
import { pathText } from "./problem.js";

/** One line per problem: `file:line:col  code  message`. */
export function formatProblem(problem: Problem): string {
  if (problem.source) {
    const { file, line, col } = problem.source;
    return `${file}:${line}:${col}  ${problem.code}  ${problem.message}`;
  }
  // Data from a program has no file: the path into the document says where.
  const where = problem.path.length ? `${pathText(problem.path)}  ` : "";
  return `${where}${problem.code}  ${problem.message}`;
}

/** A list of ids for a message: "a, b, c", or "none". */
export function listed(ids: readonly string[]): string {
  return ids.length ? ids.join(", ") : "none";
}
