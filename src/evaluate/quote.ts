import { assertDocument, assertRuleSet, guarded } from "../guard/entry.js";
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
 * @throws RatecardError listing every problem of the usage document; nothing else is thrown.
 */
export function quote(ruleSet: Plan, usage: UsageDocument | SourceDocument, options: QuoteOptions = {}): Quote {
  return guarded(() => {
    assertRuleSet(ruleSet);
    return quoteSource(ruleSet, usageSource(usage), options);
  });
}

/** The quote of a source already checked to be plain data (by usageSource, or by the parser that made it). */
export function quoteSource(ruleSet: Plan, source: SourceDocument, options: QuoteOptions): Quote {
  const resolved = resolveUsage(ruleSet, source, options);
  if (!resolved.usage) throw new RatecardError(resolved.problems);
  return evaluate(ruleSet, resolved.usage);
}

/** The document as a source: one from parseUsage as it is, an object after checking it is plain data. */
export function usageSource(usage: UsageDocument | SourceDocument): SourceDocument {
  if (isSource(usage)) {
    assertDocument(usage.data);
    return usage;
  }
  assertDocument(usage);
  return inMemory(usage);
}

function isSource(value: unknown): value is SourceDocument {
  return typeof value === "object" && value !== null && typeof (value as SourceDocument).locate === "function";
}
