import type { ColumnKind, Dialect } from "./dialect.js";

/** DuckDB's SQL: the embedded engine ratecard runs by default. */
export const duckdbDialect: Dialect = {
  name: "duckdb",
  session: ["SET TimeZone = 'UTC'"],
  kindOf(type: string): ColumnKind | undefined {
    const upper = type.toUpperCase();
    if (/^U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)$/.test(upper)) return "integer";
    const decimal = /^DECIMAL\(\d+,(\d+)\)$/.exec(upper);
    if (decimal) return { decimalScale: Number(decimal[1]) }; // eslint-disable-line ratecard/no-float-money -- a type's scale
    if (upper === "DOUBLE" || upper === "FLOAT") return "float";
    if (upper === "VARCHAR") return "text";
    if (upper === "JSON") return "json";
    if (upper === "TIMESTAMP") return "timestamp";
    if (upper === "TIMESTAMP WITH TIME ZONE") return "instant";
    return undefined;
  },
  literal: (value) => `'${value.replace(/'/g, "''")}'`,
  decimal: "DECIMAL(38,12)",
  toDecimal: (value) => `TRY_CAST(${value} AS DECIMAL(38,12))`,
  // A value below one million fits DECIMAL(18,12): a 64-bit integer, ~40× faster than the 128-bit DECIMAL(38,12).
  textToDecimal: (text) => `COALESCE(TRY_CAST(${text} AS DECIMAL(18,12)), CAST(${text} AS DECIMAL(38,12)))`,
  text: (value) => `CAST(${value} AS VARCHAR)`,
  jsonText: (value) => `json_extract_string(${value}, '$')`,
  fullMatch: (text, pattern) => `regexp_full_match(${text}, '${pattern}')`,
  trimStart: (text, characters) => `ltrim(${text}, '${characters}')`,
  // Through epoch microseconds, so that the result is a plain TIMESTAMP (in UTC: the session's time zone).
  parseInstant: (text) => `make_timestamp(epoch_us(TRY_CAST(${text} AS TIMESTAMPTZ)))`,
  instantToUtc: (column) => `make_timestamp(epoch_us(${column}))`,
  inYears: (column, kind) =>
    kind === "timestamp"
      ? `${column} BETWEEN TIMESTAMP '0001-01-01' AND TIMESTAMP '9999-12-31 23:59:59.999999'`
      : `${column} BETWEEN TIMESTAMPTZ '0001-01-01 00:00:00Z' AND TIMESTAMPTZ '9999-12-31 23:59:59.999999Z'`,
  dayOf: (timestamp, minutes) =>
    minutes ? `CAST(${timestamp} + INTERVAL (${minutes}) MINUTE AS DATE)` : `CAST(${timestamp} AS DATE)`,
  date: (day) => `DATE '${day}'`,
  dayOfMonth: (date) => `day(${date})`,
  countDistinct: (value) => `count(DISTINCT ${value})`,
  argMax: (value, by) => `arg_max(${value}, ${by})`,
  hourOfMonth: (timestamp) => `((day(${timestamp}) - 1) * 24 + hour(${timestamp}) + 1)`,
  decimalText: (decimal) => `rtrim(rtrim(CAST(CAST(${decimal} AS DECIMAL(38,12)) AS VARCHAR), '0'), '.')`,
  unitSeparator: "chr(31)",
  parsed: (select) => ({ setup: [`CREATE TEMP TABLE parsed AS ${select}`], prefix: "" }),
};
