import type { RuleSet } from "../api.js";
import { quote } from "../evaluate/quote.js";
import type { SourceDocument } from "../load/source-document.js";
import { Decimal } from "../money/decimal.js";
import type { Quote } from "../model/quote.js";
import type { UsageDocument } from "../model/usage.js";
import type { QuoteOptions } from "../usage/context.js";

/** The quotes of every month of a usage document (one, or each entry of `months`), and their sum. */
export interface Forecast {
  /** One quote per month. */
  months: Quote[];
  /** Their sum, at the currency's scale. */
  total: string;
  /** The currency of every amount. */
  currency: string;
}

/** Splits a document with `months` into one document per month; a plain document is one month. */
export function monthDocuments(doc: UsageDocument): UsageDocument[] {
  if (!doc.months) return [doc];
  const { months, ...shared } = doc;
  return months.map((month) => ({ ...shared, ...month }) as UsageDocument);
}

/**
 * Quotes every month of a usage document (one, or each entry of `months`) and sums them.
 * @throws RatecardError naming the month and field of any problem.
 */
export function quoteMonths(ruleSet: RuleSet, usage: UsageDocument | SourceDocument, options: QuoteOptions = {}): Forecast {
  const isSource = typeof (usage as SourceDocument).locate === "function";
  const doc = (isSource ? (usage as SourceDocument).data : usage) as UsageDocument;
  if (!doc?.months) {
    const single = quote(ruleSet, usage, options);
    return { months: [single], total: single.total, currency: single.currency };
  }
  const quotes = monthDocuments(doc).map((month, i) => quoteMonth(ruleSet, usage, isSource, month, i, options));
  const total = quotes.reduce((sum, q) => sum.plus(q.total), new Decimal(0));
  return { months: quotes, total: total.toFixed(ruleSet.money.scale), currency: ruleSet.money.currency };
}

/** Quotes one month; problems point into `months[i]` of the file when there is one. */
function quoteMonth(ruleSet: RuleSet, usage: UsageDocument | SourceDocument, isSource: boolean, month: UsageDocument, index: number, options: QuoteOptions): Quote {
  if (!isSource) return quote(ruleSet, month, options);
  const source = usage as SourceDocument;
  const located: SourceDocument = {
    file: source.file,
    data: month,
    locate: (path, at) => {
      const own = ["period", "usage", "changes", "addons", "edition"].includes(String(path[0])) && month !== undefined;
      return source.locate(own ? ["months", index, ...path] : path, at);
    },
  };
  return quote(ruleSet, located, options);
}
