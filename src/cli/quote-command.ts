import { readFileSync } from "node:fs";
import { loadRuleSet, parseUsage, quote, ruleSetDirFor } from "../api.js";
import { RatecardError } from "../errors/ratecard-error.js";
import { renderQuoteTable } from "../render/table.js";
import type { CliIO } from "./main.js";

interface QuoteOptions {
  file: string;
  rulesDir: string;
  format: "table" | "json";
}

export async function quoteCommand(options: QuoteOptions, io: CliIO): Promise<number> {
  const name = options.file === "-" ? "<stdin>" : options.file;
  const text = options.file === "-" ? await io.readStdin() : readUsageFile(options.file);
  const usage = parseUsage(text, name);
  const ruleSet = loadRuleSet(ruleSetDirFor(options.rulesDir, usage));
  const result = quote(ruleSet, usage);
  io.stdout(options.format === "json" ? `${JSON.stringify(result, null, 2)}\n` : renderQuoteTable(result));
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
