import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { quote, validateRuleSet, type Quote, type RuleSet } from "../src/index.js";
import type { Plan } from "../src/model/plan.js";
import { loadPlan } from "../src/rulesets/load-ruleset.js";

const scratch = mkdtempSync(join(tmpdir(), "ratecard-inline-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let written = 0;

/** The money rules of an inline rule set; USD to the cent, half-up, rounded per line unless a case says otherwise. */
export interface InlineMoney {
  scale?: number;
  rounding?: "half-up" | "half-even" | "half-down" | "up" | "down";
  roundAt?: "line" | "total";
}

/**
 * Writes a one-mode rule set (id `inline`, mode `main`) from plain data into a scratch folder and
 * returns the folder: the files are JSON, which YAML reads as written.
 */
export function inlineRuleSetDir(
  mode: Record<string, unknown>,
  money: InlineMoney = {},
  root: Record<string, unknown> = {},
): string {
  const dir = join(scratch, String(written++), "inline");
  mkdirSync(join(dir, "modes"), { recursive: true });
  const rootDoc = {
    id: "inline",
    name: "Inline",
    money: { currency: "USD", scale: 2, rounding: "half-up", roundAt: "line", ...money },
    billing: { cycle: "calendar-month" },
    modes: ["modes/main.yaml"],
    selection: { default: "main" },
    ...root,
  };
  writeFileSync(join(dir, "ruleset.yaml"), JSON.stringify(rootDoc));
  writeFileSync(join(dir, "modes", "main.yaml"), JSON.stringify({ id: "main", name: "Main", ...mode }));
  return dir;
}

/** The same rule set, loaded (validated, checked, compiled) as the CLI loads it. */
export function inlineRuleSet(
  mode: Record<string, unknown>,
  money: InlineMoney = {},
  root: Record<string, unknown> = {},
): Plan {
  return loadPlan(inlineRuleSetDir(mode, money, root));
}

/** The problem codes of an inline rule set that must not load. */
export function inlineProblems(mode: Record<string, unknown>, root: Record<string, unknown> = {}): string[] {
  return validateRuleSet(inlineRuleSetDir(mode, {}, root)).map((p) => p.code);
}

/** Quotes October 2026 under an inline rule set. */
export function inlineQuote(rules: RuleSet, doc: Record<string, unknown>): Quote {
  return quote(rules, { ruleset: "inline", period: "2026-10", usage: {}, ...doc }, { explain: true });
}
