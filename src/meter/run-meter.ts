import type { Plan } from "../model/plan.js";
import { parsePeriod, type Period } from "../calendar/period.js";
import { RatecardError } from "../errors/ratecard-error.js";
import type { ModePlan } from "../model/plan.js";
import type { UsageDocument } from "../model/usage.js";
import { chdbEngine } from "./chdb-engine.js";
import { clickhouseEngine } from "./clickhouse-engine.js";
import { clickhouseDialect } from "./clickhouse-dialect.js";
import type { Dialect } from "./dialect.js";
import { duckdbDialect } from "./duckdb-dialect.js";
import { duckdbEngine } from "./duckdb-engine.js";
import type { EngineName, Events, MeterEngine } from "./engine.js";
import { eventSource } from "./event-source.js";
import { checkSize } from "./memory-size.js";
import { columnsRead, meterQueries, type EventColumns, type MeterQueries } from "./meter-sql.js";
import { UsageBuilder } from "./usage-builder.js";

/** What to meter. */
export interface MeterRequest {
  /** An events file (.ndjson, .jsonl, .csv, .parquet) or a folder of them; or, with `table`, nothing. */
  events?: string;
  /** A table of the ClickHouse server's (`db.events`; on a cluster a Distributed table), instead of files. */
  table?: string;
  /** The month, YYYY-MM. */
  period: string;
  /** The billing mode whose meters measure the events; default: the rule set's default mode. */
  mode?: string;
  /** The SQL engine: embedded DuckDB (default), embedded ClickHouse (chdb, an optional install), or a ClickHouse server (`url`). */
  engine?: EngineName;
  /** The ClickHouse server's HTTP address, for `engine: "clickhouse"`; credentials from CLICKHOUSE_USER and CLICKHOUSE_PASSWORD. */
  url?: string;
  /** The environment the credentials are read from (default: the process's). */
  env?: NodeJS.ProcessEnv;
  /** The SQL written (default: the engine's); another dialect's SQL is for printing (`meter --sql --dialect`), not for running. */
  dialect?: Dialect["name"];
  /** The most memory the engine may use before it spills to temporary files (1GB, 512MB); default 1GB on DuckDB, the engine's own on ClickHouse. */
  memoryLimit?: string;
  /** Called about every half second while the engine works, with the share done (0–100; below 0 while the engine cannot tell). */
  onProgress?: ((percent: number) => void) | undefined;
}

/** What a meter run read: per meter, how many events were metered, fell outside the month, or were refused and why. */
export interface MeterSummary {
  mode: string;
  customers: number;
  /** meter id → outcome (`metered`, `outside`, or a reason for refusal) → events. */
  outcomes: Record<string, Record<string, number>>;
  /** Events refused, over all meters (an event counted by two meters counts twice). */
  refused: number;
}

/** A metering run: the SQL it runs, its documents (stream them once), and its summary after. */
export interface MeterRun {
  sql: MeterQueries;
  /** The id of the rule set whose meters measure the events. */
  ruleset: string;
  /** The mode's version in force in the month, whose meters measure the events. */
  mode: ModePlan;
  period: Period;
  /** One usage document per customer with events, in customer order. */
  documents: AsyncGenerator<UsageDocument>;
  /** Filled in when `documents` is finished. */
  summary: MeterSummary;
  /** Ends the run without reading the documents (reading them to the end closes it too). */
  close(): void;
}

/**
 * Meters raw events with an SQL engine (embedded DuckDB by default): the mode's event mappings
 * compiled to the engine's SQL (meter-sql.ts), run over the files or table of events, and the rows
 * turned into one usage document per customer as they stream out of the engine, so memory stays
 * flat. Values stay exact: DECIMAL(38,12) in SQL, decimal strings after.
 */
export async function meterEvents(ruleSet: Plan, request: MeterRequest): Promise<MeterRun> {
  const period = parsePeriod(request.period);
  if (!period) throw problem("usage.value", `--period must be a month, YYYY-MM, not "${request.period}"`);
  const mode = modeFor(ruleSet, period, request.mode);
  const events = eventsOf(request);
  const engine = await engineFor(request);
  try {
    const opened = await engine.open(events, columnsRead(mode));
    const dialect =
      request.dialect === "clickhouse"
        ? clickhouseDialect
        : request.dialect === "duckdb"
          ? duckdbDialect
          : engine.dialect;
    const format = events.kind === "files" ? events.files.format : "table";
    const sql = meterQueries(
      mode,
      period,
      columnsOf(opened.columns, engine.dialect),
      format,
      dialect,
      dialect === engine.dialect ? opened.relation : "events",
    );
    if (!sql)
      throw problem(
        "usage.meter",
        `no meter of mode ${mode.id} says how it is measured from events (events: in its mode file)`,
      );
    const summary: MeterSummary = { mode: mode.id, customers: 0, outcomes: {}, refused: 0 };
    const close = () => engine.close();
    return {
      sql,
      ruleset: ruleSet.id,
      mode,
      period,
      summary,
      close,
      documents: documents(engine, sql, { ruleSet, mode, period, summary, onProgress: request.onProgress }),
    };
  } catch (error) {
    engine.close();
    throw readable(error);
  }
}

