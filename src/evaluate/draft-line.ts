import type { QuoteLine } from "../model/quote.js";
import type { Decimal } from "../money/decimal.js";

/** A line before rounding: the evaluator's working form of a quote line. */
export interface DraftLine {
  id: string;
  kind: QuoteLine["kind"];
  description: string;
  quantity: Decimal;
  unit: string;
  unitPrice: Decimal | null;
  amount: Decimal;
  rule: string;
  note?: string | undefined;
  /** The line's words, built only when the quote is explained. */
  words: () => LineWords;
}

/** How a line's amount was reached, in words. */
export interface LineWords {
  /** The arithmetic, for the trace. */
  text: string;
  /** The same in plain sentences for the customer. */
  explanation: string;
}
