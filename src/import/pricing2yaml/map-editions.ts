import type { Catalog } from "./catalog.js";
import type { Issues } from "./issues.js";
import type { BillingPeriod, OfferSource, PricingSource } from "./model.js";
import { amountText, isPerSeat, periodPrice } from "./offer-price.js";
import type { Mapping } from "./read-values.js";
import { IdSpace } from "./ids.js";
import { defaultValues, planValues, type OfferValues } from "./values.js";

/** A plan, read once and then written into every billing mode. */
export interface PlanDraft {
  id: string;
  source: OfferSource;
  perSeat: boolean;
  values: OfferValues;
}

export function draftPlans(pricing: PricingSource, catalog: Catalog, issues: Issues): PlanDraft[] {
  const ids = new IdSpace("plan");
  const defaults = defaultValues(catalog, issues);
  return pricing.plans.map((plan) => ({
    id: ids.claim(plan.key),
    source: plan,
    perSeat: isPerSeat(plan, issues),
    values: planValues(plan, catalog, defaults, issues),
  }));
}

/** The editions of one billing mode; without plans (an add-ons-only pricing), one edition with no fee. */
export function editionsFor(plans: readonly PlanDraft[], period: BillingPeriod, catalog: Catalog): Mapping[] {
  if (!plans.length)
    return [
      { id: "base", name: "No plan", description: "This pricing sells add-ons only.", fee: "none", default: true },
    ];
  return plans.map((plan, i) => ({
    id: plan.id,
    name: plan.source.key,
    ...edition(plan, period, catalog),
    ...(i === 0 ? { default: true } : {}),
    ...(Object.keys(quotas(plan.values)).length ? { quotas: quotas(plan.values) } : {}),
    ...(Object.keys(plan.values.entitlements).length ? { entitlements: plan.values.entitlements } : {}),
  }));
}

/** Description, fee and fee interval: an annual period bills its months' fee in advance. */
function edition(plan: PlanDraft, period: BillingPeriod, catalog: Catalog): Mapping {
  const price = periodPrice(plan.source, period);
  const description = plan.source.description;
  const text = description ? { description } : {};
  if (price.kind === "text") return { ...text, fee: "none", feeOnRequest: price.text };
  if (price.amount.isZero()) return { ...text, fee: "free" };
  const amount = amountText(price.amount.times(period.months));
  const fee = plan.perSeat && catalog.seats ? { unitPrice: amount, per: catalog.seats.id } : amount;
  return { ...text, fee, ...(period.months > 1 ? { feeInterval: { months: period.months, anchor: "signup" } } : {}) };
}

/** A monthly limit: included in the plan and a hard cap; an unlimited one has no quota. */
function quotas(values: OfferValues): Mapping {
  const out: Mapping = {};
  for (const [id, value] of Object.entries(values.quotas))
    if (value !== "unlimited") out[id] = { included: value, limit: value };
  return out;
}
