import type { AddonPlan, ModePlan } from "../../model/plan.js";

/**
 * Whether an edition can buy an add-on at all: it is offered there and its eligibility
 * holds with no other add-on bought or with every other add-on bought. App facts are
 * unknown to a linter, so conditions on them count as possibly true.
 */
export function buyableIn(mode: ModePlan, addon: AddonPlan, edition: string): boolean {
  if (addon.offers.get(edition)?.kind === "not-offered") return false;
  return !addon.eligible || eligibilityOutcomes(mode, addon, edition).has(true);
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
