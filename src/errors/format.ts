import type { Problem } from "./problem.js";
import { pathText } from "./problem.js";

/** One line per problem: `file:line:col  code  message`. */
export function formatProblem(problem: Problem): string {
  const where = problem.source
    ? `${problem.source.file}:${problem.source.line}:${problem.source.col}`
    : pathText(problem.path);
  return `${where}  ${problem.code}  ${problem.message}`;
}
