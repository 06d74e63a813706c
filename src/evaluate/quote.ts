import { assertMapping, RatecardError, readArgument, refuseArgument } from "../errors/ratecard-error.js";
import { clip } from "../guard/clip.js";
import { inMemory, type SourceDocument } from "../load/source-document.js";
import type { Plan, RuleSet } from "../model/plan.js";
import type { Quote } from "../model/quote.js";
import type { UsageDocument } from "../model/usage.js";
import type { QuoteOptions } from "../usage/context.js";
import { resolveUsage } from "../usage/resolve-usage.js";
import { evaluate } from "./evaluate.js";
import { framedQuote } from "./quote-frames.js";
import { assertDocument } from "../load/plain-data.js";
import { assertRuleSet } from "../compile/compiled.js";
import { guarded, isParsed } from "../errors/entry.js";

/**
 * Quotes a month of usage against a compiled rule set. Pure: no file or network access, so the
 * browser calculator runs this very function.
 * @param usage a usage document object, or one from `parseUsage` (errors then carry line and column).
 * @throws RatecardError listing every problem of the usage document; nothing else is thrown.
 */
export function quote(ruleSet: RuleSet, usage: UsageDocument | SourceDocument, options?: QuoteOptions): Quote {
  return guarded(() => {
    assertRuleSet(ruleSet);
    const checked = quoteOptions(options);
    return quoteSource(ruleSet, usageSource(usage), checked);
  });
}

const OTHER_MODES_METERS: readonly unknown[] = [
  "warn",
  "ignore",
  "refuse",
] satisfies QuoteOptions["otherModesMeters"][];

/** The caller's quote options, checked and copied once: a getter is read once, a misspelt or wrong option is refused rather than ignored. */
export function quoteOptions(options: unknown): QuoteOptions {
  return readArgument("options", () => {
    if (options === undefined) return {};
    assertMapping(options, "options", "quote options ({ explain, otherModesMeters })");
    const { explain, otherModesMeters, ...unknown } = options;
    const misspelt = Object.keys(unknown)[0];
    if (misspelt !== undefined)
      refuseArgument(`options has no "${clip(misspelt)}"; quote options are explain and otherModesMeters`);
    if (explain !== undefined && typeof explain !== "boolean") refuseArgument("options.explain must be true or false");
    if (otherModesMeters !== undefined && !OTHER_MODES_METERS.includes(otherModesMeters))
      refuseArgument(`options.otherModesMeters must be ${OTHER_MODES_METERS.join(", ")}`);
    return {
      ...(explain === undefined ? {} : { explain }),
      ...(otherModesMeters === undefined
        ? {}
        : { otherModesMeters: otherModesMeters as QuoteOptions["otherModesMeters"] }),
    };
  });
}

/** The quote of a source already checked to be plain data (by usageSource, or by the parser that made it). */
export function quoteSource(ruleSet: Plan, source: SourceDocument, options: QuoteOptions): Quote {
  const quoted = framedQuote(ruleSet, source, options);
  if (quoted) return quoted;
  const resolved = resolveUsage(ruleSet, source, options);
  if (!resolved.usage) throw new RatecardError(resolved.problems);
  return evaluate(ruleSet, resolved.usage);
}

/** The document as a source: one from parseUsage as it is, an object after checking it is plain data. */
export function usageSource(usage: UsageDocument | SourceDocument): SourceDocument {
  if (isParsed(usage)) {
    const source = usage as SourceDocument;
    assertDocument(source.data);
    return source;
  }
  assertDocument(usage);
  return inMemory(usage);
}
