import { Decimal, ZERO } from "../../money/decimal.js";
import { groupDigits } from "../../money/format.js";
import type { ChargeModel } from "./model.js";
import { compileTiers, type Tier } from "./tiers.js";

/** Each unit is priced at the tier it falls in. */
export const graduated: ChargeModel<"graduated"> = {
  model: "graduated",
  compile(doc) {
    const tiers = compileTiers(doc.tiers);
    return (billable, { meter }) => {
      let amount = ZERO;
      const used: { tier: Tier; units: Decimal }[] = [];
      for (const tier of tiers) {
        if (billable.lte(tier.from)) break;
        const top = tier.upTo ? Decimal.min(billable, tier.upTo) : billable;
        const units = top.minus(tier.from);
        amount = amount.plus(units.mul(tier.unitPrice)).plus(tier.flatPrice);
        used.push({ tier, units });
      }
      const words = () => {
        const parts = used.map(({ tier, units }) => `${groupDigits(units)} × ${groupDigits(tier.unitPrice)}${tier.flatPrice.isZero() ? "" : ` + ${groupDigits(tier.flatPrice)}`}`);
        const steps = used.map(
          ({ tier, units }, i) => `${i ? "the next" : "the first"} ${groupDigits(units)} at ${groupDigits(tier.unitPrice)}${tier.flatPrice.isZero() ? "" : ` plus ${groupDigits(tier.flatPrice)}`}`,
        );
        return { phrase: `in graduated tiers: ${steps.join(", ") || "nothing"}`, text: `→ graduated tiers: ${parts.join(" + ") || "0"} = ${groupDigits(amount)}` };
      };
      return { amount, quantity: billable, unit: meter.unit, unitPrice: null, words };
    };
  },
};
