import { readCustomers } from "../bill/read-customers.js";
import { documentsWithTerms } from "../bill/with-terms.js";
import { SetAside } from "../bill/set-aside.js";
import { meterEvents, type MeterRun } from "../meter/run-meter.js";
import type { UsageDocument } from "../model/usage.js";
import { groupText } from "../money/format.js";
import { UsageError, type Command } from "./command.js";
import { eventsRequest, EVENTS_OPTIONS, meterProgress, meterSummaryText } from "./events-options.js";

/** How much NDJSON text meter gathers before it writes. */
const WRITE_CHARS = 64 * 1024;

/** `ratecard meter --events FILE|DIR --period YYYY-MM --ruleset ID [--customers FILE] [--rules DIR] [--mode ID] [--engine E] [--sql [--dialect D]]` */
export const meterCommand: Command = {
  name: "meter",
  options: {
    ...EVENTS_OPTIONS,
    customers: { type: "string" },
    sql: { type: "boolean", default: false },
    dialect: { type: "string" },
  },
  async run(values, positionals, io) {
    const { ruleSet, ...request } = eventsRequest("meter", values, positionals);
    const dialect = values.dialect as string | undefined;
    if (dialect !== undefined && !values.sql)
      throw new UsageError("--dialect says which SQL --sql prints; give --sql with it");
    if (dialect !== undefined && dialect !== "duckdb" && dialect !== "clickhouse")
      throw new UsageError(`--dialect must be duckdb or clickhouse, not "${dialect}"`);
    const run = await meterEvents(ruleSet, {
      ...request,
      ...(dialect ? { dialect } : {}),
      onProgress: meterProgress(io),
    });
    if (values.sql) {
      run.close();
      const { session, setup, usage, outcomes } = run.sql;
      io.stdout(
        [...session, ...setup].map((statement) => `${statement};\n\n`).join("") +
          `-- usage: one row per customer, meter and cell\n${usage};\n\n-- outcomes: events metered, outside the month, or refused and why\n${outcomes};\n`,
      );
      return 0;
    }
    const customers = values.customers as string | undefined;
    const unknown = new SetAside();
    try {
      const documents = customers ? await withTerms(run, customers, unknown) : run.documents;
      // Written ~64 KB at a time: a write per document cost ~3 µs each (a system call to a file).
      let pending = "";
      try {
        for await (const document of documents) {
          pending += `${JSON.stringify(document)}\n`;
          if (pending.length < WRITE_CHARS) continue;
          io.stdout(pending);
          pending = "";
          await io.drained();
        }
      } finally {
        // What was metered before a failure is still written, as it would have been document by document.
        if (pending) io.stdout(pending);
      }
      // A turn of the event loop after the last write: a reader that has gone (`| head -1`) ends
      // the process there (status 141, processIO), before the summary is printed.
      await io.drained();
      await new Promise((resolve) => setImmediate(resolve));
      if (io.interactive) io.stderr("\r\x1b[K");
      if (!customers)
        io.stderr(
          "meter: the documents carry no terms (edition, add-ons, coupons, overrides): quote --batch prices them on the rule set's defaults; --customers FILE writes each customer's terms into its document, as bill applies them\n",
        );
      for await (const customer of unknown.customers())
        io.stderr(
          `usage.customer  customer ${customer} has events but is not in ${customers}; add its terms there (its document is not written)\n`,
        );
    } finally {
      unknown.close();
    }
    io.stderr(
      `meter: ${groupText(String(run.summary.customers))} customers; ${meterSummaryText(run.summary, request.period)}`,
    );
    return run.summary.refused || unknown.count ? 1 : 0;
  },
};

/** The documents with each customer's terms from the customers file (read before any document is written). */
async function withTerms(run: MeterRun, customers: string, unknown: SetAside): Promise<AsyncIterable<UsageDocument>> {
  try {
    return documentsWithTerms(run, (await readCustomers(customers, run.mode)).terms, unknown);
  } catch (error) {
    run.close();
    throw error;
  }
}
