import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Plan } from "../src/model/plan.js";
import { loadPlan } from "../src/rulesets/load-ruleset.js";

const scratch = mkdtempSync(join(tmpdir(), "ratecard-inline-"));
let made = 0;

/**
 * A rule set with one mode, written from YAML text and loaded (compiled) on each call, so a test
 * that calls it runs the compile stage itself. `money` is the ruleset.yaml money line.
 */
export function inlineRuleSet(
  id: string,
  mode: string,
  money = "{ currency: USD, scale: 2, rounding: half-up, roundAt: line }",
): Plan {
  const dir = join(scratch, String(made++), id);
  mkdirSync(join(dir, "modes"), { recursive: true });
  writeFileSync(
    join(dir, "ruleset.yaml"),
    `id: ${id}\nname: ${id}\nmoney: ${money}\nbilling: { cycle: calendar-month, settlement: { days: 3 } }\nmodes: [modes/main.yaml]\nselection: { default: main }\n`,
  );
  writeFileSync(join(dir, "modes", "main.yaml"), `id: main\nname: Main\n${mode}`);
  return loadPlan(dir);
}
