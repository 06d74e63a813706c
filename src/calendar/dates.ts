/** Calendar dates as YYYY-MM-DD strings; arithmetic on whole day numbers, so time zones never shift a day. */
export type IsoDate = string;

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The months' names in English, January first. */
export const MONTH_NAMES: readonly string[] = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** Days since 1970-01-01 of a YYYY-MM-DD date (proleptic Gregorian; Hinnant's days_from_civil). */
function dayNumber(date: IsoDate): number {
  const y0 = digits(date, 0, 4);
  const m = digits(date, 5, 7);
  const d = digits(date, 8, 10);
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400); // eslint-disable-line ratecard/no-float-money -- calendar arithmetic, not money
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1; // eslint-disable-line ratecard/no-float-money -- calendar arithmetic
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy; // eslint-disable-line ratecard/no-float-money -- calendar arithmetic
  return era * 146097 + doe - 719468;
}

/** The YYYY-MM-DD date of a day number (Hinnant's civil_from_days). */
function fromDayNumber(days: number): IsoDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097); // eslint-disable-line ratecard/no-float-money -- calendar arithmetic, not money
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365); // eslint-disable-line ratecard/no-float-money -- calendar arithmetic
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100)); // eslint-disable-line ratecard/no-float-money -- calendar arithmetic
  const mp = Math.floor((5 * doy + 2) / 153); // eslint-disable-line ratecard/no-float-money -- calendar arithmetic
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1; // eslint-disable-line ratecard/no-float-money -- calendar arithmetic
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, "0")}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`;
}

/** The number written in characters [from, to) of a date; the schema guarantees they are digits. */
function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) value = value * 10 + text.charCodeAt(i) - 48;
  return value;
}

/** "14 Oct" style, for sentences. */
export function shortDate(date: IsoDate): string {
  return `${digits(date, 8, 10)} ${MONTHS[digits(date, 5, 7) - 1]}`;
}

/** "16 Mar 2027" style, for sentences about a day of another year. */
export function shortDateYear(date: IsoDate): string {
  return `${shortDate(date)} ${date.slice(0, 4)}`;
}
