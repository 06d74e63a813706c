import type { Plan } from "../model/plan.js";
import { runBatch, type BatchIO, type BatchSummary } from "../batch/run-batch.js";
import type { Problem } from "../errors/problem.js";
import type { UsageDocument } from "../model/usage.js";
import { meterEvents, type MeterRequest, type MeterSummary } from "../meter/run-meter.js";
import { readCustomers, type SortedCustomers } from "./read-customers.js";
import { SetAside } from "./set-aside.js";
import { documentsWithTerms } from "./with-terms.js";

/** What to bill: the events of a month, and optionally the customers' terms. */
export interface BillRequest extends MeterRequest {
  /** Where the rule sets are (the rule set is found there again by the pricing workers). */
  rulesDir: string;
  /** NDJSON of customers' terms (read-customers.ts); without it every customer is on the default edition. */
  customers?: string;
  jobs: number;
  lean: boolean;
}

/** What a bill did: metering, pricing (records = customers priced or refused), and customers with events but no terms. */
export interface BillSummary {
  meter: MeterSummary;
  batch: BatchSummary;
  /** Customers with events who are not in the customers file: refused, one result line each. */
  unknown: number;
}

const DOCUMENTS_PER_PIECE = 500;

/**
 * Meters the events and prices every customer in one run: the usage documents stream from the
 * engine into the batch pricer (worker threads, input order kept), merged with each customer's
 * terms on the way (both in customer order: nothing is held). Every customer gets one result line: its quote, or why it was refused;
 * customers in the file with no events are billed with no usage.
 */
export async function runBill(ruleSet: Plan, request: BillRequest, io: Omit<BatchIO, "input">): Promise<BillSummary> {
  const run = await meterEvents(ruleSet, request);
  let customers: SortedCustomers | undefined;
  try {
    customers = request.customers ? await readCustomers(request.customers, run.mode) : undefined;
  } catch (error) {
    run.close();
    throw error;
  }
  const unknown = new SetAside();
  try {
    const batch = await runBatch({ rulesDir: request.rulesDir, file: "bill", lean: request.lean }, request.jobs, {
      ...io,
      input: pieces(customers ? documentsWithTerms(run, customers.terms, unknown) : run.documents),
    }).finally(() => customers?.close());
    for await (const customer of unknown.customers()) {
      const problem: Problem = {
        code: "usage.customer",
        message: `customer ${customer} has events but is not in ${request.customers}; add its terms there`,
        path: ["customer"],
      };
      io.write(Buffer.from(`${JSON.stringify({ customer, problems: [problem] })}\n`));
      await io.drained();
    }
    return { meter: run.summary, batch, unknown: unknown.count };
  } finally {
    unknown.close();
  }
}

/** Documents as NDJSON text, a few hundred lines at a time (the batch reader cuts them into records). */
async function* pieces(documents: AsyncIterable<UsageDocument>): AsyncGenerator<string> {
  let piece = "";
  let count = 0;
  for await (const document of documents) {
    piece += `${JSON.stringify(document)}\n`;
    if (++count === DOCUMENTS_PER_PIECE) {
      yield piece;
      piece = "";
      count = 0;
    }
  }
  if (piece) yield piece;
}
