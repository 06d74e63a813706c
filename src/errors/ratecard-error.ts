import type { Problem } from "./problem.js";
import { formatProblem } from "./format.js";
import { readArgument, refuseArgument } from "../guard/entry.js";

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
