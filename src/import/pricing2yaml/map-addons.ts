import { Decimal } from "decimal.js";
import type { DocPath } from "../../errors/problem.js";
import type { Catalog, LimitValue } from "./catalog.js";
import { givenValue, wholeValue } from "./catalog.js";
import { IdSpace } from "./ids.js";
import type { Issues } from "./issues.js";
import type { PlanDraft } from "./map-editions.js";
import type { AddonSource, BillingPeriod, PricingSource } from "./model.js";
import { amountText, isPerSeat, periodPrice } from "./offer-price.js";
import { decimalText, isInfinity, type Mapping } from "./read-values.js";
import { addonValues } from "./values.js";

/** An add-on, read once and then written into every billing mode. */
export interface AddonDraft {
  id: string;
  source: AddonSource;
  eligible: Mapping[];
  quantity?: Mapping;
  grants: Record<string, LimitValue>;
  /** Per edition id, the grants an extension raises limits to (edition value + extension). */
  editionGrants?: Record<string, Record<string, LimitValue>>;
}

export function draftAddons(
  pricing: PricingSource,
  plans: readonly PlanDraft[],
  catalog: Catalog,
  issues: Issues,
): AddonDraft[] {
  const ids = new IdSpace("addon");
  // Every add-on's id is claimed before any is mapped: relations name other add-ons by id.
  const claimed = pricing.addons.map((addon) => ({ addon, id: ids.claim(addon.key) }));
  return claimed.map(({ addon, id }) => {
    const values = addonValues(addon, catalog, issues);
    for (const id of Object.keys(values.quotas))
      issues.unmapped([...addon.path, "usageLimits"], `an add-on cannot raise the monthly quota ${id}`);
    const quantity = quantityOf(addon, catalog, issues);
    const eligible = [...availability(addon, plans, issues), ...relations(addon, ids, issues)];
    const editionGrants = extensionGrants(addon, plans, catalog, quantity !== undefined, issues);
    return {
      id,
      source: addon,
      eligible,
      ...(quantity ? { quantity } : {}),
      grants: values.entitlements,
      ...(editionGrants ? { editionGrants } : {}),
    };
  });
}

/** The add-on as written in one billing mode: its price there is the monthly price × the period's factor. */
export function addonFor(draft: AddonDraft, period: BillingPeriod): Mapping {
  const price = periodPrice(draft.source, period);
  const stated = price.kind === "text" ? `No public price (${price.text}).` : undefined;
  const description = [draft.source.description, stated].filter(Boolean).join(" ");
  const amount = price.kind === "amount" ? { price: amountText(price.amount) } : {};
  const editions = draft.editionGrants
    ? {
        editions: Object.fromEntries(
          Object.entries(draft.editionGrants).map(([id, grants]) => [id, { ...amount, grants }]),
        ),
      }
    : {};
  return {
    id: draft.id,
    name: draft.source.key,
    ...(description ? { description } : {}),
    ...(draft.eligible.length ? { eligible: draft.eligible } : {}),
    ...(draft.quantity ? { quantity: draft.quantity } : {}),
    ...(draft.editionGrants ? {} : amount),
    ...(Object.keys(draft.grants).length ? { grants: draft.grants } : {}),
    ...editions,
  };
}

/** availableFor → the editions that may buy it; absent, or naming every plan, needs no rule. */
function availability(addon: AddonSource, plans: readonly PlanDraft[], issues: Issues): Mapping[] {
  if (addon.availableFor === undefined || !plans.length) return [];
  const ids = addon.availableFor.flatMap((name, i) => {
    const plan = plans.find((p) => p.source.key === name);
    if (!plan)
      issues.add(
        "import.reference",
        [...addon.path, "availableFor", i],
        `${addon.key} is available for "${name}", which is not a plan`,
      );
    return plan ? [plan.id] : [];
  });
  if (plans.every((p) => ids.includes(p.id))) return [];
  const names = plans.filter((p) => ids.includes(p.id)).map((p) => p.source.key);
  return [
    {
      when: { in: [{ var: "edition" }, ids] },
      message: names.length
        ? `${addon.key} is available with ${names.join(", ")}.`
        : `${addon.key} is available with no plan.`,
    },
  ];
}

