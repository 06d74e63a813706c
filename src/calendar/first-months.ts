import { addDays, daysBetween, type IsoDate } from "./dates.js";
import type { Period } from "./period.js";

/**
 * The part of a month inside a customer's first months counted from the sign-up day: the first
 * `days` of the month's `of` days (0 once they are over), and the day they end on.
 */
export interface FreeShare {
  days: number;
  of: number;
  months: number;
  signup: string;
  /** The first day after the first months. */
  ends: string;
}

/** `months` calendar months after `date`: the same day, or the last day of a shorter month (31 Jan + 1 month = 28 Feb). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const index = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months; // eslint-disable-line ratecard/no-float-money -- a month count
  const month = `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`; // eslint-disable-line ratecard/no-float-money -- a month count
  const last = addDays(`${addDays(`${month}-28`, 4).slice(0, 7)}-01`, -1);
  const day = `${month}-${date.slice(8, 10)}`;
  return day > last ? last : day;
}

/**
 * The part of `period` inside a customer's first `months` months from the sign-up day: the whole
 * month up to the month they end in (the sign-up month included: no usage comes before sign-up),
 * the days before the end day in that month, none after.
 */
export function freeShare(signup: IsoDate, months: number, period: Period): FreeShare {
  const ends = addMonths(signup, months);
  const days = ends > period.to ? period.days : ends <= period.from ? 0 : daysBetween(period.from, ends);
  return { days, of: period.days, months, signup, ends };
}

/** "the first 12 months from sign-up end" / "the first month from sign-up ends": the words of a free period's end. */
export function firstMonthsEnd(months: number): string {
  return months === 1 ? "the first month from sign-up ends" : `the first ${months} months from sign-up end`;
}

/** "the first 12 months from sign-up" / "the first month from sign-up". */
export function firstMonthsText(months: number): string {
  return months === 1 ? "the first month from sign-up" : `the first ${months} months from sign-up`;
}
