import { ZERO } from "../../money/decimal.js";
import { counted, groupDigits, groupMoney } from "../../money/format.js";
import type { ChargeModel } from "./model.js";
import { compileTiers } from "./tiers.js";

/** The whole quantity is priced at the tier the total falls in. */
export const volume: ChargeModel<"volume"> = {
  model: "volume",
  compile(doc) {
    const tiers = compileTiers(doc.tiers);
    const onTotal = doc.on === "total";
    return (billable, { meter, included, scale }) => {
      if (billable.isZero())
        return {
          amount: ZERO,
          quantity: billable,
          unit: meter.unit,
          unitPrice: null,
          words: () => ({ phrase: "at nothing", text: "→ nothing to bill" }),
        };
      // The tier is the one the total falls in when tiers count from 0 (`on: total`), else the billable quantity's.
      const position = onTotal ? billable.plus(included) : billable;
      const index = tiers.findIndex((tier) => !tier.upTo || position.lte(tier.upTo));
      // The check stage leaves the last tier open-ended, so some tier always holds the position.
      const tier = tiers[index]!;
      const amount = billable.mul(tier.unitPrice).plus(tier.flatPrice);
      const words = () => {
        const range = tier.upTo ? `up to ${groupDigits(tier.upTo)}` : `above ${groupDigits(tier.from)}`;
        const flat = tier.flatPrice.isZero() ? "" : ` + ${groupMoney(tier.flatPrice, scale)}`;
        return {
          phrase: `at ${groupMoney(tier.unitPrice, scale)} each, the volume price ${tier.upTo ? `for up to ${counted(tier.upTo, meter)}` : `above ${counted(tier.from, meter)}`}${tier.flatPrice.isZero() ? "" : `, plus ${groupMoney(tier.flatPrice, scale)}`}`,
          text: `→ volume tier ${index + 1} (${range}): ${groupDigits(billable)} × ${groupMoney(tier.unitPrice, scale)}${flat} = ${groupMoney(amount, scale)}`,
        };
      };
      return { amount, quantity: billable, unit: meter.unit, unitPrice: tier.unitPrice, words };
    };
  },
};
