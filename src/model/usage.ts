import type { CommitmentDoc, FeeDoc, MaximumSpendDoc, PriceDoc, QuotasDoc } from "./document.js";

/** A usage value: a number, or a decimal string for values a JSON number cannot hold exactly. */
export type Quantity = number | string;

/** A meter's usage: one value, daily values, or (for a meter with dimensions) a map by dimension value. */
export type MeterValue = Quantity | Quantity[] | { [value: string]: MeterValue };

/** A month (or, with `months`, several) of an app's usage to quote (usage.schema.json). */
export interface UsageDocument {
  /** A title, shown by `ratecard test`. */
  name?: string;
  /** What the document illustrates. */
  description?: string;
  /** What an example expects; used by `ratecard test`, ignored by quote. */
  expect?: Expectation;
  /** The rule set's id: a folder under the rules directory. */
  ruleset: string;
  /** Who the usage is of (set by `ratecard meter`); quotes do not read it. */
  customer?: string;
  /** The calendar month billed, YYYY-MM. */
  period: string;
  /** Facts about the app that rules may read: `createdAt`, `migratedAt` and any other. */
  app?: AppFacts;
  /** The billing mode; omit to let the rule set choose from the app's facts. */
  mode?: string;
  /** The edition on the first day of the month; omit for the mode's default. */
  edition?: string;
  /** Meter id → the month's value, or its daily values; by cell for a meter with dimensions. */
  usage: Record<string, MeterValue>;
  /** Add-ons bought on the first day of the month. */
  addons?: AddonChoices;
  /** A forecast: several months, each with its own period and usage. */
  months?: MonthOfUsage[];
  /** Edition and add-on changes during the month, in date order. */
  changes?: Change[];
  /** Coupons held: ids of the mode's discounts marked `coupon: true`. */
  coupons?: string[];
  /** Prepaid credit balances, drawn down after every other line, in this order. */
  credits?: CreditGrant[];
  /** This customer's agreed prices, replacing named prices of the rule set. */
  overrides?: Overrides;
  /** Units of the edition's per-unit interval fee already billed for the month's interval (refused beside `months`: each month gives its own). */
  feeUnitsPaid?: Quantity;
}

/** Terms agreed with one customer: a charge's price and cap, an edition's fee, quotas, spend limits and commitment. */
export interface Overrides {
  /** Charge id → its agreed price and cap. */
  charges?: Record<
    string,
    {
      /** The price, written as in a mode file. */
      price?: PriceDoc;
      /** The most the charge bills a month. */
      cap?: Quantity;
    }
  >;
  /** Edition id → its agreed fee, quotas, spend limits and commitment. */
  editions?: Record<
    string,
    {
      /** The monthly fee, written as in a mode file. */
      fee?: FeeDoc;
      /** Meter id → the agreed quota; the fields given replace the rules', others are kept. */
      quotas?: QuotasDoc;
      /** The least the month is billed. */
      minimumSpend?: Quantity;
      /** The most the month is billed, written as in a mode file. */
      maximumSpend?: MaximumSpendDoc;
      /** A commitment, written as in a mode file. */
      commitment?: CommitmentDoc;
    }
  >;
}

/** A prepaid credit and what is left of it at the start of the month. */
export interface CreditGrant {
  /** The credit's id. */
  id: string;
  /** What is left of it at the start of the month. */
  balance: Quantity;
  /** The label of its quote line; default "Prepaid credit ID". */
  note?: string;
}

/** What an example expects its quote to be, or the problem it must be refused with. */
export interface Expectation {
  /** The total, as a decimal string; absent when `error` is given. */
  total?: string;
  /** The problem code the document must be refused with, instead of a quote. */
  error?: string;
  /** Line id → amount; when given, the quote must have exactly these lines. */
  lines?: Record<string, string>;
  /** Warning codes in order; when given, the quote must have exactly these. */
  warnings?: string[];
}

/** Facts about an app. */
export interface AppFacts {
  /** The day the app was created, YYYY-MM-DD. */
  createdAt?: string;
  /** The day it migrated to another billing mode, if it did. */
  migratedAt?: string;
  /** Any other fact a rule set's conditions read. */
  [fact: string]: string | number | boolean | undefined;
}

/** One month of a forecast. */
export interface MonthOfUsage {
  /** The calendar month, YYYY-MM. */
  period: string;
  /** Its usage. */
  usage: UsageDocument["usage"];
  /** Its edition, if it differs. */
  edition?: string;
  /** Its add-ons, if they differ. */
  addons?: AddonChoices;
  /** Changes within it. */
  changes?: Change[];
  /** Units of the edition's per-unit interval fee already billed for its interval; carried from the month before when absent. */
  feeUnitsPaid?: Quantity;
}

/** A change within a month. */
export interface Change {
  /** The first day it applies, YYYY-MM-DD. */
  on: string;
  /** The edition from that day. */
  edition?: string;
  /** Add-ons bought or cancelled (false) from that day. */
  addons?: AddonChoices;
}

/** Add-on id → true to buy it, false to leave it out, or its settings (option value, `activatedAt`). */
export type AddonChoices = Record<
  string,
  | boolean
  | {
      /** The day the add-on was bought, YYYY-MM-DD (a trial counts from it). */
      activatedAt?: string;
      [option: string]: string | number | undefined;
    }
>;
