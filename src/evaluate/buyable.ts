import type { ModePlan } from "../model/plan.js";

/**
 * The add-ons an edition can buy: offered there, and eligible once the other add-ons it can
 * buy are bought too (so an add-on that depends on another counts when that one is buyable).
 * App facts are not known here; conditions see none. One facts object serves a whole pass:
 * each add-on is marked bought while its own conditions run, then unmarked.
 */
export function buyableAddons(mode: ModePlan, edition: string): Set<string> {
  const offered = [...mode.addons.values()].filter((addon) => addon.offers.get(edition)?.kind !== "not-offered");
  const facts = { app: {}, mode: mode.id, edition, period: "", addons: {} as Record<string, boolean>, usage: {} };
  let buyable = new Set<string>();
  // Conditions may be negative ("not with X"), so stop after one pass per add-on at most.
  for (let pass = 0; pass <= mode.addons.size; pass++) {
    facts.addons = Object.fromEntries([...buyable].map((id) => [id, true]));
    const next = new Set<string>();
    for (const addon of offered) {
      const marked = buyable.has(addon.id);
      facts.addons[addon.id] = true;
      // Rules on usage or quantities depend on the document; some document can meet them.
      if (addon.eligible.every((rule) => rule.readsUsage || rule.when(facts))) next.add(addon.id);
      if (!marked) delete facts.addons[addon.id];
    }
    if (next.size === buyable.size && [...next].every((id) => buyable.has(id))) return next;
    buyable = next;
  }
  return buyable;
}
