/**
 * Rule files as written, once they have passed JSON Schema validation.
 * Amounts are `number | string` here; compile turns them into Decimals.
 */
/** A decimal as written: a YAML/JSON number, or a string of digits (ratecard reads the text, so it stays exact). */
export type DecimalText = number | string;
export type LimitText = DecimalText | "unlimited";
type Logic = unknown;

export interface RuleSetDoc {
  id: string;
  name: string;
  description?: string;
  source?: string;
  money: {
    currency: string;
    scale: number;
    rounding: "half-up" | "half-even" | "half-down" | "up" | "down";
    roundAt: "line" | "total";
  };
  billing: { cycle: "calendar-month"; settlement?: { days: number; text?: string } };
  modes: string[];
  selection: { rules?: { mode: string; when: Logic }[]; default: string };
  migrations?: MigrationDoc[];
  /** Lint rule id → severity, overriding the rule's default. */
  lint?: Record<string, "error" | "warning" | "off">;
  /** How the customer pricing pages present the rule set; no price is read from it. */
  docs?: DocsConfig;
}

/** The `docs:` section of a rule set: presentation of the pricing pages, set as data. */
export interface DocsConfig {
  locale?: string;
  /** The example (file name without `.yaml`) the calculator starts from. */
  example?: string;
  highlight?: { edition: string; label: string };
  /** Edition id → the call to action of its plan card. */
  cta?: Record<string, { label: string; url: string }>;
  theme?: { brand?: string; logo?: string; font?: string };
}

export interface MigrationDoc {
  from: string;
  to: string;
  fact: string;
  reversible: boolean;
  note?: string;
}

export interface ModeDoc {
  id: string;
  name: string;
  description?: string;
  effective?: { from?: string; until?: string; note?: string };
  retired?: { on: string; note?: string };
  available?: { when: Logic; message: string };
  planChanges?: PlanChangesDoc;
  meters: MeterDoc[];
  entitlements?: { id: string; name: string; unit?: string; description?: string }[];
  editions: [EditionDoc, ...EditionDoc[]];
  charges?: ChargeDoc[];
  addons?: AddonDoc[];
  discounts?: DiscountDoc[];
}

/** A discount as written: a percentage or an amount off. */
export type DiscountDoc = DiscountTermsDoc &
  ({ percent: DecimalText; amount?: never } | { percent?: never; amount: DecimalText });

interface DiscountTermsDoc {
  id: string;
  name: string;
  on: "total" | "fee" | { charge: string } | { addon: string };
  editions?: string[];
  from?: string;
  until?: string;
  firstMonths?: number;
  /** What `firstMonths` counts from: the sign-up month (the default) or the sign-up day. */
  firstMonthsFrom?: "signup-month" | "signup-day";
  coupon?: boolean;
}

interface PlanChangesDoc {
  proration: "none" | "daily";
  perMonth?: number;
  downgradeToFree?: boolean;
  note?: string;
}

/** Contract terms: `quantity` units of `meter` at `unitPrice`, billed whatever the usage. */
export interface CommitmentDoc {
  /** The committed units, billed whatever the usage. */
  quantity: DecimalText;
  /** The meter whose units are committed. */
  meter: string;
  /** The price of one committed unit (for an edition billed over several months, for the whole interval). */
  unitPrice: DecimalText;
}

/** A monthly cap: on the whole quote, or on usage charges or the charges listed. */
export type MaximumSpendDoc =
  | DecimalText
  | {
      /** The most those charges bill in a month. */
      amount: DecimalText;
      /** `usage` (every usage charge) or the charge ids it covers. */
      on: "usage" | string[];
    };

/** The most units of an add-on: a number, a meter's month value, another add-on's quantity, or an allotment per unit of a meter. */
export type QuantityMaxDoc = number | { usage: string } | { addon: string } | { per: string; amount: DecimalText };

/** An included quota: a quantity, `amount` for every unit of another meter's month value, or a daily allowance. */
export type IncludedDoc =
  | DecimalText
  | {
      /** The meter whose month value the allotment is counted per. */
      per: string;
      /** Included for each unit of that meter. */
      amount: DecimalText;
    }
  | {
      /** Included each day: each day's value less it (never below zero) is billed. */
      perDay: DecimalText;
    };

/** Whether an included quota is a daily allowance (`{ perDay: N }`). */
export function isPerDay(included: IncludedDoc | undefined): included is { perDay: DecimalText } {
  return typeof included === "object" && Object.hasOwn(included, "perDay");
}

/** An edition's quota on one meter, in the rules or a customer's agreed terms. */
export interface QuotaDoc {
  /** Included every month: billed only above it. */
  included?: IncludedDoc;
  /** The included quantity is granted only in a customer's first N months from the sign-up day. */
  firstMonths?: number;
  /** A hard cap: usage above it is blocked, not billed. */
  limit?: DecimalText;
  /** Words shown beside the quota. */
  note?: string;
}

export interface MeterDoc {
  id: string;
  name: string;
  description?: string;
  unit: string;
  plural?: string;
  aggregate: "max" | "min" | "sum" | "average" | "latest" | "percentile";
  percentile?: DecimalText;
  missingDays?: "zero" | "ignore" | "refuse";
  decimals?: number;
  input?: "any" | "daily" | "month" | "hourly";
  integer?: boolean;
  required?: boolean;
  dimensions?: DimensionDoc[];
  events?: EventsDoc;
}

/** How a meter is measured from raw events. */
export interface EventsDoc {
  type: string | string[];
  value?: string;
  filter?: Record<string, string | number | boolean>;
  distinct?: string;
  daily?: "sum" | "max" | "latest";
  hourly?: "sum" | "max" | "latest";
  dimensions?: Record<string, string>;
  timezone?: string;
}

