import { defineRule } from "../rule.js";
import { buyableIn } from "./buyable.js";

export const unusedAddon = defineRule({
  id: "unused-addon",
  description: "An add-on that no edition can buy (not offered anywhere, or its eligibility excludes every edition) can never be sold.",
  defaultSeverity: "warning",
  messages: { unbuyable: "add-on {addon} cannot be bought with any edition of mode {mode}" },
  run({ files, plan }, report) {
    files.modes.forEach((sourced, index) => {
      const mode = plan.versions[index]!;
      sourced.doc.addons?.forEach((doc, i) => {
        const addon = mode.addons.get(doc.id)!;
        if (![...mode.editions.keys()].some((edition) => buyableIn(mode, addon, edition))) {
          report("unbuyable", { addon: addon.id, mode: mode.id }, { in: sourced, path: ["addons", i, "id"] });
        }
      });
    });
  },
});
