import type { AddonPlan } from "../model/plan.js";

/** The messages of the add-on's eligibility rules that fail on the facts; empty when it may be bought. */
export function failedEligibility(addon: AddonPlan, facts: () => unknown): string[] {
  const failed: string[] = [];
  for (const rule of addon.eligible) if (!rule.when(facts())) failed.push(rule.message);
  return failed;
}
