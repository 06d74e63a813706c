import type { FreeShare } from "../calendar/first-months.js";
import type { Period } from "../calendar/period.js";
import type { WarningCode } from "../errors/codes.js";
import type { Predicate } from "../logic/compile-logic.js";
import type { Decimal } from "../money/decimal.js";
import type { MoneyPolicy } from "../money/policy.js";
import type { CellSelector } from "./cells.js";
import type { EventsDoc, MigrationDoc, OfferDoc } from "./document.js";

/**
 * A compiled rule set: ids resolved into maps, amounts into Decimals, conditions into
 * closures and prices into pricers. Built once at load; every quote reads it, none changes it.
 */
/**
 * A loaded, checked and compiled rule set, ready to quote: made by `loadRuleSet` and the other
 * loaders, read by `quote`, `compare`, `recommend` and `quoteMonths`. What it holds beyond its
 * id, name and description is internal; a look-alike object is refused (`api.argument`).
 */
export interface RuleSet {
  /** The rule set's id, as ruleset.yaml states it (and its folder is named). */
  readonly id: string;
  /** Its name for people. */
  readonly name: string;
  /** What it prices, when ruleset.yaml says. */
  readonly description?: string;
}

/** A rule set compiled for evaluation: what the loaders make and the pipeline reads. */
export interface Plan extends RuleSet {
  money: MoneyPolicy;
  /** When a month's fees are deducted; absent when the price list states no rule. */
  settlement?: { days: number; text?: string };
  /** Every price version of each mode, oldest first. */
  modes: ReadonlyMap<string, readonly ModePlan[]>;
  /** The same versions in the order ruleset.yaml lists their files. */
  versions: readonly ModePlan[];
  selection: { rules: { mode: string; when: Predicate }[]; default: string };
  migrations: readonly MigrationPlan[];
}

/** A migration between modes, with the path to the app fact that dates it split once at load. */
export interface MigrationPlan extends MigrationDoc {
  /** `app.migratedAt` → ["migratedAt"]: the keys under `app`. */
  factPath: readonly string[];
}

export interface ModePlan {
  id: string;
  name: string;
  description?: string;
  effective?: { from?: string; until?: string; note?: string };
  retired?: { on: string; note?: string };
  available?: { when: Predicate; message: string };
  planChanges: { proration: "none" | "daily"; perMonth?: number; downgradeToFree: boolean; note?: string };
  meters: ReadonlyMap<string, MeterPlan>;
  entitlements: ReadonlyMap<string, { id: string; name: string; unit?: string }>;
  editions: ReadonlyMap<string, EditionPlan>;
  defaultEdition: string;
  charges: readonly ChargePlan[];
  addons: ReadonlyMap<string, AddonPlan>;
  discounts: readonly DiscountPlan[];
}

export interface QuotaPlan {
  included: Decimal;
  /** The cells of a meter with dimensions it covers; absent for every cell. */
  cells?: CellSelector;
  /** An allotment per unit of another meter: the included quantity is `amount` × that meter's month value. */
  includedPer?: { meter: string; amount: Decimal };
  /** A daily allowance: each day's value less it (never below zero) is billed; `included` is then 0. */
  includedPerDay?: Decimal;
  /** Granted only in a customer's first N months from the sign-up day (resolved per month into `grant`). */
  firstMonths?: number;
  /** This month's share of a `firstMonths` quota, set when a quote resolves its usage (`included` is then the month's part). */
  grant?: FreeShare;
  /** The included quantity as written, when `included` is this month's prorated part of it. */
  monthly?: Decimal;
  limit?: Decimal;
  note?: string;
}

export interface MeterPlan {
  id: string;
  name: string;
  description?: string;
  unit: string;
  plural: string;
  aggregate: "max" | "min" | "sum" | "average" | "latest" | "percentile";
  /** For `percentile`: P in (0, 100], nearest rank. */
  percentile?: Decimal;
  /** For `average`: what a day without a value counts as. */
  missingDays: "zero" | "ignore" | "refuse";
  /** For `average`: decimals the mean is rounded to (half-up). */
  decimals: number;
  /** What a usage document may give: a month value, daily values, or either. */
  input: "any" | "daily" | "month" | "hourly";
  integer: boolean;
  required: boolean;
  /** Dimensions splitting the meter into cells; empty for a plain meter. */
  dimensions: readonly DimensionPlan[];
  /** How the meter is measured from raw events, when the rules say (`ratecard meter`). */
  events?: EventsDoc;
}

