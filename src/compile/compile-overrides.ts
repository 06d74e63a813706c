import { Decimal } from "../money/decimal.js";
import type { ChargePlan, EditionPlan, ModePlan } from "../model/plan.js";
import type { Overrides } from "../model/usage.js";
import { compileCommitment, compileFee, compileMaximumSpend } from "./compile-mode.js";
import { compilePrice } from "./models/index.js";

/**
 * A mode with one customer's agreed prices in place of the named ones (checked beforehand by
 * usage/resolve-overrides.ts). Compiled per document that has overrides; the shared plan is
 * never changed.
 */
export function withOverrides(mode: ModePlan, overrides: Overrides): ModePlan {
  const charges = mode.charges.map((charge): ChargePlan => {
    const agreed = overrides.charges && Object.hasOwn(overrides.charges, charge.id) ? overrides.charges[charge.id]! : undefined;
    return agreed ? { ...charge, model: agreed.price.model, price: compilePrice(agreed.price), override: true } : charge;
  });
  const editions = new Map(
    [...mode.editions].map(([id, edition]): [string, EditionPlan] => {
      const agreed = overrides.editions && Object.hasOwn(overrides.editions, id) ? overrides.editions[id]! : undefined;
      if (!agreed) return [id, edition];
      // Only an agreed fee makes the fee line the customer's agreed price; spend limits have their own lines.
      const changed: EditionPlan = { ...edition, ...(agreed.fee !== undefined ? { override: true } : {}) };
      if (agreed.fee !== undefined) changed.fee = compileFee(agreed.fee);
      if (agreed.commitment !== undefined) changed.commitment = compileCommitment(agreed.commitment);
      if (agreed.minimumSpend !== undefined) changed.minimumSpend = new Decimal(agreed.minimumSpend);
      if (agreed.maximumSpend !== undefined) {
        delete changed.maximumSpendOn;
        Object.assign(changed, compileMaximumSpend(agreed.maximumSpend));
      }
      return [id, changed];
    }),
  );
  return { ...mode, charges, editions };
}
