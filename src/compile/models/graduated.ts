import { Decimal, ZERO } from "../../money/decimal.js";
import { counted, groupDigits, groupMoney } from "../../money/format.js";
import type { ChargeModel } from "./model.js";
import { compileTiers, everyCell, type Tier } from "./tiers.js";

/** Each unit is priced at the tier it falls in. */
export const graduated: ChargeModel<"graduated"> = {
  model: "graduated",
  compile(doc) {
    const tiers = compileTiers(doc.tiers);
    const onTotal = doc.on === "total";
    const overMeter = doc.count === "meter";
    return (billable, { meter, included, scale, meterCells }) => {
      // Counted over the meter, a cell's units come after those of the cells before it.
      const cells = overMeter ? meterCells?.() : undefined;
      const before = cells ? (onTotal ? cells.before.total : cells.before.billable) : ZERO;
      // The billed range: above the included quantity, counted from 0 or from the included quantity.
      const start = onTotal ? before.plus(included) : before;
      const end = start.plus(billable);
      let amount = ZERO;
      const used: { tier: Tier; units: Decimal }[] = [];
      for (const tier of tiers) {
        if (end.lte(tier.from)) break;
        const low = Decimal.max(tier.from, start);
        const high = tier.upTo ? Decimal.min(end, tier.upTo) : end;
        if (high.lte(low)) continue;
        const units = high.minus(low);
        amount = amount.plus(units.mul(tier.unitPrice)).plus(tier.flatPrice);
        used.push({ tier, units });
      }
      const words = () => {
        const parts = used.map(
          ({ tier, units }) =>
            `${groupDigits(units)} × ${groupMoney(tier.unitPrice, scale)}${tier.flatPrice.isZero() ? "" : ` + ${groupMoney(tier.flatPrice, scale)}`}`,
        );
        const steps = used.map(
          ({ tier, units }, i) =>
            `${i ? "the next" : "the first"} ${groupDigits(units)} at ${groupMoney(tier.unitPrice, scale)}${tier.flatPrice.isZero() ? "" : ` plus ${groupMoney(tier.flatPrice, scale)}`}`,
        );
        const from = before.isZero()
          ? ""
          : ` counted over ${everyCell(meter)}, after the ${counted(before, meter)} before these`;
        return {
          phrase: `in graduated tiers${from}: ${steps.join(", ") || "nothing"}`,
          text: `→ graduated tiers${from}: ${parts.join(" + ") || "0"} = ${groupMoney(amount, scale)}`,
        };
      };
      return { amount, quantity: billable, unit: meter.unit, unitPrice: null, words };
    };
  },
};
