import { runBill } from "../bill/run-bill.js";
import { defaultJobs } from "../batch/run-batch.js";
import { groupText } from "../money/format.js";
import { jobCount, totalsText } from "./batch-command.js";
import type { Command } from "./command.js";
import { eventsRequest, EVENTS_OPTIONS, meterProgress, meterSummaryText } from "./events-options.js";

/** `ratecard bill --events FILE|DIR --period YYYY-MM --ruleset ID [--customers FILE] [--rules DIR] [--mode ID] [--jobs N] [--lean]` */
export const billCommand: Command = {
  name: "bill",
  options: {
    ...EVENTS_OPTIONS,
    customers: { type: "string" },
    jobs: { type: "string" },
    lean: { type: "boolean", default: false },
  },
  async run(values, positionals, io) {
    const request = eventsRequest("bill", values, positionals);
    const jobs = values.jobs === undefined ? defaultJobs() : jobCount(values.jobs as string);
    const customers = values.customers as string | undefined;
    const summary = await runBill(
      request.ruleSet,
      {
        ...request,
        ...(customers ? { customers } : {}),
        jobs,
        lean: values.lean === true,
        onProgress: meterProgress(io),
      },
      {
        write: (text) => io.stdout(text),
        drained: () => io.drained(),
        status: (text) => io.stderr(text),
        progress: io.interactive,
      },
    );
    const { batch, meter, unknown } = summary;
    const count = (n: number) => groupText(String(n));
    // eslint-disable-next-line ratecard/no-float-money -- elapsed seconds for people, not money
    const seconds = batch.seconds.toFixed(2);
    io.stderr(
      `bill: ${count(batch.records + unknown)} customers, ${count(batch.quoted)} quoted, ${count(batch.refused + unknown)} refused` +
        `${unknown ? ` (${count(unknown)} with events but not in ${customers})` : ""}; priced in ${seconds} s, ${jobs} job${jobs === 1 ? "" : "s"}\n` +
        totalsText(batch.totals) +
        meterSummaryText(meter, request.period),
    );
    return batch.refused + unknown + meter.refused ? 1 : 0;
  },
};
