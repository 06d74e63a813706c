import { addDays, type IsoDate } from "./dates.js";

/** A calendar month being billed. `to` is its last day. */
export interface Period {
  readonly month: string;
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly days: number;
  /** The first day of the next month. */
  readonly next: IsoDate;
}

/** Months already parsed: quotes of a batch share a handful of periods, so each is worked out once. */
const parsed = new Map<string, Period>();
const PARSED_MONTHS = 1024;

/** Parses YYYY-MM; undefined when it is not a real month. */
export function parsePeriod(text: string): Period | undefined {
  const known = parsed.get(text);
  if (known) return known;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(text)) return undefined;
  const next = `${addDays(`${text}-28`, 4).slice(0, 7)}-01`;
  const to = addDays(next, -1);
  // eslint-disable-next-line ratecard/no-float-money -- the day of the month, not money
  const period: Period = Object.freeze({ month: text, from: `${text}-01`, to, days: Number(to.slice(8)), next });
  if (parsed.size >= PARSED_MONTHS) parsed.clear();
  parsed.set(text, period);
  return period;
}

/** The date of day `n` (1-based) of the period. */
export function dayOf(period: Period, n: number): IsoDate {
  return addDays(period.from, n - 1);
}

/** The settlement window: the first `days` days of the next month. */
export function settlementWindow(period: Period, days: number): { from: IsoDate; to: IsoDate } {
  return { from: period.next, to: addDays(period.next, days - 1) };
}
