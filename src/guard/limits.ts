/**
 * What ratecard accepts, stated once. Every input is checked against these before any
 * arithmetic or allocation that depends on it, so a small hostile file can neither hang the
 * process nor exhaust its memory, and every accepted number is computed exactly.
 */
export const LIMITS = {
  /** Bytes in one rule file or usage document. */
  fileBytes: 4 * 1024 * 1024,
  /** Nesting of mappings and sequences in one document. */
  depth: 32,
  /** Items in one sequence (daily values, months, changes, rule lists). */
  arrayItems: 10_000,
  /** Keys in one mapping. */
  mapKeys: 10_000,
  /** Characters in one string. */
  stringChars: 100_000,
  /** YAML aliases (`*name`) resolved in one document. */
  aliases: 100,
  /** Digits before the decimal point of any number (usage, quantities, prices, quotas). */
  integerDigits: 24,
  /** Digits after the decimal point of any number. */
  fractionDigits: 12,
  /**
   * Values in one document, counted on its text before it is parsed (separators: commas, line
   * breaks, brackets), so that a small file of a million list items is refused in milliseconds;
   * and counted again on the data, where an object passed in memory can share one sub-object
   * many times over.
   */
  entries: 50_000,
  /** Columns of one events file (CSV header, Parquet schema); JSON events are read only by the columns the meters name. */
  eventColumns: 1_000,
  /** Values in one meter's list: hourly values, exactly the month's hours in UTC (672 to 744); daily values are at most the month's days. */
  hourlyValues: 744,
  /** Months in one forecast. */
  months: 120,
  /** Ways to buy one group of add-ons whose rules read each other, enumerated when subscriptions are counted. */
  subscriptionGroup: 65_536,
  /** Needs in one count of subscriptions (the count keeps a tally per combination of needs met). */
  subscriptionNeeds: 12,
} as const;

/**
 * Significant digits of the one Decimal context. Accepted numbers have at most
 * integerDigits + fractionDigits digits; a price × quantity product at most twice that, a
 * block count (quantity ÷ block size) at most integerDigits + fractionDigits integer digits,
 * and a sum of lines a few more. Twice the widest product plus a margin keeps every product,
 * sum and ceiling exact, and leaves a quotient that does not terminate ~40 guard digits
 * before it is rounded to the currency's scale (test/limits.test.ts proves it against BigInt).
 */
export const DECIMAL_PRECISION = 4 * (LIMITS.integerDigits + LIMITS.fractionDigits) + 16;
