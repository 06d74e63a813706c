import { parseSize } from "./memory-size.js";
import type { EventSource } from "./event-source.js";
import { csvHeader } from "./event-width.js";

/**
 * How ClickHouse reads event files as DuckDB does: NDJSON by the named columns, every value as
 * text (numbers too, so that no digit is lost before ratecard checks it); CSV with the separator
 * of its header line, every column as text; Parquet with its own types.
 */
export function fileFormat(
  source: EventSource,
  columns: readonly string[],
): { format: string; structure?: string; csvSeparator?: string } {
  if (source.format === "json")
    return {
      format: "JSONEachRow",
      structure: [...new Set(columns)].map((name) => `${identifier(name)} Nullable(String)`).join(", "),
    };
  if (source.format === "csv") return { format: "CSVWithNames", csvSeparator: csvHeader(source.files[0]!).separator };
  return { format: "Parquet" };
}

/** The settings every ratecard query runs with on ClickHouse; with a memory limit, GROUP BY and ORDER BY spill to disk past half of it. */
export function clickhouseSettings(
  memoryLimit: string | undefined,
  csvSeparator = ",",
): Record<string, string | number> {
  const settings: Record<string, string | number> = {
    session_timezone: "UTC",
    input_format_skip_unknown_fields: 1,
    input_format_json_read_numbers_as_strings: 1,
    input_format_json_read_bools_as_strings: 1,
    input_format_json_read_objects_as_strings: 1,
    input_format_json_read_arrays_as_strings: 1,
    input_format_csv_use_best_effort_in_schema_inference: 0,
    // An empty field is NULL, and spaces are kept (" 5" is not a plain decimal), as DuckDB reads them.
    input_format_csv_empty_as_default: 1,
    input_format_csv_trim_whitespaces: 0,
    schema_inference_make_columns_nullable: 1,
    format_csv_delimiter: csvSeparator,
    // Exact counts and exact decimals, whatever the server's defaults.
    count_distinct_implementation: "uniqExact",
    decimal_check_overflow: 1,
  };
  if (memoryLimit) {
    const bytes = parseSize(memoryLimit);
    settings.max_memory_usage = bytes;
    settings.max_bytes_before_external_group_by = Math.floor(bytes / 2); // eslint-disable-line ratecard/no-float-money -- bytes of memory
    settings.max_bytes_before_external_sort = Math.floor(bytes / 2); // eslint-disable-line ratecard/no-float-money -- bytes of memory
  }
  return settings;
}

/** A ClickHouse identifier in backquotes. */
export function identifier(name: string): string {
  return `\`${name.replace(/\\/g, "\\\\").replace(/`/g, "\\`")}\``;
}
