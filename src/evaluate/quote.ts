import { RatecardError } from "../errors/ratecard-error.js";
import { inMemory, type SourceDocument } from "../load/source-document.js";
import type { Plan } from "../model/plan.js";
import type { Quote } from "../model/quote.js";
import type { UsageDocument } from "../model/usage.js";
import type { QuoteOptions } from "../usage/context.js";
import { resolveUsage } from "../usage/resolve-usage.js";
import { evaluate } from "./evaluate.js";

/**
 * Quotes a month of usage against a compiled rule set. Pure: no file or network access, so the
 * browser calculator runs this very function.
 * @param usage a usage document object, or one from `parseUsage` (errors then carry line and column).
 * @throws RatecardError listing every problem of the usage document.
 */
export function quote(ruleSet: Plan, usage: UsageDocument | SourceDocument, options: QuoteOptions = {}): Quote {
  const source = isSource(usage) ? usage : inMemory(usage);
  const resolved = resolveUsage(ruleSet, source, options);
  if (!resolved.usage) throw new RatecardError(resolved.problems);
  return evaluate(ruleSet, resolved.usage);
}

function isSource(value: UsageDocument | SourceDocument): value is SourceDocument {
  return typeof (value as SourceDocument).locate === "function";
}
