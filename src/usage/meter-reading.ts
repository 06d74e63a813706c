import type { Decimal } from "../money/decimal.js";
import type { MeterPlan } from "../model/plan.js";
import type { Quantity } from "../model/usage.js";

/** A meter's value for the month; its words are built only when a quote is explained or warns. */
export interface MeterReading {
  meter: MeterPlan;
  value: Decimal;
  /** The day the value was reached, when daily values were given. */
  on?: string;
  /** The daily values as given, for a meter read from daily values (`input: daily`). */
  days?: readonly Quantity[];
  /** For a meter with dimensions: each cell's reading; `value` is their sum. */
  cells?: CellReading[];
  words: () => ReadingWords;
}

/** How a meter's value was reached, in words. */
export interface ReadingWords {
  /** "peak users": the meter as the aggregation names it. */
  name: string;
  /** "peak users 12,345 on 14 Oct" — the label and value used in charge explanations. */
  label: string;
  /** How the value was reached, for the trace. */
  detail: string;
}

/** One cell of a meter with dimensions: its dimension values, in the dimensions' order, and its reading. */
export interface CellReading {
  values: readonly string[];
  reading: MeterReading;
}
