/**
 * What an event column holds, whatever the engine calls its type: the metering SQL is written
 * from kinds, so that the same events compile alike for every dialect.
 */
export type ColumnKind = "text" | "json" | "integer" | "float" | "timestamp" | "instant" | { decimalScale: number };

/** The engines' SQL where they differ; meter-sql.ts writes everything else once. */
export interface Dialect {
  readonly name: "duckdb" | "clickhouse";
  /** Statements that set the session up before the queries run (text without an offset means UTC). */
  readonly session: string[];
  /** What a column of the engine's type holds; undefined for one read as text (booleans, dates, …). */
  kindOf(type: string): ColumnKind | undefined;
  /** An SQL string literal. */
  literal(value: string): string;
  /** The exact decimal type, DECIMAL(38,12). */
  readonly decimal: string;
  /** A number (integer or decimal column) as the exact decimal, NULL when it does not fit. */
  toDecimal(value: string): string;
  /** A plain decimal text (already matched) as the exact decimal. */
  textToDecimal(text: string): string;
  /** A value as text; NULL stays NULL. */
  text(value: string): string;
  /** A JSON column's value as text, strings without their quotes. */
  jsonText(value: string): string;
  /** Whether the whole text matches the regular expression (RE2/POSIX syntax both engines read alike). */
  fullMatch(text: string, pattern: string): string;
  /** The text without these characters at its start. */
  trimStart(text: string, characters: string): string;
  /** ISO 8601 text (already matched) as a UTC timestamp, NULL when it is not a real time. */
  parseInstant(text: string): string;
  /** A time-zone-aware timestamp column as a UTC timestamp. */
  instantToUtc(column: string): string;
  /** Whether a timestamp column's value lies in years 0001–9999 (NULL when it is NULL). */
  inYears(column: string, kind: "timestamp" | "instant"): string;
  /** The calendar day of a UTC timestamp moved by some minutes. */
  dayOf(timestamp: string, minutes: number): string;
  /** A DATE literal. */
  date(day: string): string;
  /** The day of the month of a date. */
  dayOfMonth(date: string): string;
  /** An exact count of distinct values (never an estimate). */
  countDistinct(value: string): string;
  /** The value at the largest `by` (a tuple breaks ties). */
  argMax(value: string, by: string): string;
  /** The hour of the month, 1 to 24 × days, of a UTC timestamp (1: 00:00–00:59 on the 1st). */
  hourOfMonth(timestamp: string): string;
  /** An exact decimal as text without trailing zeros: 12.500000000000 → 12.5, 3.000000000000 → 3. */
  decimalText(decimal: string): string;
  /** The unit separator character, between dimension values. */
  readonly unitSeparator: string;
  /**
   * The statements that read the parsed events once (`setup`, run first) and the prefix that
   * names them `parsed` for the queries after: DuckDB keeps them in a temporary table;
   * ClickHouse names them with WITH, so that each query reads the events where they are (on a
   * cluster, on every shard) with its own filters.
   */
  parsed(select: string): { setup: string[]; prefix: string };
}
