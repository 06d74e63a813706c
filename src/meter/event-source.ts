import { readdirSync, statSync } from "node:fs";
import { extname, resolve } from "node:path";
import { RatecardError } from "../errors/ratecard-error.js";
import type { EventFormat } from "./exact-value.js";

/** The events: their files, and how they are stored. */
export interface EventSource {
  /** Absolute paths of the files, in name order. */
  files: string[];
  format: Exclude<EventFormat, "table">;
}

const FORMATS: Readonly<Record<string, EventSource["format"]>> = {
  ".ndjson": "json",
  ".jsonl": "json",
  ".csv": "csv",
  ".parquet": "parquet",
};

/** The events: one file, or every file of one kind in a folder (not its subfolders). Each path is read as written, never as a pattern. */
export function eventSource(events: string): EventSource {
  const kind = kindOf(events);
  if (kind === "missing") throw problem("file.not-found", `events ${events} do not exist`);
  if (kind === "folder") return folderSource(events);
  if (kind === "other") throw problem("file.not-regular", `events ${events} are not a regular file or a folder`);
  const extension = extname(events).toLowerCase();
  if (!Object.hasOwn(FORMATS, extension))
    throw problem("file.not-regular", `events must be .ndjson, .jsonl, .csv or .parquet files, not ${events}`);
  return source([resolve(events)], FORMATS[extension]!);
}

function folderSource(folder: string): EventSource {
  const names = readdirSync(folder)
    .filter((name) => Object.hasOwn(FORMATS, extname(name).toLowerCase()))
    .sort();
  const extensions = Object.keys(FORMATS).filter((extension) =>
    names.some((name) => extname(name).toLowerCase() === extension),
  );
  if (!extensions.length)
    throw problem("file.not-regular", `${folder} holds no .ndjson, .jsonl, .csv or .parquet files`);
  // Reading one kind and not the others would drop events without a word.
  if (new Set(extensions.map((extension) => FORMATS[extension])).size > 1)
    throw problem(
      "file.not-regular",
      `${folder} holds events of several kinds (${extensions.join(", ")}); give a folder of one kind, or meter each kind on its own`,
    );
  const files = names.map((name) => resolve(folder, name));
  const irregular = files.find((file) => kindOf(file) !== "file");
  if (irregular)
    throw problem("file.not-regular", `${irregular} is not a regular file; a folder of events holds only event files`);
  return source(files, FORMATS[extensions[0]!]!);
}

function source(files: string[], format: EventSource["format"]): EventSource {
  return { files, format };
}

/** The files as a DuckDB list of paths, each read as written. */
export function fileList(files: readonly string[]): string {
  return `[${files.map((file) => literal(literalPath(file))).join(", ")}]`;
}

/**
 * A path DuckDB reads as itself: its readers expand `*`, `?` and `[…]` in every path they are
 * given (a list too), so each of these characters is written as a class that holds only it.
 */
function literalPath(path: string): string {
  return path.replace(/[*?[]/g, "[$&]");
}

function kindOf(path: string): "file" | "folder" | "other" | "missing" {
  try {
    const stat = statSync(path);
    return stat.isFile() ? "file" : stat.isDirectory() ? "folder" : "other";
  } catch {
    return "missing";
  }
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function problem(code: "file.not-found" | "file.not-regular", message: string): RatecardError {
  return new RatecardError([{ code, message, path: [] }]);
}
