import type { ClickHouseClient } from "@clickhouse/client";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { createReadStream } from "node:fs";
import { RatecardError } from "../errors/ratecard-error.js";
import { clickhouseDialect } from "./clickhouse-dialect.js";
import { clickhouseSettings, fileFormat, identifier } from "./clickhouse-files.js";
import type { Events, MeterEngine } from "./engine.js";
import { fileList, type EventSource } from "./event-source.js";
import { checkWidth, csvHeader, withDuckdb } from "./event-width.js";

/** Where a ClickHouse server is, and who to be there: the credentials come from the environment, never from the command line. */
export interface ClickhouseTarget {
  url: string;
  /** CLICKHOUSE_USER, CLICKHOUSE_PASSWORD, CLICKHOUSE_DATABASE. */
  env: NodeJS.ProcessEnv;
}

/**
 * A ClickHouse server or cluster over its HTTP interface (the official client). Events are read
 * from a table (on a cluster, a Distributed table: the queries run on every shard) or from files,
 * which are sent to the server into a temporary table of this session.
 */
export async function clickhouseEngine(
  target: ClickhouseTarget,
  memoryLimit: string | undefined,
): Promise<MeterEngine> {
  const url = checkedUrl(target.url);
  const { createClient, ClickHouseLogLevel } = await import("@clickhouse/client");
  const client = createClient({
    url,
    ...(target.env.CLICKHOUSE_USER ? { username: target.env.CLICKHOUSE_USER } : {}),
    ...(target.env.CLICKHOUSE_PASSWORD ? { password: target.env.CLICKHOUSE_PASSWORD } : {}),
    ...(target.env.CLICKHOUSE_DATABASE ? { database: target.env.CLICKHOUSE_DATABASE } : {}),
    // Temporary tables (the files sent) live in a session.
    session_id: randomUUID(),
    // Progress headers keep a long query's connection alive through proxies and load balancers.
    clickhouse_settings: {
      ...clickhouseSettings(memoryLimit),
      send_progress_in_http_headers: 1,
      http_headers_progress_interval_ms: "60000",
    },
    // Failures reach the user as coded problems, not as the client's log lines.
    log: { level: ClickHouseLogLevel.OFF },
    request_timeout: 3_600_000,
    compression: { response: true },
  });
  try {
    await client.command({ query: "SELECT 1" });
  } catch (error) {
    await client.close();
    throw new RatecardError([
      {
        code: "engine.unavailable",
        message: `the ClickHouse server at ${url} cannot be reached: ${firstLine(error)}`,
        path: [],
      },
    ]);
  }
  let open = true;
  return {
    dialect: clickhouseDialect,
    async open(events: Events, columns: readonly string[]) {
      const relation =
        events.kind === "table" ? checkedTable(events.table) : await sendFiles(client, events.files, columns);
      const described = await (
        await client.query({ query: `DESCRIBE TABLE ${relation}`, format: "JSONCompactEachRow" })
      ).json<string[]>();
      return { relation, columns: new Map(described.map((row) => [row[0]!, row[1]!])) };
    },
    run: async (query) => void (await client.command({ query })),
    async *rows(query) {
      const result = await client.query({ query, format: "JSONCompactEachRow" });
      for await (const rows of result.stream<string[]>()) yield rows.map((row) => row.json());
    },
    progress: () => -1,
    close() {
      if (!open) return;
      open = false;
      void client.close();
    },
  };
}

/** The files into a temporary table of the session (named for the run): every column as text, but Parquet's, typed as DuckDB reads them. */
async function sendFiles(client: ClickHouseClient, source: EventSource, columns: readonly string[]): Promise<string> {
  const name = `ratecard_events_${randomUUID().replace(/-/g, "")}`;
  await checkWidth(source);
  const { format, structure, csvSeparator } = fileFormat(source, columns);
  const table =
    structure ??
    (source.format === "csv"
      ? csvHeader(source.files[0]!)
          .names.map((name) => `${identifier(name)} Nullable(String)`)
          .join(", ")
      : await parquetStructure(source));
  await client.command({ query: `CREATE TEMPORARY TABLE ${name} (${table}) ENGINE = Memory` });
  for (const file of source.files) {
    // Sent as the file is (exec streams it as the body): the client's insert wants JSON rows as objects.
    const result = await client.exec({
      query: `INSERT INTO ${name} FORMAT ${format}`,
      values: createReadStream(file),
      ...(csvSeparator ? { clickhouse_settings: { format_csv_delimiter: csvSeparator } } : {}),
    });
    result.stream.resume();
    await once(result.stream, "end");
  }
  return name;
}

/** A Parquet file's columns as ClickHouse types, read by DuckDB (always installed): the server cannot see the file to infer them. */
async function parquetStructure(source: EventSource): Promise<string> {
  const rows = await withDuckdb(undefined, async (connection) =>
    (
      await connection.runAndReadAll(
        `SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(${fileList(source.files)}))`,
      )
    ).getRows(),
  );
  return rows.map(([name, type]) => `${identifier(String(name))} Nullable(${clickhouseType(String(type))})`).join(", ");
}

function clickhouseType(duckdb: string): string {
  const decimal = /^DECIMAL\((\d+),(\d+)\)$/.exec(duckdb);
  if (decimal) return `Decimal(${decimal[1]}, ${decimal[2]})`;
  const types: Record<string, string> = {
    TINYINT: "Int8",
    SMALLINT: "Int16",
    INTEGER: "Int32",
    BIGINT: "Int64",
    HUGEINT: "Int128",
    UTINYINT: "UInt8",
    USMALLINT: "UInt16",
    UINTEGER: "UInt32",
    UBIGINT: "UInt64",
    FLOAT: "Float32",
    DOUBLE: "Float64",
    BOOLEAN: "Bool",
    DATE: "Date32",
    TIMESTAMP: "DateTime64(6, 'UTC')",
    "TIMESTAMP WITH TIME ZONE": "DateTime64(6, 'UTC')",
  };
  return types[duckdb] ?? "String";
}

function checkedUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw usage(`--url must be the server's HTTP address, such as http://localhost:8123, not "${url}"`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    throw usage(`--url must be an http:// or https:// address, not "${url}"`);
  if (parsed.username || parsed.password || [...parsed.searchParams.keys()].some((key) => /user|password/i.test(key)))
    throw usage(
      "--url must not hold credentials (they would show in the process list and the shell's history): set CLICKHOUSE_USER and CLICKHOUSE_PASSWORD",
    );
  return url;
}

/** A table as `name` or `database.name`. */
function checkedTable(table: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/.test(table))
    throw usage(`--table must be a table's name, such as db.events, not "${table}"`);
  return table;
}

function usage(message: string): RatecardError {
  return new RatecardError([{ code: "usage.value", message, path: [] }]);
}

function firstLine(error: unknown): string {
  return ((error as Error).message ?? String(error)).split("\n")[0]!;
}
