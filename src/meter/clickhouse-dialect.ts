import type { ColumnKind, Dialect } from "./dialect.js";

/** ClickHouse's SQL: chdb (embedded) and a server or cluster over HTTP run the same. */
export const clickhouseDialect: Dialect = {
  name: "clickhouse",
  session: ["SET session_timezone = 'UTC'"],
  kindOf(type: string): ColumnKind | undefined {
    const inner = unwrap(type);
    if (/^U?Int(8|16|32|64|128|256)$/.test(inner)) return "integer";
    const decimal = /^Decimal(?:\(\d+, ?(\d+)\)|(?:32|64|128|256)\((\d+)\))$/.exec(inner);
    if (decimal) return { decimalScale: Number(decimal[1] ?? decimal[2]) }; // eslint-disable-line ratecard/no-float-money -- a type's scale
    if (/^(Float32|Float64|BFloat16)$/.test(inner)) return "float";
    if (inner === "String" || /^FixedString\(\d+\)$/.test(inner)) return "text";
    if (inner === "JSON" || inner.startsWith("JSON(")) return "json";
    // DateTime and DateTime64 are instants, whatever zone they name for display.
    if (/^DateTime(64)?(\(.*\))?$/.test(inner)) return "instant";
    return undefined;
  },
  // Backslash is an escape in ClickHouse's string literals: it is escaped too.
  literal: (value) => `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`,
  decimal: "Decimal(38, 12)",
  toDecimal: (value) => `accurateCastOrNull(${value}, 'Decimal(38, 12)')`,
  textToDecimal: (text) => `toDecimal128OrNull(${text}, 12)`,
  text: (value) => `toString(${value})`,
  jsonText: (value) =>
    `if(JSONType(toString(${value})) = 'String', JSONExtractString(toString(${value})), toString(${value}))`,
  fullMatch: (text, pattern) => `match(${text}, '^(?:${pattern.replace(/\\/g, "\\\\")})$')`,
  trimStart: (text, characters) => `trimLeft(${text}, '${characters}')`,
  parseInstant: (text) => `parseDateTime64BestEffortOrNull(${text}, 6, 'UTC')`,
  instantToUtc: (column) => `toDateTime64(${column}, 6, 'UTC')`,
  inYears: (column) =>
    `${column} BETWEEN toDateTime64('0001-01-01 00:00:00', 6, 'UTC') AND toDateTime64('9999-12-31 23:59:59.999999', 6, 'UTC')`,
  dayOf: (timestamp, minutes) =>
    minutes ? `toDate32(addMinutes(${timestamp}, ${minutes}))` : `toDate32(${timestamp})`,
  date: (day) => `toDate32('${day}')`,
  dayOfMonth: (date) => `toDayOfMonth(${date})`,
  countDistinct: (value) => `uniqExact(${value})`,
  argMax: (value, by) => `argMax(${value}, ${by})`,
  hourOfMonth: (timestamp) => `((toInt32(toDayOfMonth(${timestamp})) - 1) * 24 + toInt32(toHour(${timestamp})) + 1)`,
  decimalText: (decimal) => {
    const text = `toString(toDecimal128(${decimal}, 12))`;
    return `if(position(${text}, '.') = 0, ${text}, trimRight(trimRight(${text}, '0'), '.'))`;
  },
  unitSeparator: "char(31)",
  parsed: (select) => ({ setup: [], prefix: `WITH parsed AS (${select})\n` }),
};

/** The type inside Nullable(…) and LowCardinality(…). */
function unwrap(type: string): string {
  const wrapped = /^(?:Nullable|LowCardinality)\((.*)\)$/.exec(type.trim());
  return wrapped ? unwrap(wrapped[1]!) : type.trim();
}
