import type { EditionPlan, ModePlan } from "../model/plan.js";
import { type Decimal, ZERO } from "../money/decimal.js";

/** What an edition costs a month at zero usage, before its add-ons; a fee per unit counted for one unit. */
export interface EditionPrice {
  /** A fee per unit of a meter (seats): counted in `total` for one unit, as add-ons sold by the unit are. */
  perUnit?: { unitPrice: Decimal; unit: string };
  /**
   * The month's total with add-ons costing `addons`: the fee (one billed every N months counted
   * as its Nth part; a fee per unit for one unit) plus any commitment and the add-ons, raised to
   * the minimum spend, capped at a cap on the whole quote. It never falls as `addons` grows, so the cheapest add-ons give the
   * cheapest total.
   */
  total: (addons: Decimal) => Decimal;
}

export function editionPrice(mode: ModePlan, edition: EditionPlan): EditionPrice {
  const { fee } = edition;
  const months = edition.feeInterval?.months ?? 1;
  const feePart =
    fee.kind === "flat" ? fee.amount.div(months) : fee.kind === "per-unit" ? fee.unitPrice.div(months) : ZERO;
  const commitment = edition.commitment ? edition.commitment.quantity.mul(edition.commitment.unitPrice) : ZERO;
  const cap = edition.maximumSpendOn === undefined ? edition.maximumSpend : undefined;
  const total = (addons: Decimal): Decimal => {
    const sum = feePart.plus(commitment).plus(addons);
    const raised = edition.minimumSpend && sum.lt(edition.minimumSpend) ? edition.minimumSpend : sum;
    return cap && raised.gt(cap) ? cap : raised;
  };
  return {
    ...(fee.kind === "per-unit"
      ? { perUnit: { unitPrice: fee.unitPrice.div(months), unit: mode.meters.get(fee.meter)?.unit ?? fee.meter } }
      : {}),
    total,
  };
}
