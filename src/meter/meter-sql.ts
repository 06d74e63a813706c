import type { Period } from "../calendar/period.js";
import type { EventsDoc } from "../model/document.js";
import type { MeterPlan, ModePlan } from "../model/plan.js";
import type { ColumnKind, Dialect } from "./dialect.js";
import { exactValue, textOf, type EventFormat } from "./exact-value.js";

/** Separates dimension values in the `cell` column (the unit separator: never in an id). */
export const CELL_SEPARATOR = "\u001f";

/** The event columns the engine found, by name, with what they hold (undefined: read as text). */
export type EventColumns = ReadonlyMap<string, ColumnKind | undefined>;

/** The statements that meter a mode's events, in the order they run. */
export interface MeterQueries {
  /** Settings of the engine's session: text without an offset means UTC. */
  session: string[];
  /** Statements run before the queries: in DuckDB, `CREATE TEMP TABLE parsed AS …` (the events read once, times and values parsed exactly). */
  setup: string[];
  /** One row per customer, meter and cell, `value` the month's value (`day` 0); a daily series has a row per day with events (`day` 1–31), in day order. */
  usage: string;
  /** One row per meter and outcome (`metered`, `outside`, or why the row was refused) with its count. */
  outcomes: string;
}

/** The event columns a mode's meters read: customer, type, timestamp, and those their mappings name. */
export function columnsRead(mode: ModePlan): string[] {
  const names = new Set(["customer", "type", "timestamp"]);
  for (const { events, dimensions } of mode.meters.values()) {
    if (!events) continue;
    for (const name of [
      events.value,
      events.distinct,
      ...Object.keys(events.filter ?? {}),
      ...dimensions.map((d) => events.dimensions?.[d.id] ?? d.id),
    ])
      if (name) names.add(name);
  }
  return [...names];
}

/** A meter that SQL hands over as daily values, because the evaluator must see the days. */
export function isDailySeries(meter: MeterPlan): boolean {
  return meter.aggregate === "average" || meter.aggregate === "percentile" || meter.input === "daily";
}

/**
 * The SQL that aggregates raw events into the month's usage of every meter that says how it is
 * measured from events (`events:` in the mode). Plain SQL over the relation `events` (a view of
 * the files, or a table) with `customer`, `type`, `timestamp` and the columns the mappings name:
 * days first (each mapping's `daily`: sum, max, latest or a distinct count), then the month as the
 * meter's `aggregate` says; an average (an exact division) and meters that take only daily values
 * are left to the evaluator as a series. The same code writes every dialect; only the functions
 * the engines spell differently come from `dialect`.
 */
export function meterQueries(
  mode: ModePlan,
  period: Period,
  columns: EventColumns,
  format: EventFormat,
  dialect: Dialect,
  events = "events",
): MeterQueries | undefined {
  const meters = [...mode.meters.values()].filter((meter) => meter.events);
  if (!meters.length) return undefined;
  const sql = new MeterSql(dialect, period);
  const parsed = dialect.parsed(sql.parsed(meters, columns, format, events));
  return {
    session: dialect.session,
    setup: parsed.setup,
    usage: `${parsed.prefix}SELECT * FROM (\n${meters.map((meter) => sql.usage(meter)).join("\nUNION ALL\n")}\n) ORDER BY customer, meter, cell, day`,
    outcomes: `${parsed.prefix}${meters.map((meter) => sql.outcomes(meter)).join("\nUNION ALL\n")}`,
  };
}

/**
 * ISO 8601 as ratecard reads it: a date, a time, and a Z or an offset. Named time zones are not
 * read (DuckDB carries one row's zone over to the rows after it), nor special values (`infinity`,
 * `epoch`, `now`), nor years of more than four digits, nor hours past 23 or seconds past 59
 * (engines read `24:00` and `23:59:60` differently).
 */
const ISO_8601 =
  "[0-9]{4}-[0-9]{2}-[0-9]{2}([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,9})?)?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?";

/** The metering SQL of one dialect and month. */
class MeterSql {
  constructor(
    private readonly dialect: Dialect,
    private readonly period: Period,
  ) {}

