import type { DocPath, Problem } from "../errors/problem.js";
import { chargePrices, type PriceDoc } from "../model/document.js";
import { Decimal } from "../money/decimal.js";
import { problemIn, type Check } from "./context.js";

/** Tier bounds ascend strictly and only the last tier is open-ended, so every quantity has exactly one tier; bounds are whole on a count meter. */
export const tiers: Check = {
  id: "tiers",
  description:
    "Tiers are in ascending order without overlaps, the last tier (only) has no upper bound, a count meter's bounds are whole numbers, and tiers counted over a meter's cells have no flat price.",
  run({ modes }) {
    const problems: Problem[] = [];
    for (const mode of modes) {
      const report: TierReport = (path, code, message) => problems.push(problemIn(mode, path, code, message));
      mode.doc.charges?.forEach((charge, i) => {
        const whole = mode.doc.meters.find((meter) => meter.id === charge.meter)?.integer !== false;
        for (const { price, path } of chargePrices(charge)) checkTiers(price, ["charges", i, ...path], report, whole);
      });
    }
    return problems;
  },
};

/** Where a tier problem is reported: in a rule file, or in a usage document's overrides. */
export type TierReport = (
  path: DocPath,
  code: "tiers.unbounded" | "tiers.order" | "tiers.fraction" | "tiers.count",
  message: string,
) => void;

/** Reports tiers that are not ascending, open-ended anywhere but last, or (`whole`: the meter counts whole units) with a fractional bound. */
export function checkTiers(price: PriceDoc, path: DocPath, report: TierReport, whole: boolean): void {
  if (price.model === "free" && price.then) checkTiers(price.then, [...path, "then"], report, whole);
  if (price.model !== "graduated" && price.model !== "volume") return;
  let previous: Decimal | undefined;
  price.tiers.forEach((tier, i) => {
    const last = i === price.tiers.length - 1;
    const here = [...path, "tiers", i];
    if (price.count === "meter" && tier.flatPrice !== undefined && !new Decimal(tier.flatPrice).isZero())
      report(
        [...here, "flatPrice"],
        "tiers.count",
        `tier ${i + 1} has a flatPrice, but the tiers count over the meter's cells (\`count: meter\`), where a cell's line would have to share it with the others; drop the flatPrice, or count by cell`,
      );
    if (tier.upTo === undefined) {
      if (!last)
        report(
          here,
          "tiers.unbounded",
          `tier ${i + 1} has no upTo but is not the last tier; only the last tier may be open-ended`,
        );
      return;
    }
    const bound = new Decimal(tier.upTo);
    if (whole && !bound.isInteger())
      report(
        [...here, "upTo"],
        "tiers.fraction",
        `tier ${i + 1} ends at ${bound.toFixed()}, but the meter counts whole units; set \`integer: false\` on the meter if it is fractional`,
      );
    if (previous && bound.lte(previous)) {
      report(
        [...here, "upTo"],
        "tiers.order",
        `tier ${i + 1} ends at ${bound.toFixed()}, which does not come after the previous tier's ${previous.toFixed()}; tiers must ascend without overlapping`,
      );
    }
    previous = bound;
    if (last)
      report(
        [...here, "upTo"],
        "tiers.unbounded",
        `the last tier ends at ${bound.toFixed()}; remove its upTo so that larger quantities have a price`,
      );
  });
}
