import { Decimal } from "../money/decimal.js";
import { compileCells, sameCells } from "../model/cells.js";
import type { ChargePlan, EditionPlan, ModePlan, QuotaPlan } from "../model/plan.js";
import { quotaList, type QuotaDoc, type QuotasDoc } from "../model/document.js";
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
      if (agreed.quotas !== undefined) {
        delete changed.cellQuotas;
        Object.assign(changed, agreedQuotas(edition, agreed.quotas));
      }
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

/**
 * The edition's quotas with the agreed ones in place. An agreed quota replaces the rules' quota on
 * the same meter and the same cells (none: the quota for every cell), and only the fields it
 * gives: `{ limit: 200 }` keeps the rules' included amount. One for other cells is added.
 */
function agreedQuotas(edition: EditionPlan, agreed: QuotasDoc): Pick<EditionPlan, "quotas" | "cellQuotas"> {
  const quotas = new Map(edition.quotas);
  const cellQuotas = new Map(edition.cellQuotas);
  for (const [meter, written] of Object.entries(agreed)) {
    const whole = quotas.get(meter);
    const merged = [...(cellQuotas.get(meter) ?? (whole ? [whole] : []))];
    for (const quota of quotaList(written)) {
      const cells = quota.cells ? compileCells(quota.cells) : undefined;
      const at = merged.findIndex((rules) => sameCells(rules.cells, cells));
      if (at < 0) merged.push(agreedQuota(undefined, quota));
      else merged[at] = agreedQuota(merged[at], quota);
    }
    if (merged.length === 1 && !merged[0]!.cells) {
      quotas.set(meter, merged[0]!);
      cellQuotas.delete(meter);
    } else {
      quotas.delete(meter);
      cellQuotas.set(meter, merged);
    }
  }
  return { quotas, ...(cellQuotas.size ? { cellQuotas } : {}) };
}

/** One agreed quota over the rules' quota it replaces, if any. */
function agreedQuota(rules: QuotaPlan | undefined, quota: QuotaDoc): QuotaPlan {
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
  return { ...compileQuota(quota), ...kept, ...limit, ...(note ? { note } : {}) };
}
