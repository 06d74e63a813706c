import { buyableAddons } from "../../evaluate/buyable.js";
import type { AddonPlan, ModePlan } from "../../model/plan.js";

/** Whether an edition can buy an add-on at all (see evaluate/buyable.ts). */
export function buyableIn(mode: ModePlan, addon: AddonPlan, edition: string): boolean {
  return buyableAddons(mode, edition).has(addon.id);
}

/** The truth values the add-on's eligibility takes for an edition across the add-on selections tried. */
export function eligibilityOutcomes(mode: ModePlan, addon: AddonPlan, edition: string): Set<boolean> {
  const all = Object.fromEntries([...mode.addons.keys()].map((id) => [id, true]));
  const selections = [{ [addon.id]: true }, all];
  const outcomes = new Set<boolean>();
  for (const addons of selections) {
    const data = { app: {}, mode: mode.id, edition, period: "", addons };
    outcomes.add(Boolean(addon.eligible ? addon.eligible.when(data) : true));
  }
  return outcomes;
}
