/** One line of a quote. Amounts and quantities are decimal strings. */
export interface QuoteLine {
  id: string;
  kind: "fee" | "usage" | "addon";
  description: string;
  quantity: string;
  unit: string;
  unitPrice: string | null;
  amount: string;
  rule: string;
  /** The line in plain sentences for the customer. */
  explanation: string;
  note?: string;
}

/** An itemised quote for one month (quote.schema.json). */
export interface Quote {
  ruleset: string;
  currency: string;
  period: { month: string; from: string; to: string };
  mode: string;
  /** The price version of the mode that was applied. */
  version: { from?: string; until?: string; note?: string };
  edition: string;
  lines: QuoteLine[];
  total: string;
  warnings: { code: string; message: string }[];
  settlement: { from: string; to: string; text?: string };
  trace: { rule: string; text: string }[];
}
