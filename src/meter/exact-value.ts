import type { ColumnKind, Dialect } from "./dialect.js";

/**
 * SQL that reads an event column as an exact DECIMAL(38,12), or NULL (a refused row) when the
 * value cannot be read exactly. Which expression depends on what the column holds, because
 * engines parse numbers differently:
 * - integers and decimals of scale ≤ 12 convert exactly;
 * - decimals of a larger scale convert only when no digit would be rounded off;
 * - floating point goes through its shortest text and is kept only with at most 15 significant
 *   digits, the digits a double holds for sure: a longer number may already have been rounded.
 *   The same holds for every value of a JSON file (DuckDB's reader parses numbers as doubles,
 *   even where the column is text); CSV and Parquet keep longer values exact;
 * - text must be a plain decimal (`-12.5`, at most 24 digits before the point and 12 after).
 */
export function exactValue(
  column: string,
  kind: ColumnKind | undefined,
  format: EventFormat,
  dialect: Dialect,
): string {
  if (kind === "integer") return dialect.toDecimal(column);
  if (typeof kind === "object")
    return kind.decimalScale <= 12
      ? dialect.toDecimal(column)
      : `CASE WHEN ${column} = round(${column}, 12) THEN ${dialect.toDecimal(column)} END`;
  const text = textOf(column, kind, dialect);
  // JSON readers parse every number as a double, even into a text column: no JSON value is trusted past 15 digits.
  if (kind === "float" || format === "json")
    return `CASE WHEN length(replace(${dialect.trimStart(text, "-0.")}, '.', '')) <= 15 THEN ${exactText(text, dialect)} END`;
  return exactText(text, dialect);
}

/** How the events are stored: decides how far a value's digits can be trusted. `table`: a table of the engine's. */
export type EventFormat = "json" | "csv" | "parquet" | "table";

/** A column as text; a JSON column (values of mixed types) without the quotes of its strings. */
export function textOf(column: string, kind: ColumnKind | undefined, dialect: Dialect): string {
  return kind === "json" ? dialect.jsonText(column) : dialect.text(column);
}

/** A plain decimal text as DECIMAL(38,12); anything else (exponents, spaces, 13+ decimals) is NULL. */
function exactText(text: string, dialect: Dialect): string {
  return `CASE WHEN ${dialect.fullMatch(text, "-?[0-9]{1,24}(\\.[0-9]{1,12})?")} THEN ${dialect.textToDecimal(text)} END`;
}
