import { BUNDLED_RULES_DIR, loadRuleSet, ruleSetDirFor } from "../api.js";
import { quoteMonths } from "../decide/months.js";
import { groupText } from "../money/format.js";
import type { Quote } from "../model/quote.js";
import { renderExplanation } from "../render/explain.js";
import { renderQuoteTable } from "../render/table.js";
import { choice, oneFile, UsageError, type CliIO, type Command, type Values } from "./command.js";
import { readUsage } from "./read-usage.js";

const RENDERERS = {
  table: renderQuoteTable,
  json: (quote: Quote) => `${JSON.stringify(quote, null, 2)}\n`,
  explain: renderExplanation,
};

/** Quotes a usage document (every month of a forecast) and prints it in one of the formats. */
async function quoteUsage(file: string, rulesDir: string, format: keyof typeof RENDERERS, lean: boolean, io: CliIO): Promise<number> {
  const usage = await readUsage(file, io);
  const ruleSet = loadRuleSet(ruleSetDirFor(rulesDir, usage));
  // Tables and sentences show the words; JSON carries them unless --lean asks for amounts only.
  const forecast = quoteMonths(ruleSet, usage, { explain: format !== "json" || !lean });
  if (forecast.months.length === 1) {
    io.stdout(RENDERERS[format](forecast.months[0]!));
    return 0;
  }
  if (format === "json") {
    io.stdout(`${JSON.stringify(forecast, null, 2)}\n`);
    return 0;
  }
  const months = forecast.months.map((month) => RENDERERS[format](month));
  const summary = forecast.months.map((q) => `  ${q.period.month}  ${groupText(q.total).padStart(14)} ${q.currency}`);
  io.stdout(`${months.join("\n")}\nForecast, ${forecast.months.length} months:\n${summary.join("\n")}\n  total    ${groupText(forecast.total).padStart(14)} ${forecast.currency}\n`);
  return 0;
}

const rulesOf = (values: Values) => (values.rules as string | undefined) ?? BUNDLED_RULES_DIR;

/** `ratecard quote [--rules DIR] [--format table|json] [--lean] FILE|-`, or `--batch FILE|- [--jobs N]` for NDJSON. */
export const quoteCommand: Command = {
  name: "quote",
  options: { rules: { type: "string" }, format: { type: "string" }, lean: { type: "boolean", default: false }, batch: { type: "string" }, jobs: { type: "string" } },
  run: async (values, positionals, io) => {
    const lean = values.lean === true;
    if (typeof values.batch === "string") {
      if (positionals.length) throw new UsageError("quote --batch reads its documents from the batch file; give no other file");
      if (values.format !== undefined && values.format !== "json") throw new UsageError("quote --batch writes JSON lines; --format table does not apply");
      return (await import("./batch-command.js")).quoteBatch(values.batch, rulesOf(values), lean, values.jobs as string | undefined, io);
    }
    if (values.jobs !== undefined) throw new UsageError("--jobs applies to --batch only");
    const format = choice(values.format ?? "table", ["table", "json"], "--format");
    if (lean && format !== "json") throw new UsageError("--lean applies to --format json (and --batch) only");
    return quoteUsage(oneFile(positionals, "quote"), rulesOf(values), format, lean, io);
  },
};

/** `ratecard explain [--rules DIR] FILE|-` */
export const explainCommand: Command = {
  name: "explain",
  options: { rules: { type: "string" } },
  run: (values, positionals, io) => quoteUsage(oneFile(positionals, "explain"), rulesOf(values), "explain", false, io),
};
