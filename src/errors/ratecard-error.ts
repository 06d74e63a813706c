import type { Problem } from "./problem.js";
import { formatProblem } from "./format.js";

/** Thrown by the public entry points; carries every problem found, not only the first. */
export class RatecardError extends Error {
  /** Every problem found, each with its code, message, path and position. */
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[]) {
    super(problems.map((p) => formatProblem(p)).join("\n"));
    this.name = "RatecardError";
    this.problems = problems;
  }
}
