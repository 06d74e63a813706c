import { intervalMonth, monthIndex, type IntervalPlace } from "./fee-interval.js";
import type { Period } from "../calendar/period.js";
import { clip } from "../guard/clip.js";
import { ZERO, type Decimal } from "../money/decimal.js";
import { readDecimal, refusalText } from "../money/read-decimal.js";
import type { EditionPlan } from "../model/plan.js";
import type { UsageDocument } from "../model/usage.js";
import { report, type UsageContext } from "./context.js";
import type { MeterReading } from "./meter-reading.js";

/** The units of an edition's per-unit interval fee billed by the end of a month: what a forecast carries to its next month. */
export interface FeeUnitsBilled {
  edition: string;
  /** The month they were billed by, YYYY-MM. */
  month: string;
  units: Decimal;
}

/**
 * The units of the month-end edition's per-unit interval fee already billed for the month's
 * interval: the document's `feeUnitsPaid`, refused where it cannot apply (no per-unit fee billed
 * for several months, or the month that bills the interval), or else what a forecast carried from
 * an earlier month of the same interval and edition.
 */
export function resolveFeeUnitsPaid(
  context: UsageContext,
  edition: EditionPlan,
  carried: FeeUnitsBilled | undefined,
): Decimal | undefined {
  const raw = context.doc.feeUnitsPaid;
  if (raw === undefined) return carried && carriedInto(context, edition, carried);
  const paid = readDecimal(raw);
  const refusal =
    typeof paid === "string"
      ? `feeUnitsPaid is ${clip(String(raw))}, ${refusalText(paid)}`
      : notPaidAhead(context, edition);
  if (refusal === undefined) return paid as Decimal;
  if (refusal) report(context, ["feeUnitsPaid"], "usage.value", refusal);
  return undefined;
}

/**
 * Why feeUnitsPaid cannot apply to the month, if it cannot; "" when the month's place in its
 * interval is unknown (a signup interval without app.createdAt, reported already).
 */
function notPaidAhead(context: UsageContext, edition: EditionPlan): string | undefined {
  const place = placeOf(edition, context.period, context.doc);
  const what = "feeUnitsPaid is the units of a per-unit fee billed in advance for several months";
  if (edition.fee.kind !== "per-unit") return `${what}; ${edition.name}'s fee is not per unit`;
  if (!edition.feeInterval) return `${what}; ${edition.name}'s fee is billed month by month`;
  if (!place) return "";
  if (place.due) return undefined;
  return `feeUnitsPaid is for the later months of an interval billed in advance; ${context.period.month} starts ${edition.name}'s ${place.word} and bills all its units`;
}

/** Units a forecast carried, when they are of this edition and of an earlier month of this month's interval. */
function carriedInto(context: UsageContext, edition: EditionPlan, carried: FeeUnitsBilled): Decimal | undefined {
  const place = placeOf(edition, context.period, context.doc);
  if (edition.id !== carried.edition || edition.fee.kind !== "per-unit" || !place?.due) return undefined;
  const month = monthIndex(context.period.month);
  const from = monthIndex(carried.month);
  return from < month && from >= month - (place.months - place.left) ? carried.units : undefined;
}

/** The month's place in the edition's fee interval; undefined without an interval, or a signup interval without app.createdAt. */
function placeOf(edition: EditionPlan, period: Period, doc: UsageDocument): IntervalPlace | undefined {
  const interval = edition.feeInterval;
  const createdAt = doc.app?.createdAt;
  if (!interval || (interval.anchor === "signup" && !createdAt)) return undefined;
  return intervalMonth(interval, period, createdAt);
}

/**
 * The units of the month-end edition's per-unit interval fee billed by the end of the month: all
 * of the month's units in the month that bills the interval; in a later month, the units paid
 * or the month's, whichever is more (added units are billed, removed ones are not refunded).
 */
export function feeUnitsBilled(usage: {
  edition: EditionPlan;
  period: Period;
  doc: UsageDocument;
  meters: ReadonlyMap<string, MeterReading>;
  feeUnitsPaid?: Decimal | undefined;
}): FeeUnitsBilled | undefined {
  const { edition, feeUnitsPaid: paid } = usage;
  const place = placeOf(edition, usage.period, usage.doc);
  if (edition.fee.kind !== "per-unit" || !place || (place.due && !paid)) return undefined;
  const units = usage.meters.get(edition.fee.meter)?.value ?? ZERO;
  return { edition: edition.id, month: usage.period.month, units: paid && units.lt(paid) ? paid : units };
}
