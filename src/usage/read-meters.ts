import { dayOf } from "../calendar/period.js";
import { shortDate } from "../calendar/dates.js";
import { listed } from "../errors/format.js";
import { Decimal, ZERO } from "../money/decimal.js";
import { readDecimal, refusalText } from "../money/read-decimal.js";
import { meanScaled, power, readScaled, scaledDecimal, type Scaled } from "../money/scaled.js";
import { clip } from "../guard/clip.js";
import { pathText } from "../errors/problem.js";
import { groupDigits, inSentence, ordinal } from "../money/format.js";
import { appliesWith, type EditionPlan, type MeterPlan, type ModePlan } from "../model/plan.js";
import type { MeterValue, Quantity } from "../model/usage.js";
import type { MeterReading, ReadingWords } from "./meter-reading.js";
import { readCells } from "./read-cells.js";
import { report, type UsageContext } from "./context.js";

const LABELS = { max: "peak", min: "lowest", sum: "total", average: "average", latest: "latest" } as const;

/** Reads, checks and aggregates every reported meter; reports meters the edition needs but lacks. */
export function readMeters(context: UsageContext, mode: ModePlan): Map<string, MeterReading> {
  const readings = new Map<string, MeterReading>();
  const usage = Object.entries(context.doc.usage);
  const policy = context.options.otherModesMeters ?? "warn";
  let givesOwn: boolean | undefined;
  for (const [id, raw] of usage) {
    const meter = mode.meters.get(id);
    if (!meter) {
      const owner = context.plan.versions.find((other) => other.id !== mode.id && other.meters.has(id));
      if (owner && policy === "warn" && !(givesOwn ??= usage.some(([given]) => mode.meters.has(given)))) {
        // Every meter given is another mode's: the quote would bill none of the usage, so the mode is
        // almost surely not the one meant (a fact that selects it missing, a meter renamed).
        report(
          context,
          ["usage", id],
          "usage.meter",
          `usage.${id} is a meter of mode ${owner.id}, and none of the usage given is of mode ${mode.id}, which this quote is in: name the mode (mode: ${owner.id}) or give the facts that select it`,
          "key",
        );
        continue;
      }
      if (owner && policy !== "refuse") {
        if (policy === "warn")
          context.warnings.push({
            code: "meter.other-mode",
            message: `usage.${id} is a meter of mode ${owner.id}; this quote is in mode ${mode.id} and does not use it`,
          });
        continue;
      }
      const where = owner ? `a meter of mode ${owner.id}, not of mode ${mode.id}` : "not a meter of this rule set";
      report(
        context,
        ["usage", id],
        "usage.meter",
        `usage.${id} is ${where}; mode ${mode.id} meters: ${listed([...mode.meters.keys()])}`,
        "key",
      );
      continue;
    }
    const reading = readMeter(context, meter, raw);
    if (reading) readings.set(id, reading);
  }
  return readings;
}

/** Reports the required meters the edition bills or limits that the document does not give. */
export function checkNeededMeters(context: UsageContext, mode: ModePlan, edition: EditionPlan): void {
  for (const meter of neededMeters(mode, edition)) {
    if (!Object.hasOwn(context.doc.usage, meter.id)) {
      report(
        context,
        ["usage"],
        "usage.meter-missing",
        `usage.${meter.id} is missing: ${edition.name} bills or limits ${meter.name}; ${whatToGive(meter)}`,
      );
    }
  }
}

/** What a document gives for a meter, as its `input` says; for one with dimensions, a map by cell ("model → direction"). */
function whatToGive(meter: MeterPlan): string {
  const values = {
    hourly: "hourly values",
    daily: "daily values",
    month: "a month value",
    any: "a month value or daily values",
  }[meter.input];
  if (!meter.dimensions.length) return `give ${values}`;
  const example = meter.dimensions.reduceRight((inner, dimension) => `{ ${dimension.values[0]!}: ${inner} }`, "…");
  return `give a map by ${meter.dimensions.map((d) => d.id).join(" → ")} with ${values} for each cell, e.g. usage.${meter.id}: ${example}`;
}

