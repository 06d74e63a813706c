import { Decimal, ZERO } from "../../money/decimal.js";
import { groupDigits } from "../../money/format.js";
import type { ChargeModel } from "./model.js";
import { compileTiers } from "./tiers.js";

/** Each unit is priced at the tier it falls in. */
export const graduated: ChargeModel<"graduated"> = {
  model: "graduated",
  compile(doc) {
    const tiers = compileTiers(doc.tiers);
    return (billable, { meter }) => {
      let amount = ZERO;
      const parts: string[] = [];
      const words: string[] = [];
      for (const tier of tiers) {
        if (billable.lte(tier.from)) break;
        const top = tier.upTo ? Decimal.min(billable, tier.upTo) : billable;
        const units = top.minus(tier.from);
        amount = amount.plus(units.mul(tier.unitPrice)).plus(tier.flatPrice);
        const flat = tier.flatPrice.isZero() ? "" : ` + ${groupDigits(tier.flatPrice)}`;
        parts.push(`${groupDigits(units)} × ${groupDigits(tier.unitPrice)}${flat}`);
        words.push(`${words.length ? "the next" : "the first"} ${groupDigits(units)} at ${groupDigits(tier.unitPrice)}${tier.flatPrice.isZero() ? "" : ` plus ${groupDigits(tier.flatPrice)}`}`);
      }
      const breakdown = parts.length ? parts.join(" + ") : "0";
      const phrase = `in graduated tiers: ${words.join(", ") || "nothing"}`;
      return { amount, quantity: billable, unit: meter.unit, unitPrice: null, phrase, text: `→ graduated tiers: ${breakdown} = ${groupDigits(amount)}` };
    };
  },
};
