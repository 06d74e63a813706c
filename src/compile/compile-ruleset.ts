import type { RuleSetFiles } from "../validate/read-ruleset.js";
import { compileCondition } from "../logic/compile-logic.js";
import type { ModePlan, Plan } from "../model/plan.js";
import { compileMode } from "./compile-mode.js";
import { markCompiled } from "./compiled.js";

/** Compile: a checked rule set becomes the plan every quote evaluates. */
export function compileRuleSet({ root, modes }: RuleSetFiles): Plan {
  const doc = root.doc;
  const versions = modes.map((mode) => compileMode(mode.doc));
  const plan: Plan = {
    id: doc.id,
    name: doc.name,
    money: { ...doc.money },
    modes: byMode(versions),
    versions,
    selection: {
      rules: (doc.selection.rules ?? []).map((rule) => ({ mode: rule.mode, when: compileCondition(rule.when) })),
      default: doc.selection.default,
    },
    migrations: (doc.migrations ?? []).map((migration) => ({
      ...migration,
      factPath: migration.fact.split(".").slice(1),
    })),
    ...(doc.description ? { description: doc.description } : {}),
  };
  if (doc.billing.settlement) plan.settlement = { ...doc.billing.settlement };
  return markCompiled(plan);
}

/** Versions grouped by mode id, oldest first (a version without `from` is the oldest). */
function byMode(versions: readonly ModePlan[]): Map<string, ModePlan[]> {
  const modes = new Map<string, ModePlan[]>();
  for (const version of versions) modes.set(version.id, [...(modes.get(version.id) ?? []), version]);
  for (const list of modes.values()) list.sort((a, b) => byText(a.effective?.from ?? "", b.effective?.from ?? ""));
  return modes;
}

/** Plain code-unit order: dates and ids are ASCII, so no locale (and no ICU) is needed. */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
