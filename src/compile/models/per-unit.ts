import { Decimal } from "../../money/decimal.js";
import { groupDigits } from "../../money/format.js";
import type { ChargeModel } from "./model.js";

/** A price per unit, or per `per` units charged pro rata. */
export const perUnit: ChargeModel<"per-unit"> = {
  model: "per-unit",
  compile(doc) {
    const unitPrice = new Decimal(doc.unitPrice);
    const per = new Decimal(doc.per ?? 1);
    return (billable, { meter }) => {
      const quantity = billable.div(per);
      // Multiplied before dividing: a quotient that does not terminate is rounded once, at the end.
      const amount = billable.mul(unitPrice).div(per);
      const unit = per.eq(1) ? meter.unit : `${groupDigits(per)} ${meter.plural}`;
      const rate = per.eq(1) ? groupDigits(unitPrice) : `${groupDigits(unitPrice)} per ${groupDigits(per)}`;
      const phrase = per.eq(1) ? `at ${groupDigits(unitPrice)} each` : `at ${groupDigits(unitPrice)} per ${groupDigits(per)}`;
      return { amount, quantity, unit, unitPrice, phrase, text: `× ${rate} = ${groupDigits(amount)}` };
    };
  },
};
