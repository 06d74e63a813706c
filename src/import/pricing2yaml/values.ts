import type { DocPath } from "../../errors/problem.js";
import { givenValue, type Catalog, type LimitValue, type Target } from "./catalog.js";
import type { Issues } from "./issues.js";
import type { OfferSource } from "./model.js";
import type { Mapping } from "./read-values.js";

/** What one plan or add-on gives: entitlement limits and monthly quotas, by rule-set id. */
export interface OfferValues {
  entitlements: Record<string, LimitValue>;
  quotas: Record<string, LimitValue>;
}

/** The defaults every plan starts from (`defaultValue`), read once. */
export function defaultValues(catalog: Catalog, issues: Issues): OfferValues {
  const values: OfferValues = { entitlements: {}, quotas: {} };
  for (const target of [...catalog.features.values(), ...catalog.limits.values()]) {
    const value = target.read(target.source.defaultValue, [...target.source.path, "defaultValue"], issues);
    if (value !== undefined) (target.kind === "quota" ? values.quotas : values.entitlements)[target.id] = value;
  }
  return values;
}

/** A plan's values: the defaults, overridden by what the plan sets. */
export function planValues(plan: OfferSource, catalog: Catalog, defaults: OfferValues, issues: Issues): OfferValues {
  const values: OfferValues = { entitlements: { ...defaults.entitlements }, quotas: { ...defaults.quotas } };
  setValues(plan.features, [...plan.path, "features"], catalog.features, catalog.skipped, values, issues, "feature");
  setValues(plan.limits, [...plan.path, "usageLimits"], catalog.limits, catalog.skipped, values, issues, "usage limit");
  return values;
}

/** An add-on's values: only what it sets. */
export function addonValues(addon: OfferSource, catalog: Catalog, issues: Issues): OfferValues {
  const values: OfferValues = { entitlements: {}, quotas: {} };
  setValues(addon.features, [...addon.path, "features"], catalog.features, catalog.skipped, values, issues, "feature");
  setValues(
    addon.limits,
    [...addon.path, "usageLimits"],
    catalog.limits,
    catalog.skipped,
    values,
    issues,
    "usage limit",
  );
  return values;
}

function setValues(
  given: Mapping,
  path: DocPath,
  targets: ReadonlyMap<string, Target>,
  skipped: ReadonlySet<string>,
  values: OfferValues,
  issues: Issues,
  what: string,
): void {
  for (const [name, entry] of Object.entries(given)) {
    const at = [...path, name];
    const target = targets.get(name);
    const value = givenValue(entry);
    if (!target) {
      if (value && skipped.has(name))
        issues.unmapped(at, `the ${what} "${name}" holds values a rule set cannot (see its valueType)`);
      else if (value)
        issues.add("import.reference", at, `${at.join(".")} sets a ${what} "${name}" that is not declared`);
      continue;
    }
    if (!value) continue;
    const read = target.read(value.value, [...at, "value"], issues);
    if (read !== undefined) (target.kind === "quota" ? values.quotas : values.entitlements)[target.id] = read;
  }
}
