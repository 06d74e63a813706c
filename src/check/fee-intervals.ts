import type { Problem } from "../errors/problem.js";
import { problemIn, type Check } from "./context.js";

/** A fee billed for several months in advance is not charged by day: its mode does not prorate plan changes. */
export const feeIntervals: Check = {
  id: "fee-intervals",
  description: "Editions whose fee is billed for several months in advance belong to modes without daily proration.",
  run({ modes }) {
    const problems: Problem[] = [];
    for (const mode of modes) {
      if (mode.doc.planChanges?.proration !== "daily") continue;
      mode.doc.editions.forEach((edition, i) => {
        if (!edition.feeInterval) return;
        problems.push(
          problemIn(
            mode,
            ["editions", i, "feeInterval"],
            "fee.interval",
            `${edition.id}'s fee is billed every ${edition.feeInterval.months} months in advance, but mode ${mode.doc.id} prorates plan changes by day; use proration: none or a monthly fee`,
          ),
        );
      });
    }
    return problems;
  },
};
