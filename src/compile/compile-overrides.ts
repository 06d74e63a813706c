import { Decimal } from "../money/decimal.js";
import type { ChargePlan, EditionPlan, ModePlan } from "../model/plan.js";
import type { QuotaDoc } from "../model/document.js";
import type { Overrides } from "../model/usage.js";
import { compileCommitment, compileFee, compileMaximumSpend, compileQuota } from "./compile-mode.js";
import { compilePrice } from "./models/index.js";
import { own } from "../guard/own.js";

/**
 * A mode with one customer's agreed terms in place of the named ones (checked beforehand by
 * usage/resolve-overrides.ts). An agreed quota replaces only the fields it gives. Compiled per
 * document that has overrides; the shared plan is never changed.
 */
export function withOverrides(mode: ModePlan, overrides: Overrides): ModePlan {
  const charges = mode.charges.map((charge): ChargePlan => {
    const agreed = own(overrides.charges, charge.id);
    if (!agreed) return charge;
    const cap = agreed.cap !== undefined ? { cap: new Decimal(agreed.cap) } : {};
    if (!agreed.price) return { ...charge, ...cap };
    // An agreed price prices every cell: it replaces the prices by cell.
    const { prices: _byCell, ...terms } = charge;
    return { ...terms, model: agreed.price.model, price: compilePrice(agreed.price), override: true, ...cap };
  });
  const editions = new Map(
    [...mode.editions].map(([id, edition]): [string, EditionPlan] => {
      const agreed = own(overrides.editions, id);
      if (!agreed) return [id, edition];
      // Only an agreed fee makes the fee line the customer's agreed price; spend limits have their own lines.
      const changed: EditionPlan = { ...edition, ...(agreed.fee !== undefined ? { override: true } : {}) };
      if (agreed.fee !== undefined) changed.fee = compileFee(agreed.fee);
      if (agreed.quotas !== undefined) changed.quotas = agreedQuotas(edition.quotas, agreed.quotas);
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

/** The edition's quotas with the agreed fields in place: `{ limit: 200 }` keeps the rules' included amount. */
function agreedQuotas(quotas: EditionPlan["quotas"], agreed: Record<string, QuotaDoc>): EditionPlan["quotas"] {
  const merged = new Map(quotas);
  for (const [meter, quota] of Object.entries(agreed)) {
    const rules = quotas.get(meter);
    const kept =
      rules && quota.included === undefined
        ? {
            included: rules.included,
            ...(rules.includedPer ? { includedPer: rules.includedPer } : {}),
            ...(rules.includedPerDay ? { includedPerDay: rules.includedPerDay } : {}),
            ...(rules.firstMonths !== undefined ? { firstMonths: rules.firstMonths } : {}),
          }
        : {};
    const limit =
      quota.limit !== undefined ? { limit: new Decimal(quota.limit) } : rules?.limit ? { limit: rules.limit } : {};
    const note = quota.note ?? rules?.note;
    merged.set(meter, { ...compileQuota(quota), ...kept, ...limit, ...(note ? { note } : {}) });
  }
  return merged;
}
