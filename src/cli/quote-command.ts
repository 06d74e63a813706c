import { readFileSync } from "node:fs";
import { loadRuleSet, parseUsage, ruleSetDirFor } from "../api.js";
import { quoteMonths } from "../decide/months.js";
import { groupText } from "../money/format.js";
import { RatecardError } from "../errors/ratecard-error.js";
import type { Quote } from "../model/quote.js";
import { renderExplanation } from "../render/explain.js";
import { renderQuoteTable } from "../render/table.js";
import type { CliIO } from "./main.js";

interface QuoteOptions {
  file: string;
  rulesDir: string;
  format: "table" | "json" | "explain";
}

const RENDERERS = {
  table: renderQuoteTable,
  json: (quote: Quote) => `${JSON.stringify(quote, null, 2)}\n`,
  explain: renderExplanation,
};

export async function quoteCommand(options: QuoteOptions, io: CliIO): Promise<number> {
  const name = options.file === "-" ? "<stdin>" : options.file;
  const text = options.file === "-" ? await io.readStdin() : readUsageFile(options.file);
  const usage = parseUsage(text, name);
  const ruleSet = loadRuleSet(ruleSetDirFor(options.rulesDir, usage));
  const forecast = quoteMonths(ruleSet, usage);
  if (forecast.months.length === 1) {
    io.stdout(RENDERERS[options.format](forecast.months[0]!));
    return 0;
  }
  if (options.format === "json") {
    io.stdout(`${JSON.stringify(forecast, null, 2)}\n`);
    return 0;
  }
  const months = forecast.months.map((month) => RENDERERS[options.format](month));
  const summary = forecast.months.map((q) => `  ${q.period.month}  ${groupText(q.total).padStart(14)} ${q.currency}`);
  io.stdout(`${months.join("\n")}\nForecast, ${forecast.months.length} months:\n${summary.join("\n")}\n  total    ${groupText(forecast.total).padStart(14)} ${forecast.currency}\n`);
  return 0;
}

function readUsageFile(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    throw new RatecardError([{ code: missing ? "file.not-found" : "file.unreadable", message: missing ? `usage file ${file} does not exist` : `cannot read ${file}`, path: [] }]);
  }
}
