import type { DocPath, Problem } from "../errors/problem.js";
import type { Sourced } from "../load/read-ruleset.js";
import type { ModeDoc, PriceDoc } from "../model/document.js";
import { Decimal } from "../money/decimal.js";
import { problemIn, type Check } from "./context.js";

/** Tier bounds ascend strictly and only the last tier is open-ended, so every quantity has exactly one tier. */
export const tiers: Check = {
  id: "tiers",
  description: "Tiers are in ascending order without overlaps, and the last tier (only) has no upper bound.",
  run({ modes }) {
    const problems: Problem[] = [];
    for (const mode of modes) {
      mode.doc.charges?.forEach((charge, i) => checkPrice(mode, charge.price, ["charges", i, "price"], problems));
    }
    return problems;
  },
};

function checkPrice(mode: Sourced<ModeDoc>, price: PriceDoc, path: DocPath, problems: Problem[]): void {
  if (price.model === "free" && price.then) checkPrice(mode, price.then, [...path, "then"], problems);
  if (price.model !== "graduated" && price.model !== "volume") return;
  let previous: Decimal | undefined;
  price.tiers.forEach((tier, i) => {
    const last = i === price.tiers.length - 1;
    const here = [...path, "tiers", i];
    if (tier.upTo === undefined) {
      if (!last) problems.push(problemIn(mode, here, "tiers.unbounded", `tier ${i + 1} has no upTo but is not the last tier; only the last tier may be open-ended`));
      return;
    }
    const bound = new Decimal(tier.upTo);
    if (previous && bound.lte(previous)) {
      problems.push(
        problemIn(
          mode,
          [...here, "upTo"],
          "tiers.order",
          `tier ${i + 1} ends at ${bound.toFixed()}, which does not come after the previous tier's ${previous.toFixed()}; tiers must ascend without overlapping`,
        ),
      );
    }
    previous = bound;
    if (last) problems.push(problemIn(mode, [...here, "upTo"], "tiers.unbounded", `the last tier ends at ${bound.toFixed()}; remove its upTo so that larger quantities have a price`));
  });
}
