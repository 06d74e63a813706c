import type { RuleSetFiles } from "../load/read-ruleset.js";
import { compileLogic } from "../logic/compile-logic.js";
import type { Plan } from "../model/plan.js";
import { compileMode } from "./compile-mode.js";

/** Compile: a checked rule set becomes the plan every quote evaluates. */
export function compileRuleSet({ root, modes }: RuleSetFiles): Plan {
  const doc = root.doc;
  const plan: Plan = {
    id: doc.id,
    name: doc.name,
    money: { ...doc.money },
    settlement: { ...doc.billing.settlement },
    modes: new Map(modes.map((mode) => [mode.doc.id, compileMode(mode.doc)])),
    selection: {
      rules: (doc.selection.rules ?? []).map((rule) => ({ mode: rule.mode, when: compileLogic(rule.when) })),
      default: doc.selection.default,
    },
    migrations: doc.migrations ?? [],
  };
  if (doc.description) plan.description = doc.description;
  return plan;
}
