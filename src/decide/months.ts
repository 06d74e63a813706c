import type { Plan, RuleSet } from "../model/plan.js";
import { quoteOptions, quoteSource, usageSource } from "../evaluate/quote.js";
import { RatecardError } from "../errors/ratecard-error.js";
import type { SourceDocument } from "../load/source-document.js";
import { Decimal } from "../money/decimal.js";
import type { Quote } from "../model/quote.js";
import type { CreditGrant, MonthOfUsage, UsageDocument } from "../model/usage.js";
import { readDecimal } from "../money/read-decimal.js";
import type { QuoteOptions } from "../usage/context.js";
import { validateDocument } from "../validate/validate-document.js";
import { assertRuleSet } from "../compile/compiled.js";
import { guarded } from "../errors/entry.js";
import type { Problem } from "../errors/problem.js";
import { evaluate } from "../evaluate/evaluate.js";
import { resolveUsage } from "../usage/resolve-usage.js";
import { feeUnitsBilled, type FeeUnitsBilled } from "../usage/resolve-fee-units.js";

/** The quotes of every month of a usage document (one, or each entry of `months`), and their sum. */
export interface Forecast {
  /** One quote per month. */
  months: Quote[];
  /** Their sum, at the currency's scale. */
  total: string;
  /** The currency of every amount. */
  currency: string;
}

/** A forecast as it is built: one quote at least. */
export interface MonthlyForecast extends Forecast {
  months: [Quote, ...Quote[]];
}

/** The quote of a forecast's last month. */
export function lastMonth(forecast: MonthlyForecast): Quote {
  return forecast.months.reduce((_, month) => month);
}

/** Splits a document with `months` into one document per month; a plain document is one month. */
export function monthDocuments(doc: UsageDocument): UsageDocument[] {
  if (!doc.months) return [doc];
  const { months, ...shared } = doc;
  return months.map((month) => ({ ...shared, ...month }));
}

/**
 * Quotes every month of a usage document (one, or each entry of `months`) and sums them.
 * @throws RatecardError naming the month and field of any problem; nothing else is thrown.
 */
export function quoteMonths(ruleSet: RuleSet, usage: UsageDocument | SourceDocument, options?: QuoteOptions): Forecast {
  return guarded(() => {
    assertRuleSet(ruleSet);
    const checked = quoteOptions(options);
    return forecastOf(ruleSet, usageSource(usage), checked);
  });
}

/**
 * quoteMonths of a source already checked to be plain data: a batch's record, checked once by
 * the parser that made it (the caller runs it guarded). Typed as a plain Forecast: its callers
 * read the months as a list; monthlyForecast is the same for those that need a first or last month.
 */
export const forecastOf: (ruleSet: Plan, source: SourceDocument, options: QuoteOptions) => Forecast = monthlyForecast;

/** forecastOf, its months typed as at least one. */
export function monthlyForecast(ruleSet: Plan, source: SourceDocument, options: QuoteOptions): MonthlyForecast {
  const [first, ...later] = forecastMonths(source);
  if (!first) {
    // One month: quoting validates it, once.
    const single = quoteSource(ruleSet, source, options);
    return { months: [single], total: single.total, currency: single.currency };
  }
  const { months: _months, ...shared } = source.data as UsageDocument;
  // Prepaid credits carry over: each month starts with what the month before left; so do the
  // units of a per-unit interval fee billed so far.
  let credits = shared.credits;
  let billed: FeeUnitsBilled | undefined;
  const quoteMonth = (own: MonthOfUsage, index: number): Quote => {
    const month: UsageDocument = { ...shared, ...own };
    const quoted = carryingQuote(
      ruleSet,
      monthSource(source, credits ? { ...month, credits } : month, own, index),
      options,
      billed,
    );
    credits = credits && leftAfter(credits, quoted.quote);
    billed = quoted.billed;
    return quoted.quote;
  };
  const quotes: MonthlyForecast["months"] = [quoteMonth(first, 0), ...later.map((own, i) => quoteMonth(own, i + 1))];
  const total = quotes.reduce((sum, q) => sum.plus(q.total), new Decimal(0));
  return { months: quotes, total: total.toFixed(ruleSet.money.scale), currency: ruleSet.money.currency };
}

/**
 * A forecast month's quote and the units of its per-unit interval fee billed by its end. A rule
 * set with no fee interval has none to carry: its months are quoted as any document (through
 * quote frames); otherwise a month is resolved with what the month before carried.
 */
function carryingQuote(
  ruleSet: Plan,
  source: SourceDocument,
  options: QuoteOptions,
  carried: FeeUnitsBilled | undefined,
): { quote: Quote; billed?: FeeUnitsBilled | undefined } {
  if (!hasFeeIntervals(ruleSet)) return { quote: quoteSource(ruleSet, source, options) };
  const { usage, problems } = resolveUsage(ruleSet, source, options, carried);
  if (!usage) throw new RatecardError(problems);
  return { quote: evaluate(ruleSet, usage), billed: feeUnitsBilled(usage) };
}

function hasFeeIntervals(ruleSet: Plan): boolean {
  return ruleSet.versions.some((version) => [...version.editions.values()].some((edition) => edition.feeInterval));
}

/** The months of a forecast, none for a one-month document; a forecast is checked whole first, so `months: 5` is a schema problem, not a crash. */
function forecastMonths(source: SourceDocument): MonthOfUsage[] {
  if (!Object.hasOwn(source.data as object, "months")) return [];
  const invalid = validateDocument(source, "usage");
  if (invalid.length) throw new RatecardError(invalid);
  if (Object.hasOwn(source.data as object, "feeUnitsPaid")) throw new RatecardError([sharedFeeUnitsPaid(source)]);
  return (source.data as UsageDocument).months ?? [];
}

/** feeUnitsPaid beside `months` would be shared by every month, though each month carries its own from the month before. */
function sharedFeeUnitsPaid(source: SourceDocument): Problem {
  const problem: Problem = {
    code: "usage.value",
    message:
      "feeUnitsPaid beside months would hold for every month; give it in the month it is for (months[i].feeUnitsPaid), later months carry it",
    path: ["feeUnitsPaid"],
  };
  const at = source.locate(["feeUnitsPaid"]);
  return at ? { ...problem, source: at } : problem;
}

/** The credit balances after a month: each balance less what its line used. */
function leftAfter(credits: readonly CreditGrant[], quoted: Quote): CreditGrant[] {
  return credits.map((credit) => {
    const line = quoted.lines.find((l) => l.kind === "credit" && l.id === credit.id);
    return {
      ...credit,
      balance: line ? (readDecimal(credit.balance) as Decimal).plus(line.amount).toFixed() : credit.balance,
    };
  });
}

/** One month as a document of its own; problems point into `months[i]` of the file where the month sets the field. */
function monthSource(source: SourceDocument, month: UsageDocument, own: MonthOfUsage, index: number): SourceDocument {
  return {
    file: source.file,
    data: month,
    locate: (path, at) => {
      const [field] = path;
      return source.locate(field !== undefined && Object.hasOwn(own, field) ? ["months", index, ...path] : path, at);
    },
  };
}