function eventsOf(request: MeterRequest): Events {
  if (request.table !== undefined) {
    if (request.events !== undefined) throw problem("usage.value", "give --events or --table, not both");
    if (request.engine !== "clickhouse")
      throw problem("usage.value", "--table reads a table of a ClickHouse server: give --engine clickhouse --url URL");
    return { kind: "table", table: request.table };
  }
  if (request.events === undefined)
    throw problem("usage.value", "give the events: --events FILE|DIR, or --table with --engine clickhouse");
  return { kind: "files", files: eventSource(request.events) };
}

async function engineFor(request: MeterRequest): Promise<MeterEngine> {
  const memoryLimit = request.memoryLimit === undefined ? undefined : checkSize(request.memoryLimit);
  if (request.engine !== "clickhouse" && request.url !== undefined)
    throw problem("usage.value", "--url names a ClickHouse server: give --engine clickhouse with it");
  try {
    if (request.engine === "chdb") return await chdbEngine(memoryLimit);
    if (request.engine === "clickhouse") {
      if (request.url === undefined)
        throw problem("usage.value", "--engine clickhouse needs --url, the server's HTTP address (http://host:8123)");
      return await clickhouseEngine({ url: request.url, env: request.env ?? process.env }, memoryLimit);
    }
    return await duckdbEngine(memoryLimit ?? "1GB", request.onProgress !== undefined);
  } catch (error) {
    throw readable(error);
  }
}

interface RunContext {
  ruleSet: Plan;
  mode: ModePlan;
  period: Period;
  summary: MeterSummary;
  onProgress: ((percent: number) => void) | undefined;
}

async function* documents(engine: MeterEngine, sql: MeterQueries, run: RunContext): AsyncGenerator<UsageDocument> {
  try {
    for (const statement of sql.setup) await withProgress(engine, run.onProgress, () => engine.run(statement));
    await countOutcomes(engine, sql.outcomes, run.summary);
    const builder = new UsageBuilder(run.ruleSet.id, run.mode, run.period);
    for await (const rows of withProgressRows(engine, run.onProgress, engine.rows(sql.usage))) {
      for (const [customer, meter, cell, value, day] of rows) {
        const done = builder.add(customer!, meter!, cell!, value!, Number(day)); // eslint-disable-line ratecard/no-float-money -- a day or an hour of the month
        if (done) yield done;
      }
    }
    const last = builder.finish();
    if (last) yield last;
    run.summary.customers = builder.customers;
  } catch (error) {
    throw readable(error);
  } finally {
    engine.close();
  }
}

/** The outcome counts: events metered, outside the month, and refused by reason. */
async function countOutcomes(engine: MeterEngine, sql: string, summary: MeterSummary): Promise<void> {
  for await (const rows of engine.rows(sql)) {
    for (const [meter, outcome, events] of rows) {
      const count = Number(events); // eslint-disable-line ratecard/no-float-money -- an event count
      (summary.outcomes[meter!] ??= {})[outcome!] = count;
      if (outcome !== "metered" && outcome !== "outside") summary.refused += count;
    }
  }
}

/** Runs a statement, reporting the engine's progress while it works. */
async function withProgress<T>(
  engine: MeterEngine,
  onProgress: ((percent: number) => void) | undefined,
  work: () => Promise<T>,
): Promise<T> {
  if (!onProgress) return work();
  const timer = setInterval(() => onProgress(engine.progress()), 500);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/** Streams rows, reporting the engine's progress until the first arrive. */
async function* withProgressRows<T>(
  engine: MeterEngine,
  onProgress: ((percent: number) => void) | undefined,
  rows: AsyncIterable<T>,
): AsyncGenerator<T> {
  const iterator = rows[Symbol.asyncIterator]();
  const first = await withProgress(engine, onProgress, () => iterator.next());
  for (let next = first; !next.done; next = await iterator.next()) yield next.value;
}

/** The events' columns by what they hold; customer, type and timestamp must be there. */
function columnsOf(types: ReadonlyMap<string, string>, dialect: Dialect): EventColumns {
  for (const required of ["customer", "type", "timestamp"]) {
    if (!types.has(required))
      throw problem(
        "file.unreadable",
        `the events have no "${required}" column; every event needs customer, type and timestamp`,
      );
  }
  return new Map([...types].map(([name, type]) => [name, dialect.kindOf(type)]));
}

/** The mode the events are metered for: the one named, or the rule set's default, in the version in force in the month. */
function modeFor(ruleSet: Plan, period: Period, modeId = ruleSet.selection.default): ModePlan {
  const versions = ruleSet.modes.get(modeId);
  if (!versions)
    throw problem(
      "usage.mode",
      `rule set ${ruleSet.id} has no mode "${modeId}"; it has: ${[...ruleSet.modes.keys()].join(", ")}`,
    );
  return [...versions].reverse().find((v) => !v.effective?.from || v.effective.from <= period.to) ?? versions[0]!;
}

/** Engine errors (a file that does not parse, a column of the wrong type) as one coded problem. */
function readable(error: unknown): RatecardError {
  if (error instanceof RatecardError) return error;
  return problem("file.unreadable", `the events could not be metered: ${(error as Error).message.split("\n")[0]}`);
}

function problem(
  code: "usage.value" | "usage.mode" | "usage.meter" | "file.unreadable",
  message: string,
): RatecardError {
  return new RatecardError([{ code, message, path: [] }]);
}
