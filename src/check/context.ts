import type { ProblemCode } from "../errors/codes.js";
import type { DocPath, Problem } from "../errors/problem.js";
import type { RuleSetFiles, Sourced } from "../validate/read-ruleset.js";
import type { ModeDoc } from "../model/document.js";

/** A semantic check over a schema-valid rule set. One check per file, named by its id. */
export interface Check {
  id: string;
  description: string;
  run(files: RuleSetFiles): Problem[];
}

/** Builds a problem positioned in `sourced`'s file. */
export function problemIn(
  sourced: Sourced<unknown>,
  path: DocPath,
  code: ProblemCode,
  message: string,
  on: "value" | "key" = "value",
): Problem {
  const source = sourced.source.locate(path, on);
  return source ? { code, message, path, source } : { code, message, path };
}

/** Ids of one kind in a mode, for reference checks. */
export function idsOf(mode: ModeDoc, kind: "meters" | "editions" | "charges" | "addons" | "entitlements"): string[] {
  return (mode[kind] ?? []).map((item) => item.id);
}
