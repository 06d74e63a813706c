import { Decimal, writtenDecimal } from "../../money/decimal.js";
import type { TierDoc } from "../../model/document.js";
import type { MeterPlan } from "../../model/plan.js";

export interface Tier {
  /** Exclusive lower bound: the previous tier's upTo, 0 for the first. */
  from: Decimal;
  /** Inclusive upper bound; undefined for the open-ended last tier. */
  upTo?: Decimal;
  unitPrice: Decimal;
  flatPrice: Decimal;
}

/** Tiers with their lower bounds filled in (the check stage guarantees ascending order). */
export function compileTiers(docs: readonly TierDoc[]): Tier[] {
  let from = new Decimal(0);
  return docs.map((doc) => {
    const tier: Tier = { from, unitPrice: writtenDecimal(doc.unitPrice), flatPrice: new Decimal(doc.flatPrice ?? 0) };
    if (doc.upTo !== undefined) {
      tier.upTo = new Decimal(doc.upTo);
      from = tier.upTo;
    }
    return tier;
  });
}

/** "every destination", "every class and region": the cells of a meter whose tiers count over them, in words. */
export function everyCell(meter: MeterPlan): string {
  return `every ${meter.dimensions.map((dimension) => dimension.name.toLowerCase()).join(" and ")}`;
}
