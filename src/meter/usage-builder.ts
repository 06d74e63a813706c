import type { Period } from "../calendar/period.js";
import type { MeterPlan, ModePlan } from "../model/plan.js";
import type { MeterValue, UsageDocument } from "../model/usage.js";
import { CELL_SEPARATOR, isDailySeries } from "./meter-sql.js";

type Cells = { [value: string]: MeterValue };

/** A usage document of one customer, named. */
export type CustomerUsage = UsageDocument & { customer: string };

/**
 * Turns the SQL rows (customer, meter, cell, value, day), sorted by customer, into one usage document
 * per customer. A meter measured from events that has no rows for the customer is 0 (no events is
 * no usage), so a required meter never goes missing; a daily series is filled with 0 on the days
 * without events, up to its last day, and an hourly one on every hour of the month without events.
 */
export class UsageBuilder {
  customers = 0;
  private current: string | undefined;
  private usage: Record<string, MeterValue> = {};
  /** The daily series rows are being added to. */
  private series: { meter: string; cell: string; days: string[] } | undefined;
  private readonly meters: MeterPlan[];

  constructor(
    private readonly ruleset: string,
    private readonly mode: ModePlan,
    private readonly period: Period,
  ) {
    this.meters = [...mode.meters.values()].filter((meter) => meter.events);
  }

  /** Adds a row (a daily series: one row per day, in day order); returns the previous customer's document when this row starts a new customer. */
  add(customer: string, meterId: string, cell: string, value: string, day: number): CustomerUsage | undefined {
    const done = customer === this.current ? undefined : this.finish();
    this.current = customer;
    const meter = this.mode.meters.get(meterId);
    if (!meter)
      throw new Error(`the engine sent usage of meter "${meterId}", which mode ${this.mode.id} does not have`);
    const hourly = meter.input === "hourly";
    if (!hourly && !isDailySeries(meter)) this.place(meterId, cell, value);
    else {
      // An hourly series has every hour of the month, 0 where there were no events.
      const start = () => (hourly ? Array.from({ length: this.period.days * 24 }, () => "0") : []);
      if (this.series?.meter !== meterId || this.series.cell !== cell)
        this.series = { meter: meterId, cell, days: this.place(meterId, cell, start()) as string[] };
      // Days (or hours) without events before this one are 0.
      while (this.series.days.length < day - 1) this.series.days.push("0");
      this.series.days[day - 1] = value;
    }
    return done;
  }

  /** The document of the customer being built, if any. */
  finish(): CustomerUsage | undefined {
    if (this.current === undefined) return undefined;
    for (const meter of this.meters)
      if (!Object.hasOwn(this.usage, meter.id)) addNoUsage(this.usage, meter, this.period);
    const document: CustomerUsage = {
      ruleset: this.ruleset,
      customer: this.current,
      period: this.period.month,
      mode: this.mode.id,
      usage: this.usage,
    };
    this.customers++;
    this.current = undefined;
    this.usage = {};
    this.series = undefined;
    return document;
  }

  private place(meterId: string, cell: string, value: MeterValue): MeterValue {
    if (!cell) return (this.usage[meterId] = value);
    return place((this.usage[meterId] ??= {}) as Cells, cell, value);
  }
}

/** A value under its cell (dimension values in the meter's order, joined by CELL_SEPARATOR), nested. */
function place(cells: Cells, cell: string, value: MeterValue): MeterValue {
  const last = cell.lastIndexOf(CELL_SEPARATOR);
  let node = cells;
  for (const part of last < 0 ? [] : cell.slice(0, last).split(CELL_SEPARATOR)) {
    const next = Object.hasOwn(node, part) ? node[part] : undefined;
    node = (next && typeof next === "object" && !Array.isArray(next) ? next : setOwn(node, part, {})) as Cells;
  }
  return setOwn(node, cell.slice(last + 1), value);
}

/**
 * Sets an own property even for the key `__proto__` (values come from events): the evaluator then
 * refuses it by name. Any other key is assigned (defineProperty costs ~10 times an assignment).
 */
function setOwn(node: Cells, key: string, value: MeterValue): MeterValue {
  if (key === "__proto__")
    Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
  else node[key] = value;
  return value;
}

/** The usage of a customer with no events this month: every meter measured from events at 0. */
export function emptyUsage(mode: ModePlan, period: Period): Record<string, MeterValue> {
  const usage: Record<string, MeterValue> = {};
  for (const meter of mode.meters.values()) if (meter.events) addNoUsage(usage, meter, period);
  return usage;
}

/**
 * A meter with no events this month: nothing used (an hourly meter: 0 every hour). A meter with
 * dimensions is left out unless required, then 0 in its first cell.
 */
function addNoUsage(usage: Record<string, MeterValue>, meter: MeterPlan, period: Period): void {
  const hours = meter.input === "hourly" ? Array.from({ length: period.days * 24 }, () => "0") : undefined;
  if (meter.dimensions.length) {
    const cell = firstCell(meter);
    if (meter.required && cell)
      usage[meter.id] = cell.reduceRight<MeterValue>((inner, value) => ({ [value]: inner }), hours ?? "0");
  } else if (hours) usage[meter.id] = hours;
  else if (!isDailySeries(meter)) usage[meter.id] = "0";
  // One day of 0 says it, unless the meter wants every day of the month.
  else
    usage[meter.id] =
      meter.aggregate === "average" && meter.missingDays === "refuse"
        ? Array.from({ length: period.days }, () => "0")
        : ["0"];
}

/** The first value of each dimension; undefined when a dimension has none, so the meter has no cell. */
function firstCell(meter: MeterPlan): string[] | undefined {
  const cell = meter.dimensions.map((dimension) => dimension.values[0]);
  return cell.every((value) => value !== undefined) ? cell : undefined;
}