  /** Only the columns the meters read, once: exact values as `value_<column>`, time as UTC `ts_` (and whether it was readable, `ts_readable_`). */
  parsed(meters: MeterPlan[], columns: EventColumns, format: EventFormat, events: string): string {
    const d = this.dialect;
    const read = new Set<string>();
    const values = new Set<string>();
    for (const { events: mapping, dimensions } of meters) {
      if (mapping!.value) values.add(mapping!.value);
      if (mapping!.distinct) read.add(mapping!.distinct);
      for (const name of Object.keys(mapping!.filter ?? {})) read.add(name);
      for (const dimension of dimensions) read.add(mapping!.dimensions?.[dimension.id] ?? dimension.id);
    }
    const present = (name: string, sql: (column: string, kind: ColumnKind | undefined) => string) =>
      columns.has(name) ? sql(`"${name}"`, columns.get(name)) : "NULL";
    const selected = [
      `${textOf("customer", columns.get("customer"), d)} AS customer`,
      `${textOf("type", columns.get("type"), d)} AS type`,
      `${this.timestamp(columns.get("timestamp"))} AS ts_`,
      `${this.timestampReadable(columns.get("timestamp"))} AS ts_readable_`,
      ...[...values].map(
        (name) => `${present(name, (column, kind) => exactValue(column, kind, format, d))} AS "value_${name}"`,
      ),
      ...[...read]
        .filter((name) => !["customer", "type"].includes(name))
        .map((name) => `${present(name, (column, kind) => textOf(column, kind, d))} AS "${name}"`),
    ];
    const types = [...new Set(meters.flatMap((meter) => typesOf(meter.events!)))];
    return `SELECT ${selected.join(", ")} FROM ${events} WHERE ${textOf("type", columns.get("type"), d)} IN (${types.map((t) => d.literal(t)).join(", ")})`;
  }

  /** Whether the event time is one to read: ISO 8601 text, or a timestamp column's value of years 0001–9999 (not infinity). NULL when there is none. */
  private timestampReadable(kind: ColumnKind | undefined): string {
    if (kind === "timestamp" || kind === "instant") return this.dialect.inYears(`"timestamp"`, kind);
    return this.dialect.fullMatch(textOf(`"timestamp"`, kind, this.dialect), ISO_8601);
  }

  /** The event time in UTC, NULL when it is not readable: a Z or an offset is applied (none means UTC, the session's time zone). */
  private timestamp(kind: ColumnKind | undefined): string {
    const d = this.dialect;
    const utc =
      kind === "timestamp"
        ? `"timestamp"`
        : kind === "instant"
          ? d.instantToUtc(`"timestamp"`)
          : d.parseInstant(textOf(`"timestamp"`, kind, d));
    return `CASE WHEN ${this.timestampReadable(kind)} THEN ${utc} END`;
  }

  /** One meter's month values: from its readable rows in the period, by day then by month; a daily series as one row per day. */
  usage(meter: MeterPlan): string {
    const d = this.dialect;
    const events = meter.events!;
    const rows = `SELECT customer, ${this.cellOf(meter)} AS cell, ${this.dayOf(events)} AS d, ${this.valueOf(events)} AS v, ts_${events.distinct ? `, "${events.distinct}" AS k` : ""} FROM parsed WHERE ${[...this.matches(meter), ...readable(meter), this.inPeriod(events)].join(" AND ")}`;
    const select = (value: string, day = "0") =>
      `SELECT customer, ${d.literal(meter.id)} AS meter, cell, ${value} AS value, ${day} AS day`;
    if (meter.input === "hourly") {
      // Hours of the month in UTC, one row each, made as `hourly:` says; the evaluator aggregates the month.
      return `${select(d.decimalText("x"), "h")} FROM (${this.buckets(events.hourly, events, rows, d.hourOfMonth("ts_"), "h")})`;
    }
    if (
      meter.aggregate === "sum" &&
      !isDailySeries(meter) &&
      (events.distinct || !events.daily || events.daily === "sum")
    ) {
      // The month in one step: a sum of the days is the sum of the events (a distinct count is counted over the month).
      return `${select(d.decimalText(events.distinct ? `CAST(${d.countDistinct("k")} AS ${d.decimal})` : "sum(v)"))} FROM (${rows}) GROUP BY customer, cell`;
    }
    const days = this.buckets(events.daily, events, rows, "d", "d");
    if (isDailySeries(meter)) return `${select(d.decimalText("x"), d.dayOfMonth("d"))} FROM (${days})`;
    return `${select(this.monthOf(meter))} FROM (${days}) GROUP BY customer, cell`;
  }

  /**
   * Each bucket's value `x` from the rows (a day `d`, or an hour of the month): a sum, max,
   * distinct count, or the bucket's last reading (of readings at the same instant, the largest: the
   * engine's own pick among ties would vary from run to run). Every aggregate keeps a state of
   * fixed size, so that the engines spill them to disk.
   */
  private buckets(how: EventsDoc["daily"], events: EventsDoc, rows: string, key: string, name: string): string {
    const d = this.dialect;
    if (how === "latest" && !events.distinct) {
      const instants = `SELECT customer, cell, ${key} AS ${name}, ts_, max(v) AS v FROM (${rows}) GROUP BY customer, cell, ${name}, ts_`;
      return `SELECT customer, cell, ${name}, ${d.argMax("v", "ts_")} AS x FROM (${instants}) GROUP BY customer, cell, ${name}`;
    }
    const measure = events.distinct
      ? `CAST(${d.countDistinct("k")} AS ${d.decimal})`
      : how === "max"
        ? "max(v)"
        : "sum(v)";
    return `SELECT customer, cell, ${key} AS ${name}, ${measure} AS x FROM (${rows}) GROUP BY customer, cell, ${name}`;
  }

