import type { AddonPlan, ModePlan } from "../model/plan.js";

/** A mode's add-ons by how their rules depend on the others: worked out once per mode. */
interface Dependencies {
  /** Add-ons with a rule that reads whether other add-ons are bought. */
  dependent: readonly AddonPlan[];
  /** The add-ons some rule reads: the only ones a facts object needs to hold. */
  read: ReadonlySet<string>;
}

const dependencies = new WeakMap<ModePlan, Dependencies>();

function dependenciesOf(mode: ModePlan): Dependencies {
  let known = dependencies.get(mode);
  if (known) return known;
  const dependent: AddonPlan[] = [];
  const read = new Set<string>();
  for (const addon of mode.addons.values()) {
    const reads = addon.eligible.flatMap((rule) => (rule.readsUsage ? [] : [rule.addonsRead]));
    if (reads.some((ids) => ids.length)) dependent.push(addon);
    for (const ids of reads) for (const id of ids === "all" ? mode.addons.keys() : ids) read.add(id);
  }
  dependencies.set(mode, (known = { dependent, read }));
  return known;
}

/**
 * The add-ons an edition can buy: offered there, and eligible once the other add-ons it can
 * buy are bought too (so an add-on that depends on another counts when that one is buyable).
 * App facts are not known here; conditions see none. An add-on whose rules read no other
 * add-on is judged once; the others once per pass, on one facts object per pass that holds only
 * the add-ons some rule reads: each add-on is marked bought while its own rules run, then unmarked.
 */
export function buyableAddons(mode: ModePlan, edition: string): Set<string> {
  const { dependent, read } = dependenciesOf(mode);
  const facts = { app: {}, mode: mode.id, edition, period: "", addons: {} as Record<string, boolean>, usage: {} };
  const offered = (addon: AddonPlan) => addon.offers.get(edition)?.kind !== "not-offered";
  const waiting = new Set(dependent);
  const fixed = new Set<string>();
  for (const addon of mode.addons.values())
    if (!waiting.has(addon) && offered(addon) && eligible(addon, facts)) fixed.add(addon.id);
  const candidates = dependent.filter(offered);
  // The dependent add-ons bought in the pass before; none before the first pass (the fixed ones neither).
  let bought: Set<string> | undefined;
  // Conditions may be negative ("not with X"), so stop after one pass per add-on at most.
  for (let pass = 0; ; pass++) {
    facts.addons = {};
    if (bought) for (const id of read) if (fixed.has(id) || bought.has(id)) facts.addons[id] = true;
    const next = new Set<string>();
    for (const addon of candidates) {
      const mark = read.has(addon.id) && !Object.hasOwn(facts.addons, addon.id);
      if (mark) facts.addons[addon.id] = true;
      if (eligible(addon, facts)) next.add(addon.id);
      if (mark) delete facts.addons[addon.id];
    }
    const settled = bought
      ? next.size === bought.size && [...bought].every((id) => next.has(id))
      : fixed.size === 0 && next.size === 0;
    if (settled || pass === mode.addons.size) return new Set([...fixed, ...next]);
    bought = next;
  }
}

/** Rules on usage or quantities depend on the document; some document can meet them. */
function eligible(addon: AddonPlan, facts: unknown): boolean {
  return addon.eligible.every((rule) => rule.readsUsage || rule.when(facts));
}
