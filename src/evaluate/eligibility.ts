import type { AddonPlan } from "../model/plan.js";

/** The messages of the add-on's eligibility rules that fail on `data`; empty when it may be bought. */
export function failedEligibility(addon: AddonPlan, data: unknown): string[] {
  const failed: string[] = [];
  for (const rule of addon.eligible) if (!rule.when(data)) failed.push(rule.message);
  return failed;
}
