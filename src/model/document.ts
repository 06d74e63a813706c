/**
 * Rule files as written, once they have passed JSON Schema validation.
 * Amounts are `number | string` here; compile turns them into Decimals.
 */
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
  editions: EditionDoc[];
  charges?: ChargeDoc[];
  addons?: AddonDoc[];
  discounts?: DiscountDoc[];
}

export interface DiscountDoc {
  id: string;
  name: string;
  percent?: DecimalText;
  amount?: DecimalText;
  on: "total" | "fee" | { charge: string } | { addon: string };
  editions?: string[];
  from?: string;
  until?: string;
  firstMonths?: number;
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
  quantity: DecimalText;
  meter: string;
  unitPrice: DecimalText;
}

/** A monthly cap: on the whole quote, or on usage charges or the charges listed. */
export type MaximumSpendDoc = DecimalText | { amount: DecimalText; on: "usage" | string[] };

/** The most units of an add-on: a number, a meter's month value, another add-on's quantity, or an allotment per unit of a meter. */
export type QuantityMaxDoc = number | { usage: string } | { addon: string } | { per: string; amount: DecimalText };

/** An included quota: a quantity, or `amount` for every unit of another meter's month value. */
export type IncludedDoc = DecimalText | { per: string; amount: DecimalText };

/** An edition's quota on one meter, in the rules or a customer's agreed terms. */
export interface QuotaDoc {
  included?: IncludedDoc;
  limit?: DecimalText;
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
export type FeeDoc = "free" | "none" | DecimalText | { unitPrice: DecimalText; per: string };

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

export interface ChargeDoc {
  id: string;
  name: string;
  description?: string;
  meter: string;
  editions?: string[];
  /** One price for the meter (every cell of a meter with dimensions); or `prices` by cell. */
  price?: PriceDoc;
  prices?: CellPriceDoc[];
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

export interface TierDoc {
  upTo?: DecimalText;
  unitPrice: DecimalText;
  flatPrice?: DecimalText;
}

export type PriceDoc =
  | { model: "flat"; amount: DecimalText }
  | { model: "per-unit"; unitPrice: DecimalText; per?: DecimalText }
  | { model: "block"; blockSize: DecimalText; blockPrice: DecimalText; round?: "up" }
  | { model: "graduated"; tiers: TierDoc[]; on?: "billable" | "total" }
  | { model: "volume"; tiers: TierDoc[]; on?: "billable" | "total" }
  | { model: "percentage"; percent: DecimalText; minimum?: DecimalText; maximum?: DecimalText }
  | { model: "free"; note: string; until?: string; then?: PriceDoc };

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
