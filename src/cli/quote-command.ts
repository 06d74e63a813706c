import { BUNDLED_RULES_DIR, loadRuleSet, ruleSetDirFor } from "../api.js";
import { quoteMonths } from "../decide/months.js";
import { groupText } from "../money/format.js";
import type { Quote } from "../model/quote.js";
import { renderExplanation } from "../render/explain.js";
import { parseQuoteFields, pickQuoteFields, shapeExplains, type QuoteShape } from "../render/quote-fields.js";
import { renderQuoteTable } from "../render/table.js";
import { choice, oneFile, UsageError, type CliIO, type Command, type Values } from "./command.js";
import { readUsage } from "./read-usage.js";

const RENDERERS = {
  table: renderQuoteTable,
  json: (quote: Quote) => `${JSON.stringify(quote, null, 2)}\n`,
  explain: renderExplanation,
};

/** Quotes a usage document (every month of a forecast) and prints it in one of the formats. */
async function quoteUsage(
  file: string,
  rulesDir: string,
  format: keyof typeof RENDERERS,
  shape: QuoteShape,
  io: CliIO,
): Promise<number> {
  const usage = await readUsage(file, io);
  const ruleSet = loadRuleSet(ruleSetDirFor(rulesDir, usage));
  // Tables and sentences show the words; JSON carries them unless --lean or --fields asks for less.
  const forecast = quoteMonths(ruleSet, usage, { explain: format !== "json" || shapeExplains(shape) });
  const { fields } = shape;
  if (format === "json" && fields) {
    const months = forecast.months.map((month) => pickQuoteFields(month, fields));
    io.stdout(`${JSON.stringify(months.length === 1 ? months[0] : { ...forecast, months }, null, 2)}\n`);
    return 0;
  }
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
  io.stdout(
    `${months.join("\n")}\nForecast, ${forecast.months.length} months:\n${summary.join("\n")}\n  total    ${groupText(forecast.total).padStart(14)} ${forecast.currency}\n`,
  );
  return 0;
}

const rulesOf = (values: Values) => (values.rules as string | undefined) ?? BUNDLED_RULES_DIR;

/** --lean and --fields, checked against each other. */
function jsonShape(values: Values): QuoteShape {
  const lean = values.lean === true;
  if (typeof values.fields !== "string") return { lean };
  const fields = parseQuoteFields(values.fields);
  if (typeof fields === "string") throw new UsageError(fields);
  if (lean && fields.includes("trace"))
    throw new UsageError("--lean leaves the trace out; list trace in --fields or drop --lean");
  return { lean, fields };
}

/** `ratecard quote [--rules DIR] [--format table|json] [--lean] [--fields F,…] FILE|-`, or `--batch FILE|- [--jobs N]` for NDJSON. */
export const quoteCommand: Command = {
  name: "quote",
  options: {
    rules: { type: "string" },
    format: { type: "string" },
    lean: { type: "boolean", default: false },
    fields: { type: "string" },
    batch: { type: "string" },
    jobs: { type: "string" },
  },
  run: async (values, positionals, io) => {
    const shape = jsonShape(values);
    if (typeof values.batch === "string") {
      if (positionals.length)
        throw new UsageError("quote --batch reads its documents from the batch file; give no other file");
      if (values.format !== undefined && values.format !== "json")
        throw new UsageError("quote --batch writes JSON lines; --format table does not apply");
      return (await import("./batch-command.js")).quoteBatch(
        values.batch,
        rulesOf(values),
        shape,
        values.jobs as string | undefined,
        io,
      );
    }
    if (values.jobs !== undefined) throw new UsageError("--jobs applies to --batch only");
    const format = choice(values.format ?? "table", ["table", "json"], "--format");
    if ((shape.lean || shape.fields) && format !== "json")
      throw new UsageError(`${shape.lean ? "--lean" : "--fields"} applies to --format json (and --batch) only`);
    return quoteUsage(oneFile(positionals, "quote"), rulesOf(values), format, shape, io);
  },
};

/** `ratecard explain [--rules DIR] FILE|-` */
export const explainCommand: Command = {
  name: "explain",
  options: { rules: { type: "string" } },
  run: (values, positionals, io) =>
    quoteUsage(oneFile(positionals, "explain"), rulesOf(values), "explain", { lean: false }, io),
};
