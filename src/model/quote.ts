/** One line of a quote. Amounts and quantities are decimal strings. */
export interface QuoteLine {
  /** The edition, charge or add-on id. */
  id: string;
  /**
   * What produced the line: the plan fee, a usage charge, an add-on, a discount (negative), the
   * true-up to a minimum spend, the cap on a monthly spend (negative), or a prepaid credit (negative).
   */
  kind: "fee" | "usage" | "addon" | "discount" | "commitment" | "cap" | "credit";
  /** Wording for people. */
  description: string;
  /** Billed quantity, in `unit`. */
  quantity: string;
  /** What the quantity counts: month, user, "block of 10,000 users", "days of 31". */
  unit: string;
  /** Price of one unit; null when the line mixes prices (graduated tiers). */
  unitPrice: string | null;
  /** The line's amount, at the currency's scale when lines are rounded. */
  amount: string;
  /** The rule that produced the line: `edition/<id>`, `charge/<id>`, `addon/<id>`, `discount/<id>`, `commitment/<edition>`, `cap/<edition>` or `credit/<id>`. */
  rule: string;
  /** The line in plain sentences for the customer; present when the quote was explained. */
  explanation?: string;
  /** A remark: free trial, limited-time offer, included in the edition. */
  note?: string;
}

/** An itemised quote for one month (quote.schema.json). */
export interface Quote {
  /** The rule set's id. */
  ruleset: string;
  /** ISO 4217 currency of every amount. */
  currency: string;
  /** The month billed: YYYY-MM and its first and last days. */
  period: QuotePeriod;
  /** The billing mode quoted. */
  mode: string;
  /** The price version of the mode that was applied: its dates and where its prices come from. */
  version: PriceVersion;
  /** The edition quoted (the one in force at the end of the month). */
  edition: string;
  /** Display names of the rule set, mode and edition, for people. */
  names: {
    /** The rule set's name. */
    ruleset: string;
    /** The billing mode's name. */
    mode: string;
    /** The edition's name. */
    edition: string;
  };
  /** Plan fee, usage charges and add-ons, in that order. */
  lines: QuoteLine[];
  /** Sum of the lines at the currency's scale. */
  total: string;
  /** What the reader must know; a warning never changes a price. */
  warnings: QuoteNotice[];
  /** When the month's fees are deducted, as dates, with the rule's wording; absent when the rules state none. */
  settlement?: Settlement;
  /** Every step of the evaluation, each naming the rule it applied; present when the quote was explained. */
  trace?: TraceStep[];
}

/** The month billed. */
export interface QuotePeriod {
  /** YYYY-MM. */
  month: string;
  /** Its first day, YYYY-MM-DD. */
  from: string;
  /** Its last day, YYYY-MM-DD. */
  to: string;
}

/** A mode's price version. */
export interface PriceVersion {
  /** First day its prices apply; absent for the oldest version. */
  from?: string;
  /** First day they no longer apply; absent while in force. */
  until?: string;
  /** Where its prices come from. */
  note?: string;
}

/** A warning on a quote. */
export interface QuoteNotice {
  /** Stable warning code, e.g. `limit.exceeded`. */
  code: string;
  /** Wording for people. */
  message: string;
}

/** When a month's fees are deducted. */
export interface Settlement {
  /** First day of the window, YYYY-MM-DD. */
  from: string;
  /** Last day of the window, YYYY-MM-DD. */
  to: string;
  /** The rule as the price list words it. */
  text?: string;
}

/** One step of an evaluation. */
export interface TraceStep {
  /** The rule applied: `selection`, `version`, `edition/<id>`, `meter/<id>`, `charge/<id>`, `addon/<id>`, `money`. */
  rule: string;
  /** What happened, with the numbers. */
  text: string;
}