/** dependsOn → the other add-on must be bought too; excludes → it must not. */
function relations(addon: AddonSource, ids: IdSpace, issues: Issues): Mapping[] {
  const rule = (name: string, path: DocPath, needed: boolean): Mapping[] => {
    const id = ids.of(name);
    if (!id || name === addon.key) {
      issues.add("import.reference", path, `${addon.key} names "${name}", which is not another add-on`);
      return [];
    }
    const when = needed ? { "!!": { var: `addons.${id}` } } : { "!": { var: `addons.${id}` } };
    return [{ when, message: needed ? `${addon.key} needs ${name}.` : `${addon.key} cannot be bought with ${name}.` }];
  };
  return [
    ...addon.dependsOn.flatMap((name, i) => rule(name, [...addon.path, "dependsOn", i], true)),
    ...addon.excludes.flatMap((name, i) => rule(name, [...addon.path, "excludes", i], false)),
  ];
}

/** A per-user add-on is bought per user (at most one per user counted); subscriptionConstraints bound a scalable one. */
function quantityOf(addon: AddonSource, catalog: Catalog, issues: Issues): Mapping | undefined {
  const perSeat = isPerSeat(addon, issues);
  const c = addon.constraints ?? {};
  const path = [...addon.path, "subscriptionConstraints"];
  const max = isInfinity(c.maxQuantity) ? undefined : decimalText(c.maxQuantity);
  for (const field of ["minQuantity", "quantityStep"] as const) {
    if (c[field] !== undefined && c[field] !== null && decimalText(c[field]) !== "1")
      issues.unmapped([...path, field], "a quantity bought is any whole number up to the maximum");
  }
  if (perSeat && catalog.seats) return { unit: catalog.seats.unit, max: { usage: catalog.seats.id } };
  const scalable = Object.keys(addon.extensions).length > 0;
  if (!scalable || max === "1") return undefined;
  return { unit: "pack", ...(max !== undefined && /^[1-9][0-9]*$/.test(max) ? { max: wholeValue(max) } : {}) };
}

/** usageLimitsExtensions add to a plan's limit; a rule set's grant is the raised limit, so it is given per edition. */
function extensionGrants(
  addon: AddonSource,
  plans: readonly PlanDraft[],
  catalog: Catalog,
  scaled: boolean,
  issues: Issues,
): Record<string, Record<string, LimitValue>> | undefined {
  const extensions = Object.entries(addon.extensions);
  if (!extensions.length) return undefined;
  if (scaled) {
    issues.unmapped(
      [...addon.path, "usageLimitsExtensions"],
      "an extension bought in packs raises a limit by the quantity bought, which a grant cannot say",
    );
    return undefined;
  }
  const eligible = plans.filter((p) => addon.availableFor === undefined || addon.availableFor.includes(p.source.key));
  const raises: { target: string; extra: LimitValue }[] = [];
  for (const [name, entry] of extensions) {
    const path = [...addon.path, "usageLimitsExtensions", name];
    const target = catalog.limits.get(name);
    const given = givenValue(entry);
    if (!target || target.kind !== "entitlement" || !given) {
      if (given)
        issues.unmapped(
          path,
          target ? "an add-on cannot raise a monthly quota" : `"${name}" is not an imported usage limit`,
        );
      continue;
    }
    const extra = target.read(given.value, [...path, "value"], issues);
    if (extra === undefined) continue;
    raises.push({ target: target.id, extra });
  }
  return Object.fromEntries(
    eligible.map((plan) => [
      plan.id,
      Object.fromEntries(
        raises.map(({ target, extra }) => [target, raised(plan.values.entitlements[target], extra)] as const),
      ),
    ]),
  );
}

function raised(base: LimitValue | undefined, extra: LimitValue): LimitValue {
  if (base === "unlimited" || extra === "unlimited") return "unlimited";
  return wholeValue(new Decimal(base ?? 0).plus(extra).toFixed());
}