/** Required meters that a charge, a per-unit fee or a hard limit of the edition depends on. */
function neededMeters(mode: ModePlan, edition: EditionPlan): MeterPlan[] {
  const ids = new Set<string>();
  for (const charge of mode.charges) if (appliesWith(charge, edition.id)) ids.add(charge.meter);
  for (const [id, quota] of edition.quotas) {
    if (quota.limit) ids.add(id);
    if (quota.includedPer && ids.has(id)) ids.add(quota.includedPer.meter);
  }
  for (const [id, quotas] of edition.cellQuotas ?? [])
    for (const quota of quotas) if (quota.includedPer && ids.has(id)) ids.add(quota.includedPer.meter);
  if (edition.fee.kind === "per-unit") ids.add(edition.fee.meter);
  return [...ids].flatMap((id) => {
    const meter = mode.meters.get(id);
    return meter?.required ? [meter] : [];
  });
}

function readMeter(context: UsageContext, meter: MeterPlan, raw: MeterValue): MeterReading | undefined {
  return meter.dimensions.length
    ? readCells(context, meter, raw, readValue, named)
    : readValue(context, meter, raw, ["usage", meter.id]);
}

/** One value of a meter (or of one cell of a meter with dimensions): a month value or daily values, checked and aggregated. */
function readValue(
  context: UsageContext,
  meter: MeterPlan,
  raw: MeterValue,
  path: (string | number)[],
): MeterReading | undefined {
  if (Array.isArray(raw)) {
    if (meter.input === "month") {
      report(
        context,
        path,
        "usage.value",
        `${pathText(path)} takes one value for the month; ${meter.name} is not given as daily values`,
      );
      return undefined;
    }
    if (!seriesLengthFits(context, meter, raw.length, path)) return undefined;
    const counts = wholeCounts(raw);
    let reading: MeterReading;
    const scaled = counts ? undefined : scaledCounts(meter, raw);
    if (counts) reading = aggregateCounts(context, meter, counts, 0);
    else if (scaled) reading = aggregateCounts(context, meter, scaled.counts, scaled.scale);
    else {
      const values = raw.map((item, i) => quantity(context, meter, item, [...path, i]));
      if (values.some((v) => v === undefined)) return undefined;
      reading = aggregate(context, meter, values as Decimal[]);
    }
    // Kept for a daily allowance, which is taken off each day's value.
    if (meter.input === "daily") reading.days = raw;
    return reading;
  }
  if (meter.input === "daily" || meter.input === "hourly") {
    const list =
      meter.input === "daily"
        ? "daily values (a list, one per day)"
        : "hourly values (a list, one per hour of the month in UTC)";
    report(context, path, "usage.value", `${pathText(path)} takes ${list}; ${meter.name} is aggregated from them`);
    return undefined;
  }
  const value = quantity(context, meter, raw, path);
  if (!value) return undefined;
  return { meter, value, words: once(() => readingWords(meter, value, undefined, "(reported as one value)")) };
}

/** Hourly series have one value per UTC hour of the month; daily series at most one per day (all of them for `missingDays: refuse`). */
function seriesLengthFits(context: UsageContext, meter: MeterPlan, length: number, path: (string | number)[]): boolean {
  const { days, month } = context.period;
  if (meter.input === "hourly") {
    if (length === days * 24) return true;
    report(
      context,
      path,
      "usage.value",
      `${pathText(path)} has ${length} hourly values, but ${month} has ${days * 24} hours (UTC); give one value per hour`,
    );
    return false;
  }
  if (length === 0 || length > days) {
    report(context, path, "usage.value", `${pathText(path)} has ${length} daily values, but ${month} has ${days} days`);
    return false;
  }
  if (meter.aggregate === "average" && meter.missingDays === "refuse" && length < days) {
    report(
      context,
      path,
      "usage.value",
      `${pathText(path)} has ${length} daily values; ${meter.name} is the average of every day, so give all ${days} days of ${month}`,
    );
    return false;
  }
  return true;
}

/** The month's value of a series of Decimals. */
function aggregate(context: UsageContext, meter: MeterPlan, values: Decimal[]): MeterReading {
  if (meter.aggregate === "sum" || meter.aggregate === "average")
    return totalReading(
      context,
      meter,
      values.reduce((a, b) => a.plus(b), ZERO),
      values.length,
    );
  const { value, index } = pick(meter, values, (a, b) => a.comparedTo(b));
  return seriesReading(context, meter, value, index, values.length);
}

