import { compiledModes, defineRule } from "../rule.js";

export const unusedAddon = defineRule({
  id: "unused-addon",
  description:
    "An add-on that no edition can buy (not offered anywhere, or its eligibility excludes every edition) can never be sold.",
  defaultSeverity: "warning",
  messages: { unbuyable: "add-on {addon} cannot be bought with any edition of mode {mode}" },
  run({ files, plan, facts }, report) {
    compiledModes(files, plan).forEach(({ sourced, mode }) => {
      sourced.doc.addons?.forEach((doc, i) => {
        const addon = mode.addons.get(doc.id);
        if (!addon) return; // compiled from this document: every add-on it lists
        if (![...mode.editions.keys()].some((edition) => facts.buyable(mode, edition).has(addon.id))) {
          report("unbuyable", { addon: addon.id, mode: mode.id }, { in: sourced, path: ["addons", i, "id"] });
        }
      });
    });
  },
});
