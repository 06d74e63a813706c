import { didYouMean, listed } from "../errors/format.js";
import type { Problem } from "../errors/problem.js";
import { Decimal } from "../money/decimal.js";
import { idsOf, problemIn, type Check } from "./context.js";

/** A discount names charges, add-ons and editions that exist, takes at most 100%, and has an id of its own. */
export const discounts: Check = {
  id: "discounts",
  description: "Discounts target charges, add-ons and editions that exist, take at most 100%, and have distinct ids.",
  run({ modes }) {
    const problems: Problem[] = [];
    for (const mode of modes) {
      const seen = new Set<string>();
      mode.doc.discounts?.forEach((discount, i) => {
        const at = ["discounts", i];
        if (seen.has(discount.id))
          problems.push(
            problemIn(
              mode,
              [...at, "id"],
              "id.duplicate",
              `discount id "${discount.id}" is used twice in mode ${mode.doc.id}`,
            ),
          );
        seen.add(discount.id);
        if (discount.percent !== undefined && new Decimal(discount.percent).gt(100)) {
          problems.push(
            problemIn(
              mode,
              [...at, "percent"],
              "discount.percent",
              `discount ${discount.id} takes ${discount.percent}% off; a discount takes at most 100%`,
            ),
          );
        }
        if (discount.firstMonthsFrom !== undefined && discount.firstMonths === undefined)
          problems.push(
            problemIn(
              mode,
              [...at, "firstMonthsFrom"],
              "discount.first-months",
              `discount ${discount.id} says what its first months count from, but has no \`firstMonths\`: give firstMonths: N`,
            ),
          );
        if (typeof discount.on === "object") {
          const [kind, id] = Object.entries(discount.on)[0] as ["charge" | "addon", string];
          const known = idsOf(mode.doc, kind === "charge" ? "charges" : "addons");
          if (!known.includes(id))
            problems.push(
              problemIn(
                mode,
                [...at, "on", kind],
                kind === "charge" ? "ref.unknown-charge" : "ref.unknown-addon",
                `discount ${discount.id} applies to ${kind} "${id}", which mode ${mode.doc.id} does not define; ${didYouMean(id, known)}known: ${listed(known)}`,
              ),
            );
        }
        const editions = idsOf(mode.doc, "editions");
        discount.editions?.forEach((id, j) => {
          if (!editions.includes(id))
            problems.push(
              problemIn(
                mode,
                [...at, "editions", j],
                "ref.unknown-edition",
                `unknown edition "${id}"; ${didYouMean(id, editions)}known: ${listed(editions)}`,
              ),
            );
        });
      });
    }
    return problems;
  },
};
