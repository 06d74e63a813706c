import { ZERO } from "../../money/decimal.js";
import { counted, groupDigits, groupMoney } from "../../money/format.js";
import type { ChargeModel } from "./model.js";
import { compileTiers, everyCell } from "./tiers.js";

/** The whole quantity is priced at the tier the total falls in. */
export const volume: ChargeModel<"volume"> = {
  model: "volume",
  compile(doc) {
    const tiers = compileTiers(doc.tiers);
    const onTotal = doc.on === "total";
    const overMeter = doc.count === "meter";
    return (billable, { meter, included, scale, meterCells }) => {
      if (billable.isZero())
        return {
          amount: ZERO,
          quantity: billable,
          unit: meter.unit,
          unitPrice: null,
          words: () => ({ phrase: "at nothing", text: "→ nothing to bill" }),
        };
      // The tier is the one the total falls in when tiers count from 0 (`on: total`), else the billable quantity's;
      // counted over the meter, the total or billable quantity of all its cells.
      const meterWide = overMeter ? meterCells?.().all : undefined;
      const position = meterWide
        ? onTotal
          ? meterWide.total
          : meterWide.billable
        : onTotal
          ? billable.plus(included)
          : billable;
      const index = tiers.findIndex((tier) => !tier.upTo || position.lte(tier.upTo));
      // The check stage leaves the last tier open-ended, so some tier always holds the position.
      const tier = tiers[index]!;
      const amount = billable.mul(tier.unitPrice).plus(tier.flatPrice);
      const words = () => {
        const range = tier.upTo ? `up to ${groupDigits(tier.upTo)}` : `above ${groupDigits(tier.from)}`;
        const flat = tier.flatPrice.isZero() ? "" : ` + ${groupMoney(tier.flatPrice, scale)}`;
        const over = meterWide ? ` for the ${counted(position, meter)} of ${everyCell(meter)}` : "";
        return {
          phrase: `at ${groupMoney(tier.unitPrice, scale)} each, the volume price ${tier.upTo ? `for up to ${counted(tier.upTo, meter)}` : `above ${counted(tier.from, meter)}`}${over}${tier.flatPrice.isZero() ? "" : `, plus ${groupMoney(tier.flatPrice, scale)}`}`,
          text: `→ volume tier ${index + 1} (${range})${over}: ${groupDigits(billable)} × ${groupMoney(tier.unitPrice, scale)}${flat} = ${groupMoney(amount, scale)}`,
        };
      };
      return { amount, quantity: billable, unit: meter.unit, unitPrice: tier.unitPrice, words };
    };
  },
};
