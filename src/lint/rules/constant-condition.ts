import { varPaths } from "../../logic/compile-logic.js";
import { defineRule } from "../rule.js";
import { eligibilityOutcomes } from "./buyable.js";

export const constantCondition = defineRule({
  id: "constant-condition",
  description: "An eligibility condition that is true for every edition says nothing; one that is false for every edition blocks the add-on. Conditions on app facts are not judged.",
  defaultSeverity: "warning",
  messages: {
    alwaysTrue: "the eligibility condition of add-on {addon} holds for every edition; remove it or fix it",
    alwaysFalse: "the eligibility condition of add-on {addon} holds for no edition; nobody can buy it",
  },
  run({ files, plan }, report) {
    files.modes.forEach((sourced, index) => {
      const mode = plan.versions[index]!;
      sourced.doc.addons?.forEach((doc, i) => {
        if (!doc.eligible || varPaths(doc.eligible.when).some((v) => v === null || v.startsWith("app"))) return;
        const addon = mode.addons.get(doc.id)!;
        const outcomes = new Set([...mode.editions.keys()].flatMap((edition) => [...eligibilityOutcomes(mode, addon, edition)]));
        if (outcomes.size !== 1) return;
        report(outcomes.has(true) ? "alwaysTrue" : "alwaysFalse", { addon: addon.id }, { in: sourced, path: ["addons", i, "eligible", "when"] });
      });
    });
  },
});
