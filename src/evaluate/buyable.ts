import type { AddonPlan, ModePlan } from "../model/plan.js";

/**
 * The add-ons an edition can buy: offered there, and eligible once the other add-ons it can
 * buy are bought too (so an add-on that depends on another counts when that one is buyable).
 * App facts are not known here; conditions see none. An add-on whose rules do not read the
 * other add-ons is judged once; the others once per pass, with one facts object for the pass:
 * each add-on is marked bought while its own conditions run, then unmarked.
 */
export function buyableAddons(mode: ModePlan, edition: string): Set<string> {
  const facts = { app: {}, mode: mode.id, edition, period: "", addons: {} as Record<string, boolean>, usage: {} };
  const offered = [...mode.addons.values()].filter((addon) => addon.offers.get(edition)?.kind !== "not-offered");
  const fixed = new Set<string>();
  const dependent: AddonPlan[] = [];
  for (const addon of offered) {
    if (addon.eligible.some((rule) => rule.readsAddons && !rule.readsUsage)) dependent.push(addon);
    else if (eligible(addon, facts)) fixed.add(addon.id);
  }
  let buyable = new Set<string>();
  // Conditions may be negative ("not with X"), so stop after one pass per add-on at most.
  for (let pass = 0; pass <= mode.addons.size; pass++) {
    facts.addons = Object.fromEntries([...buyable].map((id) => [id, true]));
    const next = new Set(fixed);
    for (const addon of dependent) {
      const marked = buyable.has(addon.id);
      facts.addons[addon.id] = true;
      if (eligible(addon, facts)) next.add(addon.id);
      if (!marked) delete facts.addons[addon.id];
    }
    if (next.size === buyable.size && [...next].every((id) => buyable.has(id))) return next;
    buyable = next;
  }
  return buyable;
}

/** Rules on usage or quantities depend on the document; some document can meet them. */
function eligible(addon: AddonPlan, facts: unknown): boolean {
  return addon.eligible.every((rule) => rule.readsUsage || rule.when(facts));
}
