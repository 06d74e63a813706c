import { SESSION_SQL } from "../meter/meter-sql.js";
import { meterEvents } from "../meter/run-meter.js";
import { groupText } from "../money/format.js";
import type { Command } from "./command.js";
import { eventsRequest, EVENTS_OPTIONS, meterProgress, meterSummaryText } from "./events-options.js";

/** `ratecard meter --events FILE|DIR --period YYYY-MM --ruleset ID [--rules DIR] [--mode ID] [--sql]` */
export const meterCommand: Command = {
  name: "meter",
  options: { ...EVENTS_OPTIONS, sql: { type: "boolean", default: false } },
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
    for await (const document of run.documents) {
      io.stdout(`${JSON.stringify(document)}\n`);
      await io.drained();
    }
    if (io.interactive) io.stderr("\r\x1b[K");
    io.stderr(`meter: ${groupText(String(run.summary.customers))} customers; ${meterSummaryText(run.summary, request.period)}`);
    return run.summary.refused ? 1 : 0;
  },
};
