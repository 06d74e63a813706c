import { Decimal, writtenDecimal } from "../../money/decimal.js";
import { groupDigits, groupMoney } from "../../money/format.js";
import type { ChargeModel } from "./model.js";

/** A price per unit, or per `per` units charged pro rata. */
export const perUnit: ChargeModel<"per-unit"> = {
  model: "per-unit",
  compile(doc) {
    const unitPrice = writtenDecimal(doc.unitPrice);
    const per = new Decimal(doc.per ?? 1);
    const single = per.eq(1);
    return (billable, { meter, scale }) => {
      // Per one unit nothing is divided (÷ 1 is exact at DECIMAL_PRECISION, and a division is the
      // dearest step of a usage line). Multiplied before dividing: a quotient that does not
      // terminate is rounded once, at the end.
      const quantity = single ? billable : billable.div(per);
      const amount = single ? billable.mul(unitPrice) : billable.mul(unitPrice).div(per);
      const unit = single ? meter.unit : `${groupDigits(per)} ${meter.plural}`;
      const words = () => {
        const rate = single ? groupMoney(unitPrice, scale) : `${groupMoney(unitPrice, scale)} per ${groupDigits(per)}`;
        return { phrase: single ? `at ${rate} each` : `at ${rate}`, text: `× ${rate} = ${groupMoney(amount, scale)}` };
      };
      return { amount, quantity, unit, unitPrice, words };
    };
  },
};
