import { dayOf } from "../calendar/period.js";
import { shortDate } from "../calendar/dates.js";
import { listed } from "../errors/format.js";
import { Decimal, ZERO } from "../money/decimal.js";
import { readDecimal, refusalText } from "../money/read-decimal.js";
import { clip } from "../guard/clip.js";
import { pathText } from "../errors/problem.js";
import { groupDigits } from "../money/format.js";
import type { EditionPlan, MeterPlan, ModePlan } from "../model/plan.js";
import type { Quantity } from "../model/usage.js";
import { report, type UsageContext } from "./context.js";

/** A meter's value for the month; its words are built only when a quote is explained or warns. */
export interface MeterReading {
  meter: MeterPlan;
  value: Decimal;
  /** The day the value was reached, when daily values were given. */
  on?: string;
  words: () => ReadingWords;
}

/** How a meter's value was reached, in words. */
export interface ReadingWords {
  /** "peak users": the meter as the aggregation names it. */
  name: string;
  /** "peak users 12,345 on 14 Oct" — the label and value used in charge explanations. */
  label: string;
  /** How the value was reached, for the trace. */
  detail: string;
}

const LABELS = { max: "peak", sum: "total", latest: "latest" } as const;

/** Reads, checks and aggregates every reported meter; reports meters the edition needs but lacks. */
export function readMeters(context: UsageContext, mode: ModePlan, edition: EditionPlan): Map<string, MeterReading> {
  const readings = new Map<string, MeterReading>();
  for (const [id, raw] of Object.entries(context.doc.usage)) {
    const meter = mode.meters.get(id);
    if (!meter) {
      const owner = context.plan.versions.find((other) => other.id !== mode.id && other.meters.has(id));
      const policy = context.options.otherModesMeters ?? "warn";
      if (owner && policy !== "refuse") {
        if (policy === "warn") context.warnings.push({ code: "meter.other-mode", message: `usage.${id} is a meter of mode ${owner.id}; this quote is in mode ${mode.id} and does not use it` });
        continue;
      }
      const where = owner ? `a meter of mode ${owner.id}, not of mode ${mode.id}` : "not a meter of this rule set";
      report(context, ["usage", id], "usage.meter", `usage.${id} is ${where}; mode ${mode.id} meters: ${listed([...mode.meters.keys()])}`, "key");
      continue;
    }
    const reading = readMeter(context, meter, raw);
    if (reading) readings.set(id, reading);
  }
  for (const meter of neededMeters(mode, edition)) {
    if (!Object.hasOwn(context.doc.usage, meter.id)) {
      report(context, ["usage"], "usage.meter-missing", `usage.${meter.id} is missing: ${edition.name} bills or limits ${meter.name}; give the month's value or its daily values`);
    }
  }
  return readings;
}

/** Required meters that a charge or a hard limit of the edition depends on. */
function neededMeters(mode: ModePlan, edition: EditionPlan): MeterPlan[] {
  const ids = new Set<string>();
  for (const charge of mode.charges) if (!charge.editions || charge.editions.has(edition.id)) ids.add(charge.meter);
  for (const [id, quota] of edition.quotas) if (quota.limit) ids.add(id);
  return [...ids].map((id) => mode.meters.get(id)!).filter((meter) => meter.required);
}

function readMeter(context: UsageContext, meter: MeterPlan, raw: Quantity | Quantity[]): MeterReading | undefined {
  const path = ["usage", meter.id];
  if (Array.isArray(raw)) {
    if (raw.length > context.period.days) {
      report(context, path, "usage.value", `usage.${meter.id} has ${raw.length} daily values, but ${context.period.month} has ${context.period.days} days`);
      return undefined;
    }
    const counts = wholeCounts(raw);
    if (counts) return aggregateCounts(context, meter, counts);
    const values = raw.map((item, i) => quantity(context, meter, item, [...path, i]));
    if (values.some((v) => v === undefined)) return undefined;
    return aggregate(context, meter, values as Decimal[]);
  }
  const value = quantity(context, meter, raw, path);
  if (!value) return undefined;
  return { meter, value, words: () => readingWords(meter, value, undefined, "(reported as one value)") };
}

