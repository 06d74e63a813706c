import { Decimal, ZERO } from "../../money/decimal.js";
import { groupMoney } from "../../money/format.js";
import type { ChargeModel } from "./model.js";

/** A fixed amount for the month whenever there is billable usage. */
export const flat: ChargeModel<"flat"> = {
  model: "flat",
  compile(doc) {
    const amount = new Decimal(doc.amount);
    return (billable, { scale }) => {
      const charged = billable.gt(0);
      return {
        amount: charged ? amount : ZERO,
        quantity: new Decimal(charged ? 1 : 0),
        unit: "month",
        unitPrice: amount,
        words: () => ({
          phrase: `at a flat ${groupMoney(amount, scale)}`,
          text: charged ? `→ flat ${groupMoney(amount, scale)}` : "→ no billable usage, no flat charge",
        }),
      };
    };
  },
};
