/**
 * SQL that reads an event column as an exact DECIMAL(38,12), or NULL (a refused row) when the
 * value cannot be read exactly. Which expression depends on the column's type, because engines
 * parse numbers differently:
 * - integers and decimals of scale ≤ 12 convert exactly;
 * - decimals of a larger scale convert only when no digit would be rounded off;
 * - floating point goes through its shortest text and is kept only with at most 15 significant
 *   digits, the digits a double holds for sure: a longer number may already have been rounded.
 *   The same holds for every value of a JSON file (its reader parses numbers as doubles, even
 *   where the column is text); CSV and Parquet keep longer values exact;
 * - text must be a plain decimal (`-12.5`, at most 24 digits before the point and 12 after).
 *   Values below one million take DECIMAL(18,12) (a 64-bit integer, ~40× faster in DuckDB than
 *   the 128-bit DECIMAL(38,12) a larger value needs).
 */
export function exactValue(column: string, type: string | undefined, format: EventFormat): string {
  const upper = (type ?? "VARCHAR").toUpperCase();
  if (/^U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)$/.test(upper)) return `TRY_CAST(${column} AS DECIMAL(38,12))`;
  const decimal = /^DECIMAL\((\d+),(\d+)\)$/.exec(upper);
  if (decimal) {
    const scale = decimal[2]!.length > 2 ? 99 : Number(decimal[2]); // eslint-disable-line ratecard/no-float-money -- a type's scale
    return scale <= 12 ? `TRY_CAST(${column} AS DECIMAL(38,12))` : `CASE WHEN ${column} = round(${column}, 12) THEN TRY_CAST(${column} AS DECIMAL(38,12)) END`;
  }
  // JSON readers parse every number as a double, even into a text column: no JSON value is trusted past 15 digits.
  if (upper === "DOUBLE" || upper === "FLOAT" || format === "json") {
    const text = textOf(column, upper);
    return `CASE WHEN length(replace(ltrim(${text}, '-0.'), '.', '')) <= 15 THEN ${exactText(text)} END`;
  }
  return exactText(textOf(column, upper));
}

/** How the events are stored: decides how far a value's digits can be trusted. */
export type EventFormat = "json" | "csv" | "parquet";

/** A column as text; a JSON column (values of mixed types) without the quotes of its strings. */
export function textOf(column: string, type: string | undefined): string {
  return type === "JSON" ? `json_extract_string(${column}, '$')` : `CAST(${column} AS VARCHAR)`;
}

/** A plain decimal text as DECIMAL(38,12); anything else (exponents, spaces, 13+ decimals) is NULL. */
function exactText(text: string): string {
  return `CASE WHEN regexp_full_match(${text}, '-?[0-9]{1,24}(\\.[0-9]{1,12})?') THEN COALESCE(TRY_CAST(${text} AS DECIMAL(18,12)), CAST(${text} AS DECIMAL(38,12))) END`;
}
