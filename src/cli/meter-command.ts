import { readCustomers } from "../bill/read-customers.js";
import { documentsWithTerms } from "../bill/with-terms.js";
import { SESSION_SQL } from "../meter/meter-sql.js";
import { meterEvents, type MeterRun } from "../meter/run-meter.js";
import type { UsageDocument } from "../model/usage.js";
import { groupText } from "../money/format.js";
import type { Command } from "./command.js";
import { eventsRequest, EVENTS_OPTIONS, meterProgress, meterSummaryText } from "./events-options.js";

/** `ratecard meter --events FILE|DIR --period YYYY-MM --ruleset ID [--customers FILE] [--rules DIR] [--mode ID] [--sql]` */
export const meterCommand: Command = {
  name: "meter",
  options: { ...EVENTS_OPTIONS, customers: { type: "string" }, sql: { type: "boolean", default: false } },
  async run(values, positionals, io) {
    const { ruleSet, ...request } = eventsRequest("meter", values, positionals);
    const run = await meterEvents(ruleSet, { ...request, onProgress: meterProgress(io) });
    if (values.sql) {
      run.close();
      io.stdout(
        `${SESSION_SQL};\n\n${run.sql.parsed};\n\n-- usage: one row per customer, meter and cell\n${run.sql.usage};\n\n-- outcomes: events metered, outside the month, or refused and why\n${run.sql.outcomes};\n`,
      );
      return 0;
    }
    const customers = values.customers as string | undefined;
    const unknown: string[] = [];
    const documents = customers ? await withTerms(run, customers, unknown) : run.documents;
    for await (const document of documents) {
      io.stdout(`${JSON.stringify(document)}\n`);
      await io.drained();
    }
    if (io.interactive) io.stderr("\r\x1b[K");
    if (!customers)
      io.stderr(
        "meter: the documents carry no terms (edition, add-ons, coupons, overrides): quote --batch prices them on the rule set's defaults; --customers FILE writes each customer's terms into its document, as bill applies them\n",
      );
    for (const customer of unknown) io.stderr(`usage.customer  customer ${customer} has events but is not in ${customers}; add its terms there (its document is not written)\n`);
    io.stderr(`meter: ${groupText(String(run.summary.customers))} customers; ${meterSummaryText(run.summary, request.period)}`);
    return run.summary.refused || unknown.length ? 1 : 0;
  },
};

/** The documents with each customer's terms from the customers file (read before any document is written). */
async function withTerms(run: MeterRun, customers: string, unknown: string[]): Promise<AsyncIterable<UsageDocument>> {
  try {
    return documentsWithTerms(run, await readCustomers(customers, run.mode), unknown);
  } catch (error) {
    run.close();
    throw error;
  }
}
