import { compiledModes, defineRule } from "../rule.js";

export const unbuyableOption = defineRule({
  id: "unbuyable-option",
  description: "An option value that is not offered in any edition that can buy the add-on is listed for nothing.",
  defaultSeverity: "warning",
  messages: { unbuyable: "option {option}={value} of add-on {addon} cannot be bought with any edition" },
  run({ files, plan, facts }, report) {
    compiledModes(files, plan).forEach(({ sourced, mode }) => {
      sourced.doc.addons?.forEach((doc, i) => {
        const addon = mode.addons.get(doc.id);
        if (!addon) return; // compiled from this document: every add-on it lists
        if (!addon.option) return;
        const buyers = [...mode.editions.keys()].filter((edition) => facts.buyable(mode, edition).has(addon.id));
        const values = new Set(
          [...addon.offers.values()].flatMap((offer) =>
            offer.kind === "priced" && offer.options ? [...offer.options.keys()] : [],
          ),
        );
        for (const value of values) {
          const sold = buyers.some((edition) => {
            const offer = addon.offers.get(edition);
            const cell = offer?.kind === "priced" ? offer.options?.get(value) : undefined;
            return cell !== undefined && cell !== "not-offered";
          });
          if (!sold)
            report(
              "unbuyable",
              { option: addon.option.id, value, addon: addon.id },
              { in: sourced, path: ["addons", i, "option"] },
            );
        }
      });
    });
  },
});
