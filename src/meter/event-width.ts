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
export async function checkWidth(connection: DuckDBConnection, source: EventSource): Promise<void> {
  if (source.format === "csv") {
    for (const file of source.files) refuseWide(file, csvHeaderColumns(file));
  } else if (source.format === "parquet") {
    const sql = `SELECT file_name, count(*) - 1 FROM parquet_schema(${fileList(source.files)}) GROUP BY file_name ORDER BY 2 DESC LIMIT 1`;
    const [widest] = (await connection.runAndReadAll(sql)).getRows() as [string, bigint][];
    if (widest) refuseWide(widest[0], Number(widest[1])); // eslint-disable-line ratecard/no-float-money -- a column count
  }
}

/** The columns of a CSV file's first line, counted with the separator that gives the most (outside quotes). */
export function csvHeaderColumns(file: string): number {
  const buffer = Buffer.alloc(HEADER_BYTES);
  const fd = openSync(file, "r");
  let length: number;
  try {
    length = readSync(fd, buffer, 0, HEADER_BYTES, 0);
  } finally {
    closeSync(fd);
  }
  const counts = new Map(CSV_SEPARATORS.map((separator) => [separator, 1]));
  let quoted = false;
  for (const character of buffer.toString("latin1", 0, length)) {
    if (character === '"') quoted = !quoted;
    else if (!quoted && (character === "\n" || character === "\r")) break;
    else if (!quoted && counts.has(character)) counts.set(character, counts.get(character)! + 1);
  }
  return Math.max(...counts.values());
}

function refuseWide(file: string, columns: number): void {
  if (columns <= LIMITS.eventColumns) return;
  throw new RatecardError([{ code: "input.size", message: `events ${file} have ${groupText(String(columns))} columns, more than the limit of ${groupText(String(LIMITS.eventColumns))}`, path: [] }]);
}
