import type { Problem } from "../errors/problem.js";
import { listed } from "../errors/format.js";
import { problemIn, type Check } from "./context.js";

/** A spend limit on a group of charges names charges of the mode. */
export const spendLimits: Check = {
  id: "spend-limits",
  description: "`maximumSpend: { on: [charge ids] }` names charges that exist.",
  run({ modes }) {
    const problems: Problem[] = [];
    for (const mode of modes) {
      const charges = (mode.doc.charges ?? []).map((charge) => charge.id);
      mode.doc.editions.forEach((edition, i) => {
        const spend = edition.maximumSpend;
        if (typeof spend !== "object" || spend.on === "usage") return;
        spend.on.forEach((id, j) => {
          if (!charges.includes(id))
            problems.push(
              problemIn(
                mode,
                ["editions", i, "maximumSpend", "on", j],
                "ref.unknown-charge",
                `edition ${edition.id} caps charge "${id}", which mode ${mode.doc.id} does not have; its charges: ${listed(charges)}`,
              ),
            );
        });
      });
    }
    return problems;
  },
};
