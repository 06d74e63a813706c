import type { Dialect } from "./dialect.js";
import type { EventSource } from "./event-source.js";

/** Where the events are: files ratecard lists, or a table of the engine's (`db.events`). */
export type Events = { kind: "files"; files: EventSource } | { kind: "table"; table: string };

/** An SQL engine that meters events: it opens them as a relation, runs statements and streams rows. */
export interface MeterEngine {
  readonly dialect: Dialect;
  /** Makes the events readable as a relation; returns its name in SQL and its columns with the engine's types. */
  open(events: Events, columns: readonly string[]): Promise<{ relation: string; columns: Map<string, string> }>;
  run(sql: string): Promise<void>;
  /** The rows of a query as text, a batch at a time, as the engine sends them. */
  rows(sql: string): AsyncIterable<string[][]>;
  /** The share of the running statement done (0–100; below 0 when the engine cannot tell). */
  progress(): number;
  close(): void;
}

/** The engines `--engine` names. */
export const ENGINES = ["duckdb", "chdb", "clickhouse"] as const;
export type EngineName = (typeof ENGINES)[number];
