import type { Period } from "../calendar/period.js";
import type { EventsDoc } from "../model/document.js";
import type { MeterPlan, ModePlan } from "../model/plan.js";
import { exactValue, textOf, type EventFormat } from "./exact-value.js";

/** Separates dimension values in the `cell` column (the unit separator: never in an id). */
export const CELL_SEPARATOR = "\u001f";

/** The event columns the engine found, by name, with their SQL types. */
export type EventColumns = ReadonlyMap<string, string>;

/** The three statements that meter a mode's events, in the order they run. */
export interface MeterQueries {
  /** `CREATE TEMP TABLE parsed AS …`: the events read once, times and values parsed exactly. */
  parsed: string;
  /** One row per customer, meter and cell: `value` is the month's value, or `day:value,…` for a daily series. */
  usage: string;
  /** One row per meter and outcome (`metered`, `outside`, or why the row was refused) with its count. */
  outcomes: string;
}

/** The event columns a mode's meters read: customer, type, timestamp, and those their mappings name. */
export function columnsRead(mode: ModePlan): string[] {
  const names = new Set(["customer", "type", "timestamp"]);
  for (const { events, dimensions } of mode.meters.values()) {
    if (!events) continue;
    for (const name of [events.value, events.distinct, ...Object.keys(events.filter ?? {}), ...dimensions.map((d) => events.dimensions?.[d.id] ?? d.id)]) if (name) names.add(name);
  }
  return [...names];
}

/** A meter that SQL hands over as daily values, because the evaluator must see the days. */
export function isDailySeries(meter: MeterPlan): boolean {
  return meter.aggregate === "average" || meter.aggregate === "percentile" || meter.input === "daily";
}

/**
 * The SQL that aggregates raw events into the month's usage of every meter that says how it is
 * measured from events (`events:` in the mode). Plain SQL over a relation `events` with
 * `customer`, `type`, `timestamp` and the columns the mappings name: days first (each mapping's
 * `daily`: sum, max, latest or a distinct count), then the month as the meter's `aggregate` says;
 * an average (an exact division) and meters that take only daily values are left to the evaluator
 * as a series. Written for DuckDB; docs/events.md says what other engines need.
 */
export function meterQueries(mode: ModePlan, period: Period, columns: EventColumns, format: EventFormat): MeterQueries | undefined {
  const meters = [...mode.meters.values()].filter((meter) => meter.events);
  if (!meters.length) return undefined;
  const column = (name: string) => (columns.has(name) ? `"${name}"` : "NULL");
  return {
    parsed: `CREATE TEMP TABLE parsed AS ${parsedSql(meters, columns, column, format)}`,
    usage: `${meters.map((meter) => usageSql(meter, period)).join("\nUNION ALL\n")}\nORDER BY customer, meter, cell`,
    outcomes: meters.map((meter) => outcomeSql(meter, period)).join("\nUNION ALL\n"),
  };
}

/** Only the columns the meters read, once: exact values as `value_<column>`, time as UTC `ts_` (and whether it was readable, `ts_readable_`). */
function parsedSql(meters: MeterPlan[], columns: EventColumns, column: (name: string) => string, format: EventFormat): string {
  const read = new Set<string>();
  const values = new Set<string>();
  for (const { events, dimensions } of meters) {
    if (events!.value) values.add(events!.value);
    if (events!.distinct) read.add(events!.distinct);
    for (const name of Object.keys(events!.filter ?? {})) read.add(name);
    for (const dimension of dimensions) read.add(events!.dimensions?.[dimension.id] ?? dimension.id);
  }
  const selected = [
    `${textOf("customer", columns.get("customer"))} AS customer`,
    `${textOf("type", columns.get("type"))} AS type`,
    `${timestamp(columns.get("timestamp"))} AS ts_`,
    `${timestampReadable(columns.get("timestamp"))} AS ts_readable_`,
    ...[...values].map((name) => `${columns.has(name) ? exactValue(column(name), columns.get(name), format) : "NULL"} AS "value_${name}"`),
    ...[...read].filter((name) => !["customer", "type"].includes(name)).map((name) => `${columns.has(name) ? textOf(column(name), columns.get(name)) : "NULL"} AS "${name}"`),
  ];
  const types = [...new Set(meters.flatMap((meter) => typesOf(meter.events!)))];
  return `SELECT ${selected.join(", ")} FROM events WHERE ${textOf("type", columns.get("type"))} IN (${types.map(literal).join(", ")})`;
}

