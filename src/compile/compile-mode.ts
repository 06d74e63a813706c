import { compileCondition, varPaths } from "../logic/compile-logic.js";
import { Decimal, writtenDecimal, ZERO } from "../money/decimal.js";
import {
  eligibilityRules,
  type AddonDoc,
  type CommitmentDoc,
  type DiscountDoc,
  type EditionDoc,
  type FeeDoc,
  type IncludedDoc,
  isPerDay,
  type MaximumSpendDoc,
  type LimitText,
  type MeterDoc,
  type ModeDoc,
  type OfferDoc,
  type OptionCellDoc,
  type QuotaDoc,
  type QuantityMaxDoc,
} from "../model/document.js";
import type {
  AddonPlan,
  DiscountPlan,
  EditionPlan,
  FeePlan,
  Limit,
  MeterPlan,
  ModePlan,
  Offer,
  OptionCell,
  QuantityLimit,
  QuotaPlan,
} from "../model/plan.js";
import { compilePrice } from "./models/index.js";
import { own } from "../guard/own.js";

export function compileMode(doc: ModeDoc): ModePlan {
  const editions = doc.editions.map(compileEdition);
  const mode: ModePlan = {
    id: doc.id,
    name: doc.name,
    planChanges: { proration: "none", downgradeToFree: true, ...doc.planChanges },
    meters: byId(doc.meters.map(compileMeter)),
    entitlements: byId(doc.entitlements ?? []),
    editions: byId(editions),
    defaultEdition: (doc.editions.find((e) => e.default) ?? doc.editions[0]).id,
    charges: (doc.charges ?? []).map((charge) => ({
      id: charge.id,
      name: charge.name,
      ...(charge.description ? { description: charge.description } : {}),
      meter: charge.meter,
      ...(charge.editions ? { editions: new Set(charge.editions) } : {}),
      model: charge.price?.model ?? "by cell",
      ...(charge.price
        ? { price: compilePrice(charge.price) }
        : {
            prices: charge.prices.map((entry) => ({
              match: new Map(Object.entries(entry.match ?? {})),
              price: compilePrice(entry.price),
            })),
          }),
      ...(charge.cap !== undefined ? { cap: new Decimal(charge.cap) } : {}),
    })),
    addons: byId((doc.addons ?? []).map((addon, index) => compileAddon(addon, index, doc.editions))),
    discounts: (doc.discounts ?? []).map(compileDiscount),
  };
  if (doc.description) mode.description = doc.description;
  if (doc.effective) mode.effective = doc.effective;
  if (doc.retired) mode.retired = doc.retired;
  if (doc.available) mode.available = { when: compileCondition(doc.available.when), message: doc.available.message };
  return mode;
}

function byId<T extends { id: string }>(items: readonly T[]): ReadonlyMap<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}

function compileMeter(doc: MeterDoc): MeterPlan {
  return {
    id: doc.id,
    name: doc.name,
    ...(doc.description ? { description: doc.description } : {}),
    unit: doc.unit,
    plural: doc.plural ?? `${doc.unit}s`,
    aggregate: doc.aggregate,
    ...(doc.percentile !== undefined ? { percentile: new Decimal(doc.percentile) } : {}),
    missingDays: doc.missingDays ?? "zero",
    decimals: doc.decimals ?? 6,
    input: doc.input ?? "any",
    integer: doc.integer ?? true,
    required: doc.required ?? true,
    dimensions: (doc.dimensions ?? []).map((dimension) => ({ ...dimension, unknown: dimension.unknown ?? "refuse" })),
    ...(doc.events ? { events: doc.events } : {}),
  };
}

export function compileCommitment(doc: CommitmentDoc): NonNullable<EditionPlan["commitment"]> {
  return { quantity: new Decimal(doc.quantity), meter: doc.meter, unitPrice: writtenDecimal(doc.unitPrice) };
}

/** A cap on the whole quote, or on a group of lines. */
export function compileMaximumSpend(doc: MaximumSpendDoc): Pick<EditionPlan, "maximumSpend" | "maximumSpendOn"> {
  if (typeof doc !== "object") return { maximumSpend: new Decimal(doc) };
  return { maximumSpend: new Decimal(doc.amount), maximumSpendOn: doc.on === "usage" ? "usage" : new Set(doc.on) };
}