  /** The month's value from the days (`x` on day `d`), as the evaluator aggregates daily values. */
  private monthOf(meter: MeterPlan): string {
    const d = this.dialect;
    switch (meter.aggregate) {
      case "sum":
        return d.decimalText("sum(x)");
      case "max":
        return d.decimalText("max(x)");
      case "latest":
        // One row per day: no two rows tie.
        return d.decimalText(d.argMax("x", "d"));
      default:
        // A series counts the days before its last as 0 when they have no value.
        return d.decimalText(
          `CASE WHEN count(*) < max(${d.dayOfMonth("d")}) THEN least(min(x), CAST(0 AS ${d.decimal})) ELSE min(x) END`,
        );
    }
  }

  /** Each meter's rows by outcome: counted, so that no event is dropped without a reason. */
  outcomes(meter: MeterPlan): string {
    const d = this.dialect;
    const events = meter.events!;
    const reasons: [string, string][] = [
      ["no customer", "customer IS NULL"],
      ["no timestamp", "ts_readable_ IS NULL"],
      ["timestamp is not an ISO 8601 date and time", "NOT ts_readable_"],
      ["timestamp does not parse", "ts_ IS NULL"],
    ];
    if (events.value) reasons.push([`${events.value} is not an exact decimal`, `"value_${events.value}" IS NULL`]);
    if (events.distinct) reasons.push([`no ${events.distinct}`, `"${events.distinct}" IS NULL`]);
    for (const dimension of meter.dimensions) {
      const name = events.dimensions?.[dimension.id] ?? dimension.id;
      reasons.push([`no ${name}`, `"${name}" IS NULL`]);
    }
    const outcome = `CASE ${reasons.map(([reason, test]) => `WHEN ${test} THEN ${d.literal(reason)}`).join(" ")} WHEN ${this.inPeriod(events)} THEN 'metered' ELSE 'outside' END`;
    return `SELECT ${d.literal(meter.id)} AS meter, ${outcome} AS outcome, count(*) AS events FROM parsed WHERE ${this.matches(meter).join(" AND ")} GROUP BY outcome`;
  }

  /** The rows a meter counts: its types, its filters (compared as text, so `5` matches a CSV's "5" and JSON's 5). */
  private matches(meter: MeterPlan): string[] {
    const d = this.dialect;
    const events = meter.events!;
    return [
      `type IN (${typesOf(events)
        .map((t) => d.literal(t))
        .join(", ")})`,
      ...Object.entries(events.filter ?? {}).map(([name, expected]) => `"${name}" = ${d.literal(String(expected))}`),
    ];
  }

  private inPeriod(events: EventsDoc): string {
    return `${this.dayOf(events)} BETWEEN ${this.dialect.date(this.period.from)} AND ${this.dialect.date(this.period.to)}`;
  }

  /** The calendar day of the event in the mapping's time zone. */
  private dayOf(events: EventsDoc): string {
    return this.dialect.dayOf("ts_", offsetMinutes(events.timezone));
  }

  private valueOf(events: EventsDoc): string {
    return events.value ? `"value_${events.value}"` : `CAST(1 AS ${this.dialect.decimal})`;
  }

  private cellOf(meter: MeterPlan): string {
    if (!meter.dimensions.length) return "''";
    return meter.dimensions
      .map((d) => `"${meter.events!.dimensions?.[d.id] ?? d.id}"`)
      .join(` || ${this.dialect.unitSeparator} || `);
  }
}

/** Rows with everything the meter reads. */
function readable(meter: MeterPlan): string[] {
  const events = meter.events!;
  const present = ["customer", "ts_"];
  if (events.value) present.push(`"value_${events.value}"`);
  if (events.distinct) present.push(`"${events.distinct}"`);
  for (const dimension of meter.dimensions) present.push(`"${events.dimensions?.[dimension.id] ?? dimension.id}"`);
  return present.map((name) => `${name} IS NOT NULL`);
}

function typesOf(events: EventsDoc): string[] {
  return Array.isArray(events.type) ? events.type : [events.type];
}

function offsetMinutes(timezone: string | undefined): number {
  if (!timezone || timezone === "UTC") return 0;
  const sign = timezone.startsWith("-") ? -1 : 1;
  return sign * (Number(timezone.slice(1, 3)) * 60 + Number(timezone.slice(4, 6))); // eslint-disable-line ratecard/no-float-money -- minutes of a time zone offset
}
