import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { quote } from "../evaluate/quote.js";
import { parseUsage } from "../load/parse-usage.js";
import type { Plan } from "../model/plan.js";
import { exampleFiles } from "../examples/run-examples.js";
import { RatecardError } from "../errors/ratecard-error.js";
import { Decimal } from "../money/decimal.js";

/** What a change does to one example's bill. */
export interface Impact {
  example: string;
  old: string;
  new: string;
  difference: string;
}

/** Quotes the examples of both versions (matched by file name) under the old and the new rules. */
export function exampleImpact(oldDir: string, oldRules: Plan, newDir: string, newRules: Plan): Impact[] {
  const files = new Map<string, string>();
  for (const file of [...exampleFiles(oldDir), ...exampleFiles(newDir)]) files.set(basename(file), file);
  return [...files]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, file]) => {
      const text = readFileSync(file, "utf8");
      const before = total(oldRules, text, file);
      const after = total(newRules, text, file);
      const difference =
        before.value && after.value ? signed(after.value.minus(before.value), oldRules.money.scale) : "n/a";
      return { example: name, old: before.text, new: after.text, difference };
    });
}

function total(rules: Plan, text: string, file: string): { value?: Decimal; text: string } {
  try {
    const result = quote(rules, parseUsage(text, file));
    return { value: new Decimal(result.total), text: result.total };
  } catch (error) {
    if (error instanceof RatecardError) return { text: `refused (${error.problems[0]?.code})` };
    throw error;
  }
}

function signed(value: Decimal, scale: number): string {
  return `${value.isNegative() ? "" : "+"}${value.toFixed(scale)}`;
}