function compileIncluded(
  included: IncludedDoc | undefined,
): Pick<QuotaPlan, "included" | "includedPer" | "includedPerDay"> {
  if (typeof included !== "object") return { included: new Decimal(included ?? 0) };
  if (isPerDay(included)) return { included: ZERO, includedPerDay: new Decimal(included.perDay) };
  return { included: ZERO, includedPer: { meter: included.per, amount: new Decimal(included.amount) } };
}

/** A quota as written → its plan (also used for a customer's agreed quota). */
export function compileQuota(quota: QuotaDoc): QuotaPlan {
  return {
    ...compileIncluded(quota.included),
    ...(quota.firstMonths !== undefined ? { firstMonths: quota.firstMonths } : {}),
    ...(quota.limit !== undefined ? { limit: new Decimal(quota.limit) } : {}),
    ...(quota.note ? { note: quota.note } : {}),
  };
}

function compileEdition(doc: EditionDoc): EditionPlan {
  const quotas = Object.entries(doc.quotas ?? {}).map(([meter, quota]) => [meter, compileQuota(quota)] as const);
  return {
    id: doc.id,
    name: doc.name,
    ...(doc.description ? { description: doc.description } : {}),
    fee: compileFee(doc.fee),
    ...(doc.feeOnRequest ? { feeOnRequest: doc.feeOnRequest } : {}),
    ...(doc.minimumSpend !== undefined ? { minimumSpend: new Decimal(doc.minimumSpend) } : {}),
    ...(doc.maximumSpend !== undefined ? compileMaximumSpend(doc.maximumSpend) : {}),
    ...(doc.commitment ? { commitment: compileCommitment(doc.commitment) } : {}),
    ...(doc.feeInterval
      ? { feeInterval: { months: doc.feeInterval.months, anchor: doc.feeInterval.anchor ?? "calendar" } }
      : {}),
    validity: doc.validity ?? "monthly",
    quotas: new Map(quotas),
    entitlements: limits(doc.entitlements),
  };
}

function compileDiscount(doc: DiscountDoc): DiscountPlan {
  return {
    id: doc.id,
    name: doc.name,
    off:
      doc.percent !== undefined
        ? { kind: "percent", percent: new Decimal(doc.percent) }
        : { kind: "amount", amount: new Decimal(doc.amount) },
    on:
      typeof doc.on === "string"
        ? { kind: doc.on }
        : own(doc.on, "charge") !== undefined
          ? { kind: "usage", id: own(doc.on, "charge") as string }
          : { kind: "addon", id: own(doc.on, "addon") as string },
    ...(doc.editions ? { editions: new Set(doc.editions) } : {}),
    ...(doc.from ? { from: doc.from } : {}),
    ...(doc.until ? { until: doc.until } : {}),
    ...(doc.firstMonths !== undefined
      ? { firstMonths: doc.firstMonths, firstMonthsFrom: doc.firstMonthsFrom ?? "signup-month" }
      : {}),
    coupon: doc.coupon ?? false,
  };
}

/** An edition fee as written → its plan (also used for a customer's overridden fee). */
export function compileFee(doc: FeeDoc): FeePlan {
  if (doc === "free" || doc === "none") return { kind: doc };
  if (typeof doc === "object") return { kind: "per-unit", unitPrice: writtenDecimal(doc.unitPrice), meter: doc.per };
  return { kind: "flat", amount: new Decimal(doc) };
}

function limits(record: Record<string, LimitText> | undefined): ReadonlyMap<string, Limit> {
  return new Map(
    Object.entries(record ?? {}).map(([id, value]) => [id, value === "unlimited" ? value : new Decimal(value)]),
  );
}

