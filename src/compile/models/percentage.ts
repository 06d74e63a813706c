import { Decimal, ZERO } from "../../money/decimal.js";
import { groupDigits, groupMoney } from "../../money/format.js";
import type { ChargeModel } from "./model.js";

/**
 * A percentage of a money meter's billable amount, raised to `minimum` (in a month with billable
 * usage) and lowered to `maximum`. Applied to the month's sum: per-transaction bounds need
 * per-transaction data, which a usage document does not carry.
 */
export const percentage: ChargeModel<"percentage"> = {
  model: "percentage",
  compile(doc) {
    const rate = new Decimal(doc.percent).div(100);
    const minimum = doc.minimum === undefined ? undefined : new Decimal(doc.minimum);
    const maximum = doc.maximum === undefined ? undefined : new Decimal(doc.maximum);
    return (billable, { meter, scale }) => {
      const raw = billable.mul(rate);
      const floor = minimum && billable.gt(0) && raw.lt(minimum) ? minimum : undefined;
      const ceiling = maximum && raw.gt(maximum) ? maximum : undefined;
      const amount = billable.isZero() ? ZERO : (ceiling ?? floor ?? raw);
      const bound = ceiling
        ? `, capped at the maximum ${groupMoney(ceiling, scale)}`
        : floor
          ? `, raised to the minimum ${groupMoney(floor, scale)}`
          : "";
      return {
        amount,
        quantity: billable,
        unit: meter.unit,
        unitPrice: rate,
        words: () => ({
          phrase: `at ${groupDigits(new Decimal(doc.percent))}%${bound}`,
          text: `× ${groupDigits(new Decimal(doc.percent))}% = ${groupMoney(raw, scale)}${bound}`,
        }),
      };
    };
  },
};
