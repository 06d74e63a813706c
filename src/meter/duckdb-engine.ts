import type { DuckDBConnection, DuckDBDataChunk, DuckDBInstance } from "@duckdb/node-api";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { duckdbDialect } from "./duckdb-dialect.js";
import type { Events, MeterEngine } from "./engine.js";
import { fileList, type EventSource } from "./event-source.js";
import { checkWidth } from "./event-width.js";

/** Embedded DuckDB: the default engine. Past `memoryLimit` it spills to temporary files (in a folder of its own). */
export async function duckdbEngine(memoryLimit: string, withProgress: boolean): Promise<MeterEngine> {
  const { connection, close } = await spillingDuckdb(memoryLimit);
  try {
    for (const statement of duckdbDialect.session) await connection.run(statement);
    // The engine tracks a query's progress only with its progress bar on (never printed here: it has no terminal of its own).
    if (withProgress) await connection.run("SET enable_progress_bar = true; SET enable_progress_bar_print = false");
  } catch (error) {
    close();
    throw error;
  }
  return {
    dialect: duckdbDialect,
    async open(events: Events, columns: readonly string[]) {
      if (events.kind !== "files")
        throw new Error("DuckDB reads events from files; a table is read by --engine clickhouse");
      await checkWidth(events.files, connection);
      await connection.run(`CREATE VIEW events AS SELECT * FROM ${relation(events.files, columns)}`);
      const rows = (await connection.runAndReadAll("SELECT column_name, column_type FROM (DESCRIBE events)")).getRows();
      return { relation: "events", columns: new Map(rows.map((row) => [String(row[0]), String(row[1])])) };
    },
    run: async (sql) => void (await connection.run(sql)),
    rows: (sql) => rowsOf(connection, sql),
    progress: () => connection.progress.percentage,
    close,
  };
}

/**
 * An in-memory DuckDB that spills to a temporary folder of its own past `memoryLimit` (removed on
 * close): DuckDB names its spill files alike in every instance, so two instances sharing a folder
 * (a bill's metering and its customers, or two runs at once) would read each other's.
 */
export async function spillingDuckdb(
  memoryLimit: string,
): Promise<{ connection: DuckDBConnection; close: () => void }> {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const spill = mkdtempSync(join(tmpdir(), "ratecard-duckdb-"));
  let instance: DuckDBInstance | undefined;
  let connection: DuckDBConnection | undefined;
  let open = true;
  const close = () => {
    if (!open) return;
    open = false;
    connection?.closeSync();
    instance?.closeSync();
    rmSync(spill, { recursive: true, force: true });
  };
  try {
    instance = await DuckDBInstance.create(":memory:", {
      memory_limit: memoryLimit,
      temp_directory: spill,
      preserve_insertion_order: "false",
    });
    connection = await instance.connect();
    return { connection, close };
  } catch (error) {
    close();
    throw error;
  }
}

async function* rowsOf(connection: DuckDBConnection, sql: string): AsyncGenerator<string[][]> {
  const result = await connection.stream(sql);
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    yield textRows(chunk);
  }
}

/** A chunk's rows as text, read column by column: getRows() visits each value through callbacks, which cost ~40% more. */
function textRows(chunk: DuckDBDataChunk): string[][] {
  const columns = Array.from({ length: chunk.columnCount }, (_, column) => chunk.getColumnVector(column));
  const rows = new Array<string[]>(chunk.rowCount);
  for (let r = 0; r < rows.length; r++) {
    const row = new Array<string>(columns.length);
    for (let c = 0; c < columns.length; c++) {
      const value = columns[c]!.getItem(r);
      row[c] = (value === null ? null : String(value)) as string;
    }
    rows[r] = row;
  }
  return rows;
}

/**
 * The events as DuckDB reads them. JSON reads only the named columns, as text (no column is
 * guessed into a type, and an event's other keys cost nothing); CSV (as text) and Parquet read all.
 */
function relation(source: EventSource, columns: readonly string[]): string {
  const list = fileList(source.files);
  if (source.format === "json")
    return `read_json(${list}, format = 'newline_delimited', columns = {${[...new Set(columns)].map((name) => `${duckdbDialect.literal(name)}: 'VARCHAR'`).join(", ")}})`;
  return source.format === "csv" ? `read_csv_auto(${list}, all_varchar = true)` : `read_parquet(${list})`;
}
