import type { UsageDocument } from "../model/usage.js";
import type { MeterRun } from "../meter/run-meter.js";
import { emptyUsage } from "../meter/usage-builder.js";
import type { CustomerTerms } from "./read-customers.js";

/**
 * The metered documents merged with each customer's terms (edition, add-ons, coupons, overrides,
 * month values: all the customers file gives), then the customers without events with no usage.
 * Customers with events but no terms are left out and pushed to `unknown`: pricing them on a
 * default would be a guess. `bill` prices these documents; `meter --customers` writes them.
 */
export async function* documentsWithTerms(run: MeterRun, terms: ReadonlyMap<string, CustomerTerms>, unknown: string[]): AsyncGenerator<UsageDocument> {
  const billed = new Set<string>();
  for await (const metered of run.documents) {
    const customer = terms.get(metered.customer!);
    if (!customer) unknown.push(metered.customer!);
    else {
      billed.add(customer.customer);
      yield merged(customer, metered);
    }
  }
  for (const customer of terms.values()) {
    if (!billed.has(customer.customer)) {
      yield merged(customer, { ruleset: run.ruleset, customer: customer.customer, period: run.period.month, mode: run.mode.id, usage: emptyUsage(run.mode, run.period) });
    }
  }
}

/** The customer's terms with the metered usage added (the terms never give a metered meter: read-customers.ts). */
function merged(terms: CustomerTerms, metered: UsageDocument): UsageDocument {
  return { ruleset: metered.ruleset, ...terms, period: metered.period, mode: metered.mode, usage: { ...terms.usage, ...metered.usage } } as UsageDocument;
}
