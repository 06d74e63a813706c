import { Decimal } from "../../money/decimal.js";
import { groupDigits, groupMoney } from "../../money/format.js";
import { counted } from "./units.js";
import type { ChargeModel } from "./model.js";

/** Whole blocks: a partial block is billed as a full one. */
export const block: ChargeModel<"block"> = {
  model: "block",
  compile(doc) {
    const size = new Decimal(doc.blockSize);
    const price = new Decimal(doc.blockPrice);
    return (billable, { meter, scale }) => {
      // Integer division plus a remainder test stays exact however large the quantity.
      const whole = billable.divToInt(size);
      const blocks = billable.mod(size).isZero() ? whole : whole.plus(1);
      const amount = blocks.mul(price);
      const noun = blocks.eq(1) ? "block" : "blocks";
      return {
        amount,
        quantity: blocks,
        unit: `block of ${counted(size, meter)}`,
        unitPrice: price,
        words: () => ({
          phrase: `in ${groupDigits(blocks)} ${noun} of ${counted(size, meter)} at ${groupMoney(price, scale)} each`,
          text: `→ ${groupDigits(blocks)} ${noun} of ${counted(size, meter)} × ${groupMoney(price, scale)} = ${groupMoney(amount, scale)}`,
        }),
      };
    };
  },
};
