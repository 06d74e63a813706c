import { varPaths } from "../../logic/compile-logic.js";
import { eligibilityRulePaths } from "../../model/document.js";
import { defineRule } from "../rule.js";

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
    files.modes.forEach((sourced, index) => {
      const mode = plan.versions[index]!;
      sourced.doc.addons?.forEach((doc, i) => {
        const addon = mode.addons.get(doc.id)!;
        const all = Object.fromEntries([...mode.addons.keys()].map((id) => [id, true]));
        eligibilityRulePaths(doc).forEach(({ rule, path }, k) => {
          if (varPaths(rule.when).some((v) => v === null || v.startsWith("app"))) return;
          const outcomes = new Set<boolean>();
          for (const edition of mode.editions.keys()) {
            for (const amount of SAMPLES) {
              // Every meter and every quantity at the same sample value: enough to see a condition that cannot change.
              const usage = Object.fromEntries([...mode.meters.keys()].map((id) => [id, amount]));
              const bought = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, mode.addons.get(id)!.quantity ? { quantity: Math.max(amount, 1) } : true]));
              for (const addons of [bought([addon.id]), bought(Object.keys(all))]) outcomes.add(Boolean(addon.eligible[k]!.when({ app: {}, mode: mode.id, edition, period: "", addons, usage })));
            }
          }
          if (outcomes.size === 1) report(outcomes.has(true) ? "alwaysTrue" : "alwaysFalse", { addon: addon.id }, { in: sourced, path: ["addons", i, ...path, "when"] });
        });
      });
    });
  },
});