/**
 * What the engine's session must be set to before the queries run: text without an offset means
 * UTC, whatever the time zone of the machine.
 */
export const SESSION_SQL = "SET TimeZone = 'UTC'";

/**
 * ISO 8601 as ratecard reads it: a date, a time, and a Z or an offset. Named time zones are not
 * read (DuckDB carries one row's zone over to the rows after it), nor special values (`infinity`,
 * `epoch`, `now`), nor years of more than four digits.
 */
const ISO_8601 = "[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?";

/** Whether the event time is one to read: ISO 8601 text, or a timestamp column's value of years 0001–9999 (not infinity). NULL when there is none. */
function timestampReadable(type: string | undefined): string {
  if (type === "TIMESTAMP") return `"timestamp" BETWEEN TIMESTAMP '0001-01-01' AND TIMESTAMP '9999-12-31 23:59:59.999999'`;
  if (type === "TIMESTAMP WITH TIME ZONE") return `"timestamp" BETWEEN TIMESTAMPTZ '0001-01-01 00:00:00Z' AND TIMESTAMPTZ '9999-12-31 23:59:59.999999Z'`;
  return `regexp_full_match(${textOf(`"timestamp"`, type)}, '${ISO_8601}')`;
}

/**
 * The event time in UTC, NULL when it is not readable: a Z or an offset is applied (none means
 * UTC, SESSION_SQL). Through epoch microseconds, so that the result is a plain TIMESTAMP.
 */
function timestamp(type: string | undefined): string {
  const instant = type === "TIMESTAMP" || type === "TIMESTAMP WITH TIME ZONE" ? `"timestamp"` : `TRY_CAST(${textOf(`"timestamp"`, type)} AS TIMESTAMPTZ)`;
  const utc = type === "TIMESTAMP" ? instant : `make_timestamp(epoch_us(${instant}))`;
  return `CASE WHEN ${timestampReadable(type)} THEN ${utc} END`;
}

/** The day's last reading; of readings at the same instant, the largest value (the engine's own pick among ties would vary from run to run). */
const LATEST_OF_DAY = "arg_max(v, (ts_, v))";

/** One meter's month values: from its readable rows in the period, by day then by month. */
function usageSql(meter: MeterPlan, period: Period): string {
  const events = meter.events!;
  const rows = `SELECT customer, ${cellOf(meter)} AS cell, ${dayOf(events)} AS d, ${valueOf(events)} AS v, ts_${events.distinct ? `, "${events.distinct}" AS k` : ""} FROM parsed WHERE ${[...matches(meter), ...readable(meter), inPeriod(events, period)].join(" AND ")}`;
  const measure = events.distinct ? "CAST(count(DISTINCT k) AS DECIMAL(38,12))" : events.daily === "max" ? "max(v)" : events.daily === "latest" ? LATEST_OF_DAY : "sum(v)";
  const select = (value: string) => `SELECT customer, '${meter.id}' AS meter, cell, ${value} AS value`;
  if (meter.aggregate === "sum" && !isDailySeries(meter) && (events.distinct || !events.daily || events.daily === "sum")) {
    // The month in one step: a sum of the days is the sum of the events (a distinct count is counted over the month).
    return `${select(text(measure))} FROM (${rows}) GROUP BY customer, cell`;
  }
  const days = `SELECT customer, cell, d, ${measure} AS x FROM (${rows}) GROUP BY customer, cell, d`;
  return `${select(monthOf(meter))} FROM (${days}) GROUP BY customer, cell`;
}

