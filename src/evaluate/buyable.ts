import type { AddonPlan, ModePlan } from "../model/plan.js";

/**
 * The add-ons an edition can buy: offered there, and eligible once the other add-ons it can
 * buy are bought too (so an add-on that depends on another counts when that one is buyable).
 * App facts are not known here; conditions see none.
 */
export function buyableAddons(mode: ModePlan, edition: string): Set<string> {
  let buyable = new Set<string>();
  // Conditions may be negative ("not with X"), so stop after one pass per add-on at most.
  for (let pass = 0; pass <= mode.addons.size; pass++) {
    const bought = Object.fromEntries([...buyable].map((id) => [id, true]));
    const next = new Set([...mode.addons.values()].filter((addon) => eligible(mode, addon, edition, { ...bought, [addon.id]: true })).map((a) => a.id));
    if (next.size === buyable.size && [...next].every((id) => buyable.has(id))) return next;
    buyable = next;
  }
  return buyable;
}

function eligible(mode: ModePlan, addon: AddonPlan, edition: string, addons: Record<string, boolean>): boolean {
  if (addon.offers.get(edition)?.kind === "not-offered") return false;
  // Rules on usage or quantities depend on the document; some document can meet them.
  const data = { app: {}, mode: mode.id, edition, period: "", addons, usage: {} };
  return addon.eligible.every((rule) => rule.readsUsage || rule.when(data));
}