/** The month's value of a series; `days` is how many values were given when `values` holds their sum already. */
function aggregate(context: UsageContext, meter: MeterPlan, values: Decimal[], days = values.length): MeterReading {
  if (meter.aggregate === "sum") {
    const value = values.reduce((a, b) => a.plus(b), ZERO);
    return { meter, value, words: () => readingWords(meter, value, undefined, `, the sum of ${daysText(days)}`) };
  }
  const index = meter.aggregate === "latest" ? values.length - 1 : values.reduce((best, v, i) => (v.gt(values[best]!) ? i : best), 0);
  return dayReading(context, meter, values[index]!, index, days);
}

/** The value of one day of the series: the peak or the latest. */
function dayReading(context: UsageContext, meter: MeterPlan, value: Decimal, index: number, days: number): MeterReading {
  const on = dayOf(context.period, index + 1);
  return { meter, value, on, words: () => readingWords(meter, value, on, `, the ${meter.aggregate === "max" ? "highest" : "last"} of ${daysText(days)}`) };
}

function daysText(count: number): string {
  return `${count} daily value${count === 1 ? "" : "s"}`;
}

/** The series as numbers when every value is a non-negative safe integer: the common case, aggregated without Decimals. */
function wholeCounts(raw: readonly Quantity[]): number[] | undefined {
  for (const item of raw) if (!Number.isSafeInteger(item) || (item as number) < 0) return undefined;
  return raw as number[];
}

/** The same aggregation as `aggregate`, on safe integers; only the result becomes a Decimal. */
function aggregateCounts(context: UsageContext, meter: MeterPlan, counts: number[]): MeterReading {
  if (meter.aggregate === "sum") {
    let sum = 0;
    for (const count of counts) sum += count;
    // A sum past 2^53 is redone exactly.
    if (!Number.isSafeInteger(sum))
      return aggregate(
        context,
        meter,
        counts.map((count) => new Decimal(count)),
      );
    return aggregate(context, meter, [new Decimal(sum)], counts.length);
  }
  let index = counts.length - 1;
  if (meter.aggregate === "max") {
    index = 0;
    for (let i = 1; i < counts.length; i++) if (counts[i]! > counts[index]!) index = i;
  }
  return dayReading(context, meter, new Decimal(counts[index]! + 0), index, counts.length);
}

function readingWords(meter: MeterPlan, value: Decimal, on: string | undefined, how: string): ReadingWords {
  const name = named(meter);
  const label = `${name} ${groupDigits(value)}${on ? ` on ${shortDate(on)}` : ""}`;
  return { name, label, detail: how.startsWith(",") ? label + how : `${label} ${how}` };
}

/** "peak users"; a name that already says "peak" is not repeated. */
function named(meter: MeterPlan): string {
  const label = LABELS[meter.aggregate];
  // "Emails sent" reads "emails sent" mid-sentence; acronyms such as "API" keep their case.
  const name = /^[A-Z][a-z]/.test(meter.name) ? meter.name.charAt(0).toLowerCase() + meter.name.slice(1) : meter.name;
  return name.toLowerCase().startsWith(label) ? name : `${label} ${name}`;
}

/** A non-negative number within the limits, whole for count meters. */
function quantity(context: UsageContext, meter: MeterPlan, raw: Quantity, path: (string | number)[]): Decimal | undefined {
  const where = pathText(path);
  const value = readDecimal(raw);
  if (typeof value === "string") {
    report(context, path, "usage.value", `${where} is ${clip(JSON.stringify(raw) ?? String(raw))}, ${refusalText(value)}`);
    return undefined;
  }
  if (value.isNegative() && !value.isZero()) {
    report(context, path, "usage.value", `${where} is ${clip(value.toFixed())}; usage cannot be negative`);
    return undefined;
  }
  if (meter.integer && !value.isInteger()) {
    report(context, path, "usage.value", `${where} is ${clip(value.toFixed())}; ${meter.name} counts whole ${meter.plural}`);
    return undefined;
  }
  return value;
}
