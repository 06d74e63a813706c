/** Calendar dates as YYYY-MM-DD strings; arithmetic in UTC so time zones never shift a day. */
export type IsoDate = string;

const DAY_MS = 86_400_000;

export function addDays(date: IsoDate, days: number): IsoDate {
  return toIso(fromIso(date) + days * DAY_MS);
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  // eslint-disable-next-line ratecard/no-float-money -- a whole number of days, not money
  return Math.round((fromIso(to) - fromIso(from)) / DAY_MS);
}

function fromIso(date: IsoDate): number {
  const [y, m, d] = date.split("-").map(Number);
  return Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1);
}

function toIso(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

/** "14 Oct" style, for sentences. */
export function shortDate(date: IsoDate): string {
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const [, m, d] = date.split("-").map(Number);
  return `${d} ${months[(m ?? 1) - 1]}`;
}
