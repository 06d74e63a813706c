import type { EditionPlan } from "../model/plan.js";
import { MONTH_NAMES } from "../calendar/dates.js";
import type { Period } from "../calendar/period.js";

const INTERVAL_WORDS = { 3: "quarter", 6: "half-year", 12: "year" } as const;

/** Where a month falls in a fee interval: see intervalMonth. */
export interface IntervalPlace {
  /** The interval's word: "year". */
  word: string;
  /** Months in the interval. */
  months: number;
  /** Months of the interval left, this month included: 12 in its first month, 1 in its last. */
  left: number;
  /** When the next interval is due ("January 2027"), unless the month starts one. */
  due?: string;
}

/**
 * Where a month falls in a fee interval: the interval's word ("year"), the months left of it, and,
 * unless the month starts an interval, when the next one is due ("January 2027").
 */
export function intervalMonth(
  interval: NonNullable<EditionPlan["feeInterval"]>,
  period: Period,
  createdAt: string | undefined,
): IntervalPlace {
  const month = monthIndex(period.month);
  const start =
    interval.anchor === "signup" ? monthIndex(createdAt!.slice(0, 7)) : monthIndex(`${period.month.slice(0, 4)}-01`);
  const into = (((month - start) % interval.months) + interval.months) % interval.months;
  const place = { word: INTERVAL_WORDS[interval.months], months: interval.months, left: interval.months - into };
  if (into === 0) return place;
  const due = month - into + interval.months;
  return { ...place, due: `${MONTH_NAMES[(due - 1) % 12]} ${Math.floor((due - 1) / 12)}` }; // eslint-disable-line ratecard/no-float-money -- a year number
}

/** Months since year 0: 2026-10 → 24322. */
export function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)); // eslint-disable-line ratecard/no-float-money -- a month count
}
