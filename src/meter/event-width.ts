import type { DuckDBConnection } from "@duckdb/node-api";
import { closeSync, openSync, readSync } from "node:fs";
import { RatecardError } from "../errors/ratecard-error.js";
import { LIMITS } from "../guard/limits.js";
import { groupText } from "../money/format.js";
import { fileList, type EventSource } from "./event-source.js";

/** Bytes of a CSV file read for its header line: past them a header is longer than any the limit allows. */
const HEADER_BYTES = 1024 * 1024;
/** The separators DuckDB's CSV sniffer tries. */
const CSV_SEPARATORS = [",", ";", "|", "\t"];

/**
 * Refuses events wider than `LIMITS.eventColumns` before DuckDB reads them: its CSV sniffer and
 * Parquet binder take time in proportion to the columns (tens of seconds for 60,000). JSON events
 * need no bound: only the columns the meters name are read.
 */
export async function checkWidth(source: EventSource, connection?: DuckDBConnection): Promise<void> {
  if (source.format === "csv") {
    for (const file of source.files) refuseWide(file, csvHeader(file).names.length);
  } else if (source.format === "parquet") {
    // Parquet footers are read by DuckDB whatever the engine: it is always installed, and quick at it.
    const sql = `SELECT file_name, count(*) - 1 FROM parquet_schema(${fileList(source.files)}) GROUP BY file_name ORDER BY 2 DESC LIMIT 1`;
    const [widest] = (await withDuckdb(connection, (c) => c.runAndReadAll(sql))).getRows() as [string, bigint][];
    if (widest) refuseWide(widest[0], Number(widest[1])); // eslint-disable-line ratecard/no-float-money -- a column count
  }
}

/** Runs work on the connection given, or on a DuckDB of its own (closed after). */
export async function withDuckdb<T>(
  connection: DuckDBConnection | undefined,
  work: (connection: DuckDBConnection) => Promise<T>,
): Promise<T> {
  if (connection) return work(connection);
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const instance = await DuckDBInstance.create(":memory:");
  const own = await instance.connect();
  try {
    return await work(own);
  } finally {
    own.closeSync();
    instance.closeSync();
  }
}

/** A CSV file's first line: its separator (the one that gives the most columns outside quotes) and its column names. */
export function csvHeader(file: string): { separator: string; names: string[] } {
  const buffer = Buffer.alloc(HEADER_BYTES);
  const fd = openSync(file, "r");
  let length: number;
  try {
    length = readSync(fd, buffer, 0, HEADER_BYTES, 0);
  } finally {
    closeSync(fd);
  }
  const counts = new Map(CSV_SEPARATORS.map((separator) => [separator, 1]));
  const text = buffer.toString("utf8", 0, length);
  let quoted = false;
  let end = text.length;
  for (let i = 0; i < text.length; i++) {
    const character = text[i]!;
    if (character === '"') quoted = !quoted;
    else if (!quoted && (character === "\n" || character === "\r")) {
      end = i;
      break;
    } else if (!quoted && counts.has(character)) counts.set(character, counts.get(character)! + 1);
  }
  const separator = [...counts].reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
  return { separator, names: splitLine(text.slice(0, end), separator) };
}

/** A CSV line's fields, quotes removed ("" inside quotes is one "). */
function splitLine(line: string, separator: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const character = line[i]!;
    if (character === '"' && quoted && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (character === '"') quoted = !quoted;
    else if (character === separator && !quoted) {
      fields.push(field);
      field = "";
    } else field += character;
  }
  fields.push(field);
  return fields;
}

function refuseWide(file: string, columns: number): void {
  if (columns <= LIMITS.eventColumns) return;
  throw new RatecardError([
    {
      code: "input.size",
      message: `events ${file} have ${groupText(String(columns))} columns, more than the limit of ${groupText(String(LIMITS.eventColumns))}`,
      path: [],
    },
  ]);
}