/** The same aggregation on safe integers at one scale (the common case); only the result becomes a Decimal. */
function aggregateCounts(context: UsageContext, meter: MeterPlan, counts: number[], scale: number): MeterReading {
  if (meter.aggregate === "sum" || meter.aggregate === "average") {
    let sum = 0;
    for (const count of counts) sum += count;
    // A sum past 2^53 is redone exactly.
    if (!Number.isSafeInteger(sum))
      return totalReading(
        context,
        meter,
        counts.reduce((a, b) => a.plus(scaledDecimal(b, scale)), ZERO),
        counts.length,
      );
    return totalReading(context, meter, scaledDecimal(sum, scale), counts.length, (over) =>
      meanScaled(sum, scale, over, meter.decimals),
    );
  }
  const { value, index } = pick(meter, counts, (a, b) => a - b);
  return seriesReading(context, meter, scaledDecimal(value, scale), index, counts.length);
}

/**
 * The value that is the month's, with its index: the last, the first of the peak or of the lowest
 * value, or the nearest-rank percentile. The series is never empty (its length is checked first).
 */
function pick<T>(meter: MeterPlan, values: readonly T[], compare: (a: T, b: T) => number): { value: T; index: number } {
  const entries = values.map((value, index) => ({ value, index }));
  if (meter.aggregate === "latest") return entries.reduce((_, entry) => entry);
  if (meter.aggregate === "percentile")
    return nearestRank(meter.percentile!, entries, (a, b) => compare(a.value, b.value));
  const sign = meter.aggregate === "max" ? 1 : -1;
  return entries.reduce((best, entry) => (sign * compare(entry.value, best.value) > 0 ? entry : best));
}

/** The item of rank ⌈P/100 × n⌉ in ascending order, the first on a tie (P = 99 of 720: the highest 7 dropped, the largest left). */
export function nearestRank<T>(percentile: Decimal, items: readonly T[], compare: (a: T, b: T) => number): T {
  const rank = percentile.times(items.length).div(100).ceil().toNumber();
  const order = items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => compare(a.item, b.item) || a.index - b.index);
  // The last of the `rank` smallest (at least one).
  return order.slice(0, Math.max(rank, 1)).reduce((_, entry) => entry).item;
}

/** A sum, or a mean over the days the meter's rule says (rounded half-up to its decimals); `meanOf` computes the mean more cheaply when it can. */
function totalReading(
  context: UsageContext,
  meter: MeterPlan,
  total: Decimal,
  given: number,
  meanOf?: (over: number) => Decimal | undefined,
): MeterReading {
  if (meter.aggregate === "sum")
    return {
      meter,
      value: total,
      words: once(() => readingWords(meter, total, undefined, `, the sum of ${seriesText(meter, given)}`)),
    };
  const over = meter.missingDays === "ignore" || meter.input === "hourly" ? given : context.period.days;
  const value = meanOf?.(over) ?? total.div(over).toDecimalPlaces(meter.decimals, Decimal.ROUND_HALF_UP);
  const missing = over > given ? `; the ${over - given} days not given count as 0` : "";
  return {
    meter,
    value,
    words: once(() =>
      readingWords(
        meter,
        value,
        undefined,
        `, the mean of ${seriesText(meter, given)}${meter.input === "hourly" ? "" : ` over ${over} days`}${missing}`,
      ),
    ),
  };
}

/** The value of one item of the series: the peak, the lowest, the latest or the percentile. */
function seriesReading(
  context: UsageContext,
  meter: MeterPlan,
  value: Decimal,
  index: number,
  length: number,
): MeterReading {
  const hourly = meter.input === "hourly";
  const on = dayOf(context.period, (hourly ? (index - (index % 24)) / 24 : index) + 1);
  const at = hourly ? ` ${String(index % 24).padStart(2, "0")}:00 UTC` : "";
  const how = () => {
    if (meter.aggregate !== "percentile")
      return `, the ${{ max: "highest", min: "lowest", latest: "last" }[meter.aggregate as "max" | "min" | "latest"]} of ${seriesText(meter, length)}`;
    const dropped = length - Math.max(meter.percentile!.times(length).div(100).ceil().toNumber(), 1);
    return `, the ${ordinal(meter.percentile!.toFixed())} percentile (nearest rank) of ${seriesText(meter, length)}: the highest ${dropped} dropped, the largest left`;
  };
  return { meter, value, on, words: once(() => readingWords(meter, value, on, how(), at)) };
}

