import { parsePeriod } from "../calendar/period.js";
import { clip } from "../guard/clip.js";
import type { Decimal } from "../money/decimal.js";
import { readDecimal, refusalText } from "../money/read-decimal.js";
import type { Problem } from "../errors/problem.js";
import type { SourceDocument } from "../load/source-document.js";
import type { DiscountPlan, EditionPlan, ModePlan, Plan, QuoteWarning } from "../model/plan.js";
import { resolveDiscounts } from "./resolve-discounts.js";
import { resolveOverrides, warnUnusedOverrides } from "./resolve-overrides.js";
import type { TraceStep } from "../model/quote.js";
import type { UsageDocument } from "../model/usage.js";
import type { Period } from "../calendar/period.js";
import { validateDocument } from "../validate/validate-document.js";
import { report, type QuoteOptions, type UsageContext } from "./context.js";
import type { MeterReading } from "./meter-reading.js";
import { checkNeededMeters, readMeters } from "./read-meters.js";
import { resolveEdition } from "./resolve-edition.js";
import { resolveFeeUnitsPaid, type FeeUnitsBilled } from "./resolve-fee-units.js";
import { resolveMode } from "./resolve-mode.js";
import { monthEdition } from "./resolve-quotas.js";
import { resolveSegments, type Segment } from "./resolve-segments.js";

/** A usage document checked against the plan: everything the evaluator needs, nothing left to doubt. */
export interface ResolvedUsage {
  doc: UsageDocument;
  period: Period;
  mode: ModePlan;
  /** The edition at the end of the month, its quotas for the first months resolved: usage charges use its quotas and prices. */
  edition: EditionPlan;
  meters: Map<string, MeterReading>;
  /** The month split at each edition or add-on change; one segment when nothing changes. */
  segments: Segment[];
  /** The mode's discounts that apply to this month, in the mode's order. */
  discounts: DiscountPlan[];
  /** Prepaid credits, in the document's order. */
  credits: Credit[];
  /** Units of the edition's per-unit interval fee already billed for the month's interval, where they apply. */
  feeUnitsPaid?: Decimal | undefined;
  warnings: QuoteWarning[];
  /** Only when the quote is explained. */
  trace: TraceStep[] | undefined;
}

/** A prepaid credit with its balance read. */
export interface Credit {
  id: string;
  /** What is left of it at the start of the month. */
  balance: Decimal;
  /** The label of its quote line. */
  note?: string;
}

/**
 * Validates a usage document and resolves it against a plan; every problem is reported, not only
 * the first. `carried`: the interval fee's units a forecast's earlier month billed.
 */
export function resolveUsage(
  plan: Plan,
  source: SourceDocument,
  options: QuoteOptions = {},
  carried?: FeeUnitsBilled,
): { usage?: ResolvedUsage; problems: Problem[] } {
  const invalid = validateDocument(source, "usage");
  if (invalid.length) return { problems: invalid };
  const doc = source.data as UsageDocument;
  if (doc.months) {
    const at = source.locate(["months"]);
    const problem: Problem = {
      code: "usage.months",
      message: "this document holds several months; quote it with quoteMonths() (the CLI does)",
      path: ["months"],
    };
    return { problems: [at ? { ...problem, source: at } : problem] };
  }
  const period = parsePeriod(doc.period)!;
  const context: UsageContext = {
    plan,
    doc,
    source,
    period,
    problems: [],
    warnings: [],
    trace: options.explain ? [] : undefined,
    options,
  };
  if (doc.ruleset !== plan.id) {
    report(
      context,
      ["ruleset"],
      "usage.ruleset",
      `the usage document is for rule set "${doc.ruleset}", but it is being quoted against "${plan.id}"`,
    );
    return { problems: context.problems };
  }
  checkAppDates(context);
  if (context.problems.length) return { problems: context.problems };
  const listed = resolveMode(context);
  const mode = listed && resolveOverrides(context, listed);
  const edition = mode && resolveEdition(context, mode);
  if (!mode || !edition) return { problems: context.problems };
  // Meters first: add-on conditions may read the month's usage.
  const meters = readMeters(context, mode);
  const { segments, last } = resolveSegments(context, mode, edition, meters);
  checkNeededMeters(context, mode, last);
  warnUnusedOverrides(context, segments, last);
  if (last.feeInterval?.anchor === "signup" && !doc.app?.createdAt) {
    report(
      context,
      ["app"],
      "usage.date",
      `${last.name}'s fee is billed every ${last.feeInterval.months} months from the month the app was created; give app.createdAt (YYYY-MM-DD)`,
    );
  }
  const discounts = resolveDiscounts(context, mode, last);
  const month = monthEdition(context, mode, last);
  const credits = resolveCredits(context);
  const feeUnitsPaid = resolveFeeUnitsPaid(context, last, carried);
  if (context.problems.length) return { problems: context.problems };
  return {
    usage: {
      doc,
      period,
      mode,
      edition: month,
      meters,
      segments,
      discounts,
      credits,
      ...(feeUnitsPaid ? { feeUnitsPaid } : {}),
      warnings: context.warnings,
      trace: context.trace,
    },
    problems: [],
  };
}

/** Each credit's balance as a Decimal; one the schema admits but the limits refuse is reported. */
function resolveCredits(context: UsageContext): Credit[] {
  return (context.doc.credits ?? []).flatMap(({ id, balance: raw, note }, k) => {
    const balance = readDecimal(raw);
    if (typeof balance !== "string") return [{ id, balance, ...(note !== undefined ? { note } : {}) }];
    report(
      context,
      ["credits", k, "balance"],
      "usage.value",
      `credits[${k}].balance is ${clip(String(raw))}, ${refusalText(balance)}`,
    );
    return [];
  });
}

/** An app cannot be billed for a month before it existed, nor migrate before it was created. */
function checkAppDates(context: UsageContext): void {
  const { createdAt, migratedAt } = context.doc.app ?? {};
  if (createdAt && createdAt > context.period.to) {
    report(
      context,
      ["app", "createdAt"],
      "usage.date",
      `app.createdAt ${createdAt} is after ${context.period.month}; the app did not exist in the month being billed`,
    );
  }
  if (createdAt && migratedAt && migratedAt < createdAt) {
    report(
      context,
      ["app", "migratedAt"],
      "usage.date",
      `app.migratedAt ${migratedAt} is before app.createdAt ${createdAt}`,
    );
  }
}