export interface DimensionPlan {
  id: string;
  name: string;
  values: readonly string[];
  unknown: "refuse" | "default";
}

/**
 * An edition's fee: `none` (pay as you go, no fee line), `free` (a zero line naming the plan),
 * a monthly amount, or a monthly price per unit counted by a meter.
 */
export type FeePlan =
  | { kind: "none" }
  | { kind: "free" }
  | { kind: "flat"; amount: Decimal }
  | { kind: "per-unit"; unitPrice: Decimal; meter: string };

/** An entitlement's limit: a number, or `unlimited`. */
export type Limit = Decimal | "unlimited";

export interface EditionPlan {
  id: string;
  name: string;
  description?: string;
  fee: FeePlan;
  /** No public price: the words that stand for the fee (with `fee: none`). */
  feeOnRequest?: string;
  /** A monthly commitment: a quote totalling less gets a true-up line for the difference. */
  minimumSpend?: Decimal;
  /** A monthly cap: a quote (or the group of lines `maximumSpendOn` names) totalling more gets a cap line taking the excess off. */
  maximumSpend?: Decimal;
  /** Units of a meter committed at a rate: billed every month, and taken off that meter's usage before its charge prices it. */
  commitment?: { quantity: Decimal; meter: string; unitPrice: Decimal; cells?: CellSelector };
  /** The lines the cap applies to: every usage charge, or the charges listed; undefined for the whole quote. */
  maximumSpendOn?: "usage" | ReadonlySet<string>;
  /** Its fee comes from a customer's agreed prices (the document's overrides). */
  override?: boolean;
  /** The fee covers several months, billed in advance in the first month of each interval. */
  feeInterval?: { months: 3 | 6 | 12; anchor: "calendar" | "signup" };
  validity: "permanent" | "monthly";
  /** Quotas covering every cell of their meter, by meter id. */
  quotas: ReadonlyMap<string, QuotaPlan>;
  /** Quotas written for some cells of a meter with dimensions (`cells:`), by meter id, in the order written; they do not overlap. */
  cellQuotas?: ReadonlyMap<string, readonly QuotaPlan[]>;
  entitlements: ReadonlyMap<string, Limit>;
}

/** A charge: priced once, or by cell. */
export type ChargePlan = PricedOnce | PricedByCell;

/** One price for the meter, or for every cell of a meter with dimensions. */
interface PricedOnce extends ChargeTerms {
  price: Pricer;
  prices?: never;
}

/** Prices by cell of a meter with dimensions, first match wins. */
interface PricedByCell extends ChargeTerms {
  price?: never;
  prices: readonly { match: ReadonlyMap<string, string>; price: Pricer }[];
}

/**
 * Whether a charge or a discount applies with an edition: one that lists no editions applies with
 * every edition. The one home of that rule for quotes, usage, decisions, lint and pages.
 */
export function appliesWith(terms: { readonly editions?: ReadonlySet<string> | undefined }, edition: string): boolean {
  return !terms.editions || terms.editions.has(edition);
}

interface ChargeTerms {
  id: string;
  name: string;
  description?: string;
  meter: string;
  /** Editions the charge applies to; undefined for all. */
  editions?: ReadonlySet<string>;
  model: string;
  /** The most the charge bills in a month. */
  cap?: Decimal;
  /** Priced by a customer's agreed price (the document's overrides), not the rule set's. */
  override?: boolean;
}

/** A discount of the mode, compiled. */
export interface DiscountPlan {
  id: string;
  name: string;
  off: { kind: "percent"; percent: Decimal } | { kind: "amount"; amount: Decimal };
  /** What it applies to: every line before it, the plan fee, or one charge's or add-on's line. */
  on: { kind: "total" } | { kind: "fee" } | { kind: "usage" | "addon"; id: string };
  editions?: ReadonlySet<string>;
  from?: string;
  until?: string;
  firstMonths?: number;
  /** What `firstMonths` counts from (set with it). */
  firstMonthsFrom?: "signup-month" | "signup-day";
  /** This month's share when counted from the sign-up day and the first months end inside it. */
  share?: FreeShare;
  coupon: boolean;
}