/** A reading's words, built when first asked and kept: the trace and each charge of the meter ask. */
function once(words: () => ReadingWords): () => ReadingWords {
  let worded: ReadingWords | undefined;
  return () => (worded ??= words());
}

function seriesText(meter: MeterPlan, count: number): string {
  return meter.input === "hourly" ? `${count} hourly value${count === 1 ? "" : "s"}` : daysText(count);
}

function daysText(count: number): string {
  return `${count} daily value${count === 1 ? "" : "s"}`;
}

/**
 * The series as safe integers at the scale of its most precise value, when every value reads as
 * a non-negative scaled integer (whole, for a count meter) and stays safe at that scale; values
 * that do not are read as Decimals, which say what is wrong with them.
 */
function scaledCounts(meter: MeterPlan, raw: readonly Quantity[]): { counts: number[]; scale: number } | undefined {
  const read: Scaled[] = [];
  let scale = 0;
  for (const item of raw) {
    const value = readScaled(item);
    if (!value || (meter.integer && value.mantissa % power(value.scale) !== 0)) return undefined;
    if (value.scale > scale) scale = value.scale;
    read.push(value);
  }
  const counts: number[] = [];
  for (const value of read) {
    const count = value.mantissa * power(scale - value.scale);
    if (!Number.isSafeInteger(count)) return undefined;
    counts.push(count);
  }
  return { counts, scale };
}

/** The series as numbers when every value is a non-negative safe integer: the common case, aggregated without Decimals. */
function wholeCounts(raw: readonly Quantity[]): number[] | undefined {
  for (const item of raw) if (!Number.isSafeInteger(item) || (item as number) < 0) return undefined;
  return raw as number[];
}

function readingWords(meter: MeterPlan, value: Decimal, on: string | undefined, how: string, at = ""): ReadingWords {
  const name = named(meter);
  const label = `${name} ${groupDigits(value)}${on ? ` on ${shortDate(on)}${at}` : ""}`;
  return { name, label, detail: how.startsWith(",") ? label + how : `${label} ${how}` };
}

/** Each meter's name as its aggregation words it: it depends on the meter alone, and costs two regular expressions. */
const NAMES = new WeakMap<MeterPlan, string>();

function named(meter: MeterPlan): string {
  return NAMES.get(meter) ?? NAMES.set(meter, aggregationName(meter)).get(meter)!;
}

/** "peak users"; a name that already says "peak" is not repeated. */
function aggregationName(meter: MeterPlan): string {
  const label =
    meter.aggregate === "percentile" ? `${ordinal(meter.percentile!.toFixed())} percentile` : LABELS[meter.aggregate];
  const name = inSentence(meter.name);
  return name.toLowerCase().startsWith(label) ? name : `${label} ${name}`;
}

/** A non-negative number within the limits, whole for count meters. */
function quantity(
  context: UsageContext,
  meter: MeterPlan,
  raw: MeterValue,
  path: (string | number)[],
): Decimal | undefined {
  const value = readDecimal(raw);
  if (typeof value === "string") {
    report(
      context,
      path,
      "usage.value",
      `${pathText(path)} is ${clip(JSON.stringify(raw) ?? typeof raw)}, ${refusalText(value)}`,
    );
    return undefined;
  }
  if (value.isNegative() && !value.isZero()) {
    report(context, path, "usage.value", `${pathText(path)} is ${clip(value.toFixed())}; usage cannot be negative`);
    return undefined;
  }
  if (meter.integer && !value.isInteger()) {
    report(
      context,
      path,
      "usage.value",
      `${pathText(path)} is ${clip(value.toFixed())}; ${meter.name} counts whole ${meter.plural}`,
    );
    return undefined;
  }
  return value;
}