/** The month's value from the days (`x` on day `d`), as the evaluator aggregates daily values. */
function monthOf(meter: MeterPlan): string {
  if (isDailySeries(meter)) return `string_agg(CAST(day(d) AS VARCHAR) || ':' || ${text("x")}, ',' ORDER BY d)`;
  switch (meter.aggregate) {
    case "sum":
      return text("sum(x)");
    case "max":
      return text("max(x)");
    case "latest":
      // One row per day: no two rows tie.
      return text("arg_max(x, d)");
    default:
      // A series counts the days before its last as 0 when they have no value.
      return text("CASE WHEN count(*) < max(day(d)) THEN least(min(x), CAST(0 AS DECIMAL(38,12))) ELSE min(x) END");
  }
}

/** Each meter's rows by outcome: counted, so that no event is dropped without a reason. */
function outcomeSql(meter: MeterPlan, period: Period): string {
  const events = meter.events!;
  const reasons: [string, string][] = [
    ["no customer", "customer IS NULL"],
    ["no timestamp", "ts_readable_ IS NULL"],
    ["timestamp is not an ISO 8601 date and time", "ts_readable_ = false"],
    ["timestamp does not parse", "ts_ IS NULL"],
  ];
  if (events.value) reasons.push([`${events.value} is not an exact decimal`, `"value_${events.value}" IS NULL`]);
  if (events.distinct) reasons.push([`no ${events.distinct}`, `"${events.distinct}" IS NULL`]);
  for (const dimension of meter.dimensions) {
    const name = events.dimensions?.[dimension.id] ?? dimension.id;
    reasons.push([`no ${name}`, `"${name}" IS NULL`]);
  }
  const outcome = `CASE ${reasons.map(([reason, test]) => `WHEN ${test} THEN ${literal(reason)}`).join(" ")} WHEN ${inPeriod(events, period)} THEN 'metered' ELSE 'outside' END`;
  return `SELECT '${meter.id}' AS meter, ${outcome} AS outcome, count(*) AS events FROM parsed WHERE ${matches(meter).join(" AND ")} GROUP BY outcome`;
}

/** The rows a meter counts: its types, its filters (compared as text, so `5` matches a CSV's "5" and JSON's 5). */
function matches(meter: MeterPlan): string[] {
  const events = meter.events!;
  return [`type IN (${typesOf(events).map(literal).join(", ")})`, ...Object.entries(events.filter ?? {}).map(([name, expected]) => `CAST("${name}" AS VARCHAR) = ${literal(String(expected))}`)];
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

function inPeriod(events: EventsDoc, period: Period): string {
  return `${dayOf(events)} BETWEEN DATE '${period.from}' AND DATE '${period.to}'`;
}

/** The calendar day of the event in the mapping's time zone. */
function dayOf(events: EventsDoc): string {
  const minutes = offsetMinutes(events.timezone);
  return minutes ? `CAST(ts_ + INTERVAL (${minutes}) MINUTE AS DATE)` : `CAST(ts_ AS DATE)`;
}

function valueOf(events: EventsDoc): string {
  return events.value ? `"value_${events.value}"` : "CAST(1 AS DECIMAL(38,12))";
}

function cellOf(meter: MeterPlan): string {
  if (!meter.dimensions.length) return "''";
  return meter.dimensions.map((d) => `CAST("${meter.events!.dimensions?.[d.id] ?? d.id}" AS VARCHAR)`).join(` || chr(31) || `);
}

/** A DECIMAL(38,12) as text without trailing zeros: 12.500000000000 → 12.5, 3.000000000000 → 3. */
function text(decimal: string): string {
  return `rtrim(rtrim(CAST(CAST(${decimal} AS DECIMAL(38,12)) AS VARCHAR), '0'), '.')`;
}

function typesOf(events: EventsDoc): string[] {
  return Array.isArray(events.type) ? events.type : [events.type];
}

function offsetMinutes(timezone: string | undefined): number {
  if (!timezone || timezone === "UTC") return 0;
  const sign = timezone.startsWith("-") ? -1 : 1;
  return sign * (Number(timezone.slice(1, 3)) * 60 + Number(timezone.slice(4, 6))); // eslint-disable-line ratecard/no-float-money -- minutes of a time zone offset
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
