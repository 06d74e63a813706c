import type { Period } from "../calendar/period.js";
import type { ProblemCode } from "../errors/codes.js";
import type { DocPath, Problem } from "../errors/problem.js";
import type { SourceDocument } from "../load/source-document.js";
import type { Plan, QuoteWarning } from "../model/plan.js";
import type { TraceStep } from "../model/quote.js";
import type { UsageDocument } from "../model/usage.js";

/** What the usage resolvers share: the plan, the document and where to report. */
export interface UsageContext {
  plan: Plan;
  doc: UsageDocument;
  source: SourceDocument;
  period: Period;
  problems: Problem[];
  warnings: QuoteWarning[];
  /** Only when the quote is explained; otherwise no step is worded. */
  trace: TraceStep[] | undefined;
  options: QuoteOptions;
}

/** How strictly a usage document is read. */
export interface QuoteOptions {
  /**
   * What to do with meters that belong to another mode of the rule set (a document may carry the
   * meters of several modes, for compare): `warn` (the default) leaves them out with a warning,
   * unless the document gives no meter of the quote's mode at all (then they are errors: the quote
   * would bill none of its usage); `ignore` leaves them out silently; `refuse` reports them as errors.
   */
  otherModesMeters?: "warn" | "ignore" | "refuse" | undefined;
  /**
   * Word the quote: each line's `explanation` and the quote's `trace`. Off by default, since the
   * words cost more than the arithmetic; tables, explanations and pricing pages ask for them.
   */
  explain?: boolean | undefined;
}

export function report(
  context: UsageContext,
  path: DocPath,
  code: ProblemCode,
  message: string,
  on: "value" | "key" = "value",
): void {
  const source = context.source.locate(path, on);
  context.problems.push(source ? { code, message, path, source } : { code, message, path });
}
