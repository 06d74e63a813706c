import type { Period } from "../calendar/period.js";
import type { ProblemCode } from "../errors/codes.js";
import type { DocPath, Problem } from "../errors/problem.js";
import type { SourceDocument } from "../load/source-document.js";
import type { Plan, QuoteWarning } from "../model/plan.js";
import type { UsageDocument } from "../model/usage.js";

/** What the usage resolvers share: the plan, the document and where to report. */
export interface UsageContext {
  plan: Plan;
  doc: UsageDocument;
  source: SourceDocument;
  period: Period;
  problems: Problem[];
  warnings: QuoteWarning[];
  trace: { rule: string; text: string }[];
}

export function report(context: UsageContext, path: DocPath, code: ProblemCode, message: string, on: "value" | "key" = "value"): void {
  const source = context.source.locate(path, on);
  context.problems.push(source ? { code, message, path, source } : { code, message, path });
}