function compileAddon(doc: AddonDoc, index: number, editions: readonly EditionDoc[]): AddonPlan {
  const shared: OfferDoc = {
    ...(doc.price !== undefined ? { price: doc.price } : {}),
    ...(doc.options ? { options: doc.options } : {}),
    ...(doc.grants ? { grants: doc.grants } : {}),
  };
  const offers = editions.map((edition) => {
    const offer = doc.editions ? own(doc.editions, edition.id) : shared;
    return [edition.id, compileOffer(offer)] as const;
  });
  const eligible = eligibilityRules(doc).map((rule) => ({
    when: compileCondition(rule.when),
    message: rule.message,
    readsUsage: readsUsage(rule.when),
    addonsRead: addonsRead(rule.when),
  }));
  const addon: AddonPlan = {
    id: doc.id,
    index,
    name: doc.name,
    status: doc.status ?? "ga",
    eligible,
    offers: new Map(offers),
  };
  if (doc.description) addon.description = doc.description;
  if (doc.option) addon.option = doc.option;
  if (doc.quantity) {
    const { max } = doc.quantity;
    addon.quantity = {
      unit: doc.quantity.unit,
      plural: doc.quantity.plural ?? `${doc.quantity.unit}s`,
      ...(doc.quantity.message ? { message: doc.quantity.message } : {}),
    };
    if (max !== undefined) addon.quantity.max = compileQuantityMax(max);
  }
  // eslint-disable-next-line ratecard/no-float-money -- trial days are a small whole count (schema: positiveCount)
  if (doc.trial) addon.trial = { days: Number(doc.trial.days), ...(doc.trial.note ? { note: doc.trial.note } : {}) };
  return addon;
}

function compileQuantityMax(max: QuantityMaxDoc): QuantityLimit {
  if (typeof max === "number") return { kind: "fixed", value: max };
  if (own(max, "usage") !== undefined) return { kind: "usage", meter: own(max, "usage") as string };
  if (own(max, "per") !== undefined) {
    const { per, amount } = max as { per: string; amount: string | number };
    return { kind: "per", meter: per, amount: writtenDecimal(amount) };
  }
  return { kind: "addon", id: own(max, "addon") as string };
}

/** Whether a condition reads the month's usage or an add-on's quantity. */
function readsUsage(rule: unknown): boolean {
  return varPaths(rule).some((path) => path !== null && (path.startsWith("usage") || path.endsWith(".quantity")));
}

/** The add-ons whose purchase a condition reads: `all` for a computed path, the whole data, all add-ons, or `missing`. */
function addonsRead(rule: unknown): readonly string[] | "all" {
  if (usesMissing(rule)) return "all";
  const ids = new Set<string>();
  for (const path of varPaths(rule)) {
    if (path === null || path === "" || path === "addons") return "all";
    if (path.startsWith("addons.")) ids.add(path.slice("addons.".length).replace(/\..*$/s, ""));
  }
  return [...ids];
}

function usesMissing(rule: unknown): boolean {
  if (Array.isArray(rule)) return rule.some(usesMissing);
  if (rule === null || typeof rule !== "object") return false;
  return Object.entries(rule).some(
    ([operator, raw]) => operator === "missing" || operator === "missing_some" || usesMissing(raw),
  );
}

function compileOffer(doc: OfferDoc | undefined): Offer {
  if (!doc || doc.offered === false) return { kind: "not-offered", ...(doc?.reason ? { reason: doc.reason } : {}) };
  const grants = limits(doc.grants);
  const reason = doc.reason ? { reason: doc.reason } : {};
  if (doc.included) return { kind: "included", grants, ...reason };
  return {
    kind: "priced",
    grants,
    ...reason,
    ...(doc.price !== undefined ? { price: new Decimal(doc.price) } : {}),
    ...(doc.options
      ? { options: new Map(Object.entries(doc.options).map(([value, cell]) => [value, optionCell(cell)])) }
      : {}),
    ...(doc.note ? { note: doc.note } : {}),
    written: {
      ...(doc.price !== undefined ? { price: doc.price } : {}),
      ...(doc.options ? { options: doc.options } : {}),
    },
  };
}

function optionCell(cell: OptionCellDoc): OptionCell {
  return cell === "included" || cell === "not-offered" ? cell : new Decimal(cell);
}
