import { addDays, type IsoDate } from "./dates.js";

/** A calendar month being billed. `to` is its last day. */
export interface Period {
  month: string;
  from: IsoDate;
  to: IsoDate;
  days: number;
}

/** Parses YYYY-MM; undefined when it is not a real month. */
export function parsePeriod(text: string): Period | undefined {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  if (!match) return undefined;
  const from = `${text}-01`;
  const nextMonth = addDays(`${text}-28`, 4).slice(0, 7);
  const to = addDays(`${nextMonth}-01`, -1);
  // eslint-disable-next-line ratecard/no-float-money -- the day of the month, not money
  return { month: text, from, to, days: Number(to.slice(8)) };
}

/** The date of day `n` (1-based) of the period. */
export function dayOf(period: Period, n: number): IsoDate {
  return addDays(period.from, n - 1);
}

/** The settlement window: the first `days` days of the next month. */
export function settlementWindow(period: Period, days: number): { from: IsoDate; to: IsoDate } {
  const from = addDays(period.to, 1);
  return { from, to: addDays(from, days - 1) };
}
