import type { DuckDBConnection } from "@duckdb/node-api";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { RuleSet } from "../api.js";
import { parsePeriod, type Period } from "../calendar/period.js";
import { RatecardError } from "../errors/ratecard-error.js";
import type { ModePlan } from "../model/plan.js";
import type { UsageDocument } from "../model/usage.js";
import { eventSource } from "./event-source.js";
import { checkWidth } from "./event-width.js";
import { columnsRead, meterQueries, SESSION_SQL, type EventColumns, type MeterQueries } from "./meter-sql.js";
import { UsageBuilder } from "./usage-builder.js";

/** What to meter. */
export interface MeterRequest {
  /** An events file (.ndjson, .jsonl, .csv, .parquet) or a folder of them. */
  events: string;
  /** The month, YYYY-MM. */
  period: string;
  /** The billing mode whose meters measure the events; default: the rule set's default mode. */
  mode?: string;
  /** The most memory DuckDB may use before it spills to temporary files (DuckDB's syntax: 1GB, 512MB); default 1GB. */
  memoryLimit?: string;
  /** Called about every half second while DuckDB works, with the share done (0–100; below 0 while the engine cannot tell). */
  onProgress?: (percent: number) => void;
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
 * Meters raw events with DuckDB (embedded, no server): the mode's event mappings compiled to SQL
 * (meter-sql.ts), run over the file or folder of events, and the rows turned into one usage
 * document per customer as they stream out of the engine, so memory stays flat. Values stay
 * exact: DECIMAL(38,12) in SQL, decimal strings after.
 */
export async function meterEvents(ruleSet: RuleSet, request: MeterRequest): Promise<MeterRun> {
  const period = parsePeriod(request.period);
  if (!period) throw problem("usage.value", `--period must be a month, YYYY-MM, not "${request.period}"`);
  const mode = modeFor(ruleSet, period, request.mode);
  const source = eventSource(request.events);
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const memoryLimit = request.memoryLimit ?? "1GB";
  if (!/^\d{1,6}(\.\d{1,3})?\s?(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(memoryLimit)) throw problem("usage.value", `the memory limit must be a size such as 1GB or 512MB, not "${memoryLimit}"`);
  // Memory stays bounded: past the limit DuckDB spills to temporary files (in the system's temporary folder).
  const instance = await DuckDBInstance.create(":memory:", { memory_limit: memoryLimit, temp_directory: join(tmpdir(), "ratecard-duckdb"), preserve_insertion_order: "false" }).catch(
    (error: unknown) => {
      throw readable(error);
    },
  );
  const connection = await instance.connect();
  // The engine tracks a query's progress only with its progress bar on (never printed here: it has no terminal of its own).
  if (request.onProgress) await connection.run("SET enable_progress_bar = true; SET enable_progress_bar_print = false");
  let open = true;
  const close = () => {
    if (!open) return;
    open = false;
    connection.closeSync();
    instance.closeSync();
  };
  try {
    await connection.run(SESSION_SQL);
    await checkWidth(connection, source);
    await connection.run(`CREATE VIEW events AS SELECT * FROM ${source.relation(columnsRead(mode))}`);
    const sql = meterQueries(mode, period, await columnsOf(connection), source.format);
    if (!sql) throw problem("usage.meter", `no meter of mode ${mode.id} says how it is measured from events (events: in its mode file)`);
    const summary: MeterSummary = { mode: mode.id, customers: 0, outcomes: {}, refused: 0 };
    return { sql, ruleset: ruleSet.id, mode, period, summary, close, documents: documents(connection, sql, { ruleSet, mode, period, summary, onProgress: request.onProgress }, close) };
  } catch (error) {
    close();
    throw readable(error);
  }
}

interface RunContext {
  ruleSet: RuleSet;
  mode: ModePlan;
  period: Period;
  summary: MeterSummary;
  onProgress: ((percent: number) => void) | undefined;
}

async function* documents(connection: DuckDBConnection, sql: MeterQueries, run: RunContext, close: () => void): AsyncGenerator<UsageDocument> {
  try {
    await withProgress(connection, run.onProgress, () => connection.run(sql.parsed));
    await countOutcomes(connection, sql.outcomes, run.summary);
    const result = await withProgress(connection, run.onProgress, () => connection.stream(sql.usage));
    const builder = new UsageBuilder(run.ruleSet.id, run.mode, run.period);
    for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      const [customers, meters, cells, values] = chunk.getColumns() as string[][];
      for (let row = 0; row < chunk.rowCount; row++) {
        const done = builder.add(customers![row]!, meters![row]!, cells![row]!, values![row]!);
        if (done) yield done;
      }
    }
    const last = builder.finish();
    if (last) yield last;
    run.summary.customers = builder.customers;
  } catch (error) {
    throw readable(error);
  } finally {
    close();
  }
}

/** The outcome counts: events metered, outside the month, and refused by reason. */
async function countOutcomes(connection: DuckDBConnection, sql: string, summary: MeterSummary): Promise<void> {
  for (const [meter, outcome, events] of (await connection.runAndReadAll(sql)).getRows() as [string, string, bigint][]) {
    const count = Number(events); // eslint-disable-line ratecard/no-float-money -- an event count
    (summary.outcomes[meter] ??= {})[outcome] = count;
    if (outcome !== "metered" && outcome !== "outside") summary.refused += count;
  }
}

/** Runs a statement, reporting the engine's progress while it works. */
async function withProgress<T>(connection: DuckDBConnection, onProgress: ((percent: number) => void) | undefined, work: () => Promise<T>): Promise<T> {
  if (!onProgress) return work();
  const timer = setInterval(() => onProgress(connection.progress.percentage), 500);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

async function columnsOf(connection: DuckDBConnection): Promise<EventColumns> {
  const rows = (await connection.runAndReadAll("SELECT column_name, column_type FROM (DESCRIBE events)")).getRows();
  const columns = new Map(rows.map((row) => [String(row[0]), String(row[1])]));
  for (const required of ["customer", "type", "timestamp"]) {
    if (!columns.has(required)) throw problem("file.unreadable", `the events have no "${required}" column; every event needs customer, type and timestamp`);
  }
  return columns;
}

/** The mode the events are metered for: the one named, or the rule set's default, in the version in force in the month. */
function modeFor(ruleSet: RuleSet, period: Period, modeId = ruleSet.selection.default): ModePlan {
  const versions = ruleSet.modes.get(modeId);
  if (!versions) throw problem("usage.mode", `rule set ${ruleSet.id} has no mode "${modeId}"; it has: ${[...ruleSet.modes.keys()].join(", ")}`);
  return [...versions].reverse().find((v) => !v.effective?.from || v.effective.from <= period.to) ?? versions[0]!;
}

/** Engine errors (a file that does not parse, a column of the wrong type) as one coded problem. */
function readable(error: unknown): RatecardError {
  if (error instanceof RatecardError) return error;
  return problem("file.unreadable", `the events could not be metered: ${(error as Error).message.split("\n")[0]}`);
}

function problem(code: "usage.value" | "usage.mode" | "usage.meter" | "file.unreadable", message: string): RatecardError {
  return new RatecardError([{ code, message, path: [] }]);
}
