import { statSync, type Stats } from "node:fs";
import { findRuleSets } from "../api.js";
import type { Problem } from "../errors/problem.js";
import { RatecardError } from "../errors/ratecard-error.js";

/** The rule sets a command works on (`dir` itself, or the rule-set folders in it); a coded problem when there are none. */
export function ruleSetsIn(dir: string): string[] {
  const found = findRuleSets(dir);
  if (found.length) return found;
  throw new RatecardError([noRuleSet(dir)]);
}

function noRuleSet(dir: string): Problem {
  const found = statOf(dir);
  if (!found)
    return {
      code: "file.not-found",
      message: `${dir} does not exist; give a rule-set folder (with ruleset.yaml) or a folder of them`,
      path: [],
    };
  if (!found.isDirectory())
    return {
      code: "file.not-folder",
      message: `${dir} is not a folder; give a rule-set folder (with ruleset.yaml) or a folder of them`,
      path: [],
    };
  return {
    code: "ruleset.not-found",
    message: `${dir} holds no rule set (a rule set is a folder with ruleset.yaml)`,
    path: [],
  };
}

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined; // a part of the path is a file: nothing is there
  }
}
