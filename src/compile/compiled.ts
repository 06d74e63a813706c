import { fail, kindOf } from "../errors/ratecard-error.js";
import type { Plan } from "../model/plan.js";

/** Plans made by compileRuleSet: a quote is only ever computed on one of these. */
const compiled = new WeakSet<object>();

export function markCompiled(plan: Plan): Plan {
  compiled.add(plan);
  return plan;
}

/** Throws unless `value` is a rule set from loadRuleSet (or compileRuleSet). */
export function assertRuleSet(value: unknown, name = "ruleSet"): asserts value is Plan {
  if (typeof value !== "object" || value === null || !compiled.has(value))
    fail("api.argument", `${name} must be a rule set from loadRuleSet(), not ${kindOf(value)}`);
}
