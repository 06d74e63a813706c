import type { UsageDocument } from "../model/usage.js";
import type { MeterRun } from "../meter/run-meter.js";
import { emptyUsage } from "../meter/usage-builder.js";
import type { CustomerTerms } from "./read-customers.js";
import type { SetAside } from "./set-aside.js";

/**
 * The metered documents merged with each customer's terms (edition, add-ons, coupons, overrides,
 * month values: all the customers file gives), and the customers without events with no usage,
 * in customer order. Both streams come sorted by customer (byte order of the id), so they are
 * merged as they arrive: neither is held. Customers with events but no terms are left out and
 * pushed to `unknown`: pricing them on a default would be a guess. `bill` prices these documents;
 * `meter --customers` writes them.
 */
export async function* documentsWithTerms(
  run: MeterRun,
  terms: AsyncIterable<CustomerTerms>,
  unknown: Pick<SetAside, "push">,
): AsyncGenerator<UsageDocument> {
  const customers = terms[Symbol.asyncIterator]();
  try {
    let customer = await customers.next();
    for await (const metered of run.documents) {
      while (!customer.done && byteOrder(customer.value.customer, metered.customer) < 0) {
        yield withoutEvents(run, customer.value);
        customer = await customers.next();
      }
      if (!customer.done && customer.value.customer === metered.customer) {
        yield merged(customer.value, metered);
        customer = await customers.next();
      } else unknown.push(metered.customer);
    }
    for (; !customer.done; customer = await customers.next()) yield withoutEvents(run, customer.value);
  } finally {
    await customers.return?.();
  }
}

/** How the engines sort text: by its UTF-8 bytes (JavaScript's < compares UTF-16 code units, which differs past U+FFFF). */
function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function withoutEvents(run: MeterRun, terms: CustomerTerms): UsageDocument {
  return merged(terms, {
    ruleset: run.ruleset,
    customer: terms.customer,
    period: run.period.month,
    mode: run.mode.id,
    usage: emptyUsage(run.mode, run.period),
  });
}

/** The customer's terms with the metered usage added (the terms never give a metered meter: read-customers.ts). */
function merged(terms: CustomerTerms, metered: UsageDocument): UsageDocument {
  return {
    ruleset: metered.ruleset,
    ...terms,
    period: metered.period,
    mode: metered.mode,
    usage: { ...terms.usage, ...metered.usage },
  } as UsageDocument;
}