/** What a pricing model knows when it prices a quantity. */
export interface PricingContext {
  meter: MeterPlan;
  period: Period;
  /** The edition's included quantity, already taken off the billable quantity (tiers `on: total` count from it). */
  included: Decimal;
  /**
   * For a cell of a meter with dimensions: the meter's units in the cells before it (listed order)
   * and in all its cells, all units and billable ones, for tiers that count over the meter (`count: meter`).
   * A function: summed only when a price asks, not on every quote of a meter with dimensions.
   */
  meterCells?: () => { before: CellCounts; all: CellCounts };
  /** The currency's decimals, for amounts in words. */
  scale: number;
}

/** Units of a meter's cells: all of them, and those above the included quantities. */
export interface CellCounts {
  total: Decimal;
  billable: Decimal;
}

export interface QuoteWarning {
  code: WarningCode;
  message: string;
}

/** What a pricer returns: a priced quantity, or one no published price applies to. */
export type Priced = PricedQuantity | UnpricedQuantity;

/** A priced quantity; `amount` is not yet rounded. */
interface PricedQuantity {
  amount: Decimal;
  quantity: Decimal;
  unit: string;
  unitPrice: Decimal | null;
  /** The words, built only when a quote is explained. */
  words: () => PricedWords;
  note?: string;
  warnings?: QuoteWarning[];
  unpriced?: undefined;
}

/** No published price applies: nothing is billed, the line is left out and a warning says why. */
interface UnpricedQuantity extends Omit<PricedQuantity, "unpriced" | "unitPrice" | "warnings"> {
  unpriced: true;
  unitPrice: null;
  warnings: QuoteWarning[];
}

/** How a quantity was priced, in words. */
interface PricedWords {
  /** The arithmetic, for the trace: "→ 3 blocks of 1,000 calls × 0.50 = 1.50". */
  text: string;
  /** Customer wording of how the billable quantity is priced: "in 2 blocks of 1,000 calls at 0.50 each". */
  phrase: string;
}

export type Pricer = (billable: Decimal, context: PricingContext) => Priced;

export type OptionCell = Decimal | "included" | "not-offered";

/** How an add-on is offered in one edition. */
export type Offer =
  | { kind: "not-offered"; reason?: string }
  | { kind: "included"; reason?: string; grants: ReadonlyMap<string, Limit> }
  | {
      kind: "priced";
      price?: Decimal;
      options?: ReadonlyMap<string, OptionCell>;
      reason?: string;
      grants: ReadonlyMap<string, Limit>;
      note?: string;
      /** The price and option cells as the rule file writes them ("0.150" keeps its last zero), for pages. */
      written: Pick<OfferDoc, "price" | "options">;
    };

/** The most units of an add-on: a number, a meter's month value, another add-on's quantity, or `amount` per unit of a meter. */
export type QuantityLimit =
  | { kind: "fixed"; value: number }
  | { kind: "usage"; meter: string }
  | { kind: "addon"; id: string }
  | { kind: "per"; meter: string; amount: Decimal };

export interface AddonPlan {
  id: string;
  /** Its place in the rule file: quotes list add-ons in this order, whatever the document's order. */
  index: number;
  name: string;
  description?: string;
  status: "beta" | "ga";
  /** Rules that must all hold for the add-on to be bought; each failing one is reported with its message. */
  eligible: readonly {
    when: Predicate;
    message: string;
    /** Reads usage or quantities: unknown until a document is quoted. */
    readsUsage: boolean;
    /** The add-ons whose purchase it reads (`all` when it cannot tell): it may change only with those. */
    addonsRead: readonly string[] | "all";
  }[];
  option?: { id: string; name: string; unit?: string; grants?: string };
  /** Set when the add-on is bought in units (seats, packs): priced per unit. */
  quantity?: { unit: string; plural: string; max?: QuantityLimit; message?: string };
  trial?: { days: number; note?: string };
  /** Per edition id of the mode. */
  offers: ReadonlyMap<string, Offer>;
}
