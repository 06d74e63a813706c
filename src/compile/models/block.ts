import { Decimal, isOne, wholeNumber, writtenDecimal } from "../../money/decimal.js";
import { counted, groupDigits, groupMoney } from "../../money/format.js";
import type { MeterPlan } from "../../model/plan.js";
import type { ChargeModel } from "./model.js";

/** Whole blocks: a partial block is billed as a full one. */
export const block: ChargeModel<"block"> = {
  model: "block",
  compile(doc) {
    const size = new Decimal(doc.blockSize);
    const price = writtenDecimal(doc.blockPrice);
    const countBlocks = blockCounter(size);
    // "10,000 users" depends only on the meter: worded once per meter, not on every quote.
    const sizes = new WeakMap<MeterPlan, string>();
    const sizeText = (meter: MeterPlan) => {
      const known = sizes.get(meter);
      if (known !== undefined) return known;
      const text = counted(size, meter);
      sizes.set(meter, text);
      return text;
    };
    // So is the price at the money policy's scale.
    const prices = new Map<number, string>();
    const priceText = (scale: number) => {
      const known = prices.get(scale);
      if (known !== undefined) return known;
      const text = groupMoney(price, scale);
      prices.set(scale, text);
      return text;
    };
    return (billable, { meter, scale }) => {
      const blocks = countBlocks(billable);
      const amount = blocks.mul(price);
      return {
        amount,
        quantity: blocks,
        unit: `block of ${sizeText(meter)}`,
        unitPrice: price,
        words: () => {
          const count = `${groupDigits(blocks)} ${isOne(blocks) ? "block" : "blocks"} of ${sizeText(meter)}`;
          return {
            phrase: `in ${count} at ${priceText(scale)} each`,
            text: `→ ${count} × ${priceText(scale)} = ${groupMoney(amount, scale)}`,
          };
        },
      };
    };
  },
};

/**
 * Blocks needed for a quantity, rounded up. Whole quantities below 10^15 (nearly all usage) are
 * counted on numbers, 10–30× faster than Decimal division, and exactly: the float quotient is
 * within quantity × 2^-53 / size of the true one, below the 1/size gap to the next whole number
 * while the quantity is below 2^53, so `Math.ceil` needs no correction. Anything else takes
 * integer division and a remainder test on Decimals.
 */
function blockCounter(size: Decimal): (quantity: Decimal) => Decimal {
  const wholeSize = wholeNumber(size);
  return (quantity) => {
    const whole = wholeSize === undefined ? undefined : wholeNumber(quantity);
    // eslint-disable-next-line ratecard/no-float-money -- a count of blocks, exact (see above)
    if (whole !== undefined && wholeSize !== undefined) return new Decimal(Math.ceil(whole / wholeSize));
    const quotient = quantity.divToInt(size);
    return quantity.mod(size).isZero() ? quotient : quotient.plus(1);
  };
}