interface DimensionDoc {
  id: string;
  name: string;
  values: string[];
  unknown?: "refuse" | "default";
}

/** An edition's fee as written: an amount, `free`, `none`, or a price per unit of a meter. */
export type FeeDoc =
  | "free"
  | "none"
  | DecimalText
  | {
      /** The fee for each unit of the meter. */
      unitPrice: DecimalText;
      /** The meter the fee is counted per (seats). */
      per: string;
    };

export interface EditionDoc {
  id: string;
  name: string;
  description?: string;
  fee: FeeDoc;
  feeOnRequest?: string;
  minimumSpend?: DecimalText;
  maximumSpend?: MaximumSpendDoc;
  feeInterval?: { months: 3 | 6 | 12; anchor?: "calendar" | "signup" };
  commitment?: CommitmentDoc;
  validity?: "permanent" | "monthly";
  default?: boolean;
  quotas?: Record<string, QuotaDoc>;
  entitlements?: Record<string, LimitText>;
}

/** A charge as written: one price for the meter (every cell of a meter with dimensions), or `prices` by cell. */
export type ChargeDoc = ChargeTermsDoc &
  ({ price: PriceDoc; prices?: never } | { price?: never; prices: CellPriceDoc[] });

interface ChargeTermsDoc {
  id: string;
  name: string;
  description?: string;
  meter: string;
  editions?: string[];
  cap?: DecimalText;
}

/** A price for the cells of a meter with dimensions that `match` fits. */
interface CellPriceDoc {
  match?: Record<string, string>;
  price: PriceDoc;
}

/** Every price a charge states, with its path inside the charge. */
export function chargePrices(
  charge: ChargeDoc,
): { price: PriceDoc; path: (string | number)[]; match?: Record<string, string> }[] {
  if (charge.price) return [{ price: charge.price, path: ["price"] }];
  return (charge.prices ?? []).map((entry, k) => ({
    price: entry.price,
    path: ["prices", k, "price"],
    ...(entry.match ? { match: entry.match } : {}),
  }));
}

/** One tier of a graduated or volume price. */
export interface TierDoc {
  /** The tier's upper bound (inclusive); absent on the last, open-ended tier. */
  upTo?: DecimalText;
  /** The price of each unit in the tier. */
  unitPrice: DecimalText;
  /** A flat amount added when any unit falls in the tier. */
  flatPrice?: DecimalText;
}

/** A charge's price as written in a mode file (or a customer's agreed price): one of the pricing models. */
export type PriceDoc =
  | {
      /** A flat amount when there is any usage. */
      model: "flat";
      /** The amount. */
      amount: DecimalText;
    }
  | {
      /** A price per unit (or per `per` units). */
      model: "per-unit";
      /** The price. */
      unitPrice: DecimalText;
      /** The units the price is for; default 1. */
      per?: DecimalText;
    }
  | {
      /** Whole blocks: a partial block is billed as a full one. */
      model: "block";
      /** Units in one block. */
      blockSize: DecimalText;
      /** The price of one block. */
      blockPrice: DecimalText;
      /** Blocks are rounded up. */
      round?: "up";
    }
  | {
      /** Each tier prices the units that fall in it. */
      model: "graduated";
      /** The tiers, in order. */
      tiers: TierDoc[];
      /** Whether tiers count the billable units (above the quota) or all of them. */
      on?: "billable" | "total";
    }
  | {
      /** The tier the quantity reaches prices every unit. */
      model: "volume";
      /** The tiers, in order. */
      tiers: TierDoc[];
      /** Whether tiers count the billable units (above the quota) or all of them. */
      on?: "billable" | "total";
    }
  | {
      /** A percentage of the meter's value (an amount of money). */
      model: "percentage";
      /** The percentage. */
      percent: DecimalText;
      /** The least it bills. */
      minimum?: DecimalText;
      /** The most it bills. */
      maximum?: DecimalText;
    }
  | {
      /** Free, for now or until a date. */
      model: "free";
      /** Words shown on the line. */
      note: string;
      /** The last day it is free, YYYY-MM-DD. */
      until?: string;
      /** The price after that. */
      then?: PriceDoc;
    };

export type OptionCellDoc = DecimalText | "included" | "not-offered";

export interface OfferDoc {
  offered?: boolean;
  included?: boolean;
  reason?: string;
  price?: DecimalText;
  options?: Record<string, OptionCellDoc>;
  grants?: Record<string, LimitText>;
  note?: string;
}

export interface EligibilityDoc {
  when: Logic;
  message: string;
}

export interface AddonDoc {
  id: string;
  name: string;
  description?: string;
  status?: "beta" | "ga";
  eligible?: EligibilityDoc | EligibilityDoc[];
  option?: { id: string; name: string; unit?: string; grants?: string };
  quantity?: { unit: string; plural?: string; max?: QuantityMaxDoc; message?: string };
  trial?: { days: DecimalText; note?: string };
  price?: DecimalText;
  options?: Record<string, OptionCellDoc>;
  grants?: Record<string, LimitText>;
  editions?: Record<string, OfferDoc>;
}

/** An add-on's eligibility rules as a list (one rule may be written without the list). */
export function eligibilityRules(addon: AddonDoc): EligibilityDoc[] {
  const { eligible } = addon;
  return eligible === undefined ? [] : Array.isArray(eligible) ? eligible : [eligible];
}

/** Each eligibility rule with its path inside the add-on: `["eligible"]` or `["eligible", k]`. */
export function eligibilityRulePaths(addon: AddonDoc): { rule: EligibilityDoc; path: (string | number)[] }[] {
  const many = Array.isArray(addon.eligible);
  return eligibilityRules(addon).map((rule, k) => ({ rule, path: many ? ["eligible", k] : ["eligible"] }));
}
