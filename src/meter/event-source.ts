import { existsSync, readdirSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import { RatecardError } from "../errors/ratecard-error.js";
import type { EventFormat } from "./exact-value.js";

/** The events as an SQL relation, and how they are stored. */
export interface EventSource {
  relation: string;
  format: EventFormat;
}

/** DuckDB readers by file extension. JSON numbers are read as DOUBLE (see exact-value.ts); CSV as text, so no value is guessed into a float. */
const READERS: Readonly<Record<string, (path: string) => EventSource>> = {
  ".ndjson": (path) => ({ relation: `read_json_auto(${quoted(path)}, format = 'newline_delimited')`, format: "json" }),
  ".jsonl": (path) => ({ relation: `read_json_auto(${quoted(path)}, format = 'newline_delimited')`, format: "json" }),
  ".csv": (path) => ({ relation: `read_csv_auto(${quoted(path)}, all_varchar = true)`, format: "csv" }),
  ".parquet": (path) => ({ relation: `read_parquet(${quoted(path)})`, format: "parquet" }),
};

/** The events: one file, or every file of one kind in a folder. */
export function eventSource(events: string): EventSource {
  if (!existsSync(events)) throw problem("file.not-found", `events ${events} do not exist`);
  if (statSync(events).isDirectory()) {
    const names = readdirSync(events).map((name) => name.toLowerCase());
    const kinds = Object.keys(READERS).filter((extension) => names.some((name) => name.endsWith(extension)));
    if (!kinds.length) throw problem("file.not-regular", `${events} holds no .ndjson, .jsonl, .csv or .parquet files`);
    // Reading one kind and not the others would drop events without a word.
    if (kinds.length > 1) throw problem("file.not-regular", `${events} holds events of several kinds (${kinds.join(", ")}); give a folder of one kind, or meter each kind on its own`);
    return READERS[kinds[0]!]!(join(events, `*${kinds[0]}`));
  }
  const extension = extname(events).toLowerCase();
  if (!Object.hasOwn(READERS, extension)) throw problem("file.not-regular", `events must be .ndjson, .jsonl, .csv or .parquet files, not ${events}`);
  return READERS[extension]!(events);
}

function problem(code: "file.not-found" | "file.not-regular", message: string): RatecardError {
  return new RatecardError([{ code, message, path: [] }]);
}

function quoted(path: string): string {
  return `'${path.replace(/'/g, "''")}'`;
}
