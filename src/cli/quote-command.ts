import { readFileSync } from "node:fs";
import { loadRuleSet, parseUsage, quote, ruleSetDirFor } from "../api.js";
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
  const result = quote(ruleSet, usage);
  io.stdout(RENDERERS[options.format](result));
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
