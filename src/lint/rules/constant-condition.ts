import { varPaths } from "../../logic/compile-logic.js";
import { eligibilityRulePaths } from "../../model/document.js";
import type { AddonPlan, ModePlan } from "../../model/plan.js";
import { compiledModes, defineRule } from "../rule.js";

/** Usage values and quantities a condition is tried with. */
const SAMPLES = [0, 1, 5, 100, 10_000, 1_000_000_000];

export const constantCondition = defineRule({
  id: "constant-condition",
  description:
    "An eligibility condition that is true for every edition says nothing; one that is false for every edition blocks the add-on. Conditions on usage or quantities are tried with several values; conditions on app facts are not judged.",
  defaultSeverity: "warning",
  messages: {
    alwaysTrue: "the eligibility condition of add-on {addon} holds for every edition; remove it or fix it",
    alwaysFalse: "the eligibility condition of add-on {addon} holds for no edition; nobody can buy it",
  },
  run({ files, plan }, report) {
    compiledModes(files, plan).forEach(({ sourced, mode }) => {
      const samples = sampleFacts(mode);
      sourced.doc.addons?.forEach((doc, i) => {
        const addon = mode.addons.get(doc.id);
        if (!addon) return; // compiled from this document: every add-on it lists
        eligibilityRulePaths(doc).forEach(({ rule, path }, k) => {
          if (varPaths(rule.when).some((v) => v === null || v.startsWith("app"))) return;
          const when = addon.eligible[k]?.when;
          if (!when) return; // compiled from these rules, in this order
          const outcomes = new Set<boolean>();
          for (const edition of mode.editions.keys()) {
            for (const sample of samples) {
              const alone = { [addon.id]: bought(addon, sample.amount) };
              for (const addons of [alone, sample.all])
                outcomes.add(
                  Boolean(when({ app: {}, mode: mode.id, edition, period: "", addons, usage: sample.usage })),
                );
            }
            if (outcomes.size === 2) return;
          }
          report(
            outcomes.has(true) ? "alwaysTrue" : "alwaysFalse",
            { addon: addon.id },
            { in: sourced, path: ["addons", i, ...path, "when"] },
          );
        });
      });
    });
  },
});

/**
 * For each sample amount, once per mode: every meter at that amount, and every add-on bought
 * (by that quantity when it is sold in units). Enough to see a condition that cannot change.
 */
function sampleFacts(
  mode: ModePlan,
): { amount: number; usage: Record<string, number>; all: Record<string, true | { quantity: number }> }[] {
  return SAMPLES.map((amount) => ({
    amount,
    usage: Object.fromEntries([...mode.meters.keys()].map((id) => [id, amount])),
    all: Object.fromEntries([...mode.addons.values()].map((addon) => [addon.id, bought(addon, amount)])),
  }));
}

/** An add-on bought in a sample: by that quantity when it is sold in units. */
function bought(addon: AddonPlan, amount: number): true | { quantity: number } {
  return addon.quantity ? { quantity: Math.max(amount, 1) } : true;
}
