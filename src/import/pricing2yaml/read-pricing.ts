import type { DocPath } from "../../errors/problem.js";
import type { AddonSource, FeatureSource, LimitSource, OfferSource, PricingSource } from "./model.js";
import type { Issues } from "./issues.js";
import { readBilling } from "./read-billing.js";
import { readPrice } from "./read-price.js";
import { decimalText, isMapping, kindOf, mappingAt, namesAt, textOf, type Mapping } from "./read-values.js";

const TOP_LEVEL = new Set([
  "saasName",
  "syntaxVersion",
  "version",
  "createdAt",
  "currency",
  "url",
  "billing",
  "hasAnnualPayment",
  "features",
  "usageLimits",
  "plans",
  "addOns",
]);
const FEATURE_FIELDS = new Set(["description", "valueType", "defaultValue"]);
const LIMIT_FIELDS = new Set(["description", "valueType", "defaultValue", "unit", "type", "period", "linkedFeatures"]);
const OFFER_FIELDS = new Set([
  "name",
  "description",
  "price",
  "monthlyPrice",
  "annualPrice",
  "unit",
  "features",
  "usageLimits",
]);
const ADDON_FIELDS = new Set([
  ...OFFER_FIELDS,
  "availableFor",
  "dependsOn",
  "excludes",
  "usageLimitsExtensions",
  "subscriptionConstraints",
]);

/** Reads a Pricing2Yaml document (syntax 1.0 to 3.x) into one shape; what it cannot carry is reported. */
export function readPricing(root: Mapping, issues: Issues): PricingSource {
  reportOtherFields(root, [], TOP_LEVEL, issues, "it has no counterpart in a rule set");
  const name = textOf(root.saasName);
  if (!name)
    issues.add(
      "import.invalid",
      ["saasName"],
      "saasName must name the product; the rule set is called imported-pricing",
    );
  const periods = readBilling(root, issues);
  const annual = periods.some((period) => period.months === 12);
  return {
    name: name ?? "imported-pricing",
    currency: readCurrency(root.currency, issues),
    ...optional("version", pricingVersion(root)),
    ...optional("createdAt", textOf(root.createdAt)),
    ...optional("url", textOf(root.url)),
    periods,
    features: entries(root.features, ["features"], issues).map(([key, value, path]) =>
      readFeature(key, value, path, issues),
    ),
    limits: entries(root.usageLimits, ["usageLimits"], issues).map(([key, value, path]) =>
      readLimit(key, value, path, issues),
    ),
    plans: entries(root.plans, ["plans"], issues).map(([key, value, path]) =>
      readOffer(key, value, path, OFFER_FIELDS, annual, issues),
    ),
    addons: entries(root.addOns, ["addOns"], issues).map(([key, value, path]) =>
      readAddon(key, value, path, annual, issues),
    ),
  };
}

/** Syntax 2.1+ names the format in `syntaxVersion` and the pricing in `version`; before, `version` was the format's. */
function pricingVersion(root: Mapping): string | undefined {
  const version = textOf(typeof root.version === "number" ? String(root.version) : root.version);
  return root.syntaxVersion === undefined && version !== undefined && /^[0-9]+\.[0-9]+$/.test(version)
    ? undefined
    : version;
}

function readCurrency(value: unknown, issues: Issues): string {
  const code = textOf(value)?.toUpperCase();
  if (code && /^[A-Z]{3}$/.test(code)) return code;
  issues.add("import.invalid", ["currency"], "currency must be an ISO 4217 code such as USD or EUR; USD is used");
  return "USD";
}

/** A map's entries, or a list's (syntax 1.x also wrote plans as a list of `{ name, … }`). */
function entries(value: unknown, path: DocPath, issues: Issues): [string, Mapping, DocPath][] {
  if (Array.isArray(value)) {
    return value.flatMap((item, i): [string, Mapping, DocPath][] => {
      const name = isMapping(item) ? textOf(item.name) : undefined;
      if (name && isMapping(item)) return [[name, item, [...path, i]]];
      issues.add("import.invalid", [...path, i], `${[...path, i].join(".")} must be a mapping with a name`);
      return [];
    });
  }
  return Object.entries(mappingAt(value, path, issues)).map(([key, item]) => [
    key,
    mappingAt(item, [...path, key], issues),
    [...path, key],
  ]);
}

function readFeature(key: string, item: Mapping, path: DocPath, issues: Issues): FeatureSource {
  reportOtherFields(
    item,
    path,
    FEATURE_FIELDS,
    issues,
    "a rule set's entitlements carry a name, description, unit and values only",
  );
  return {
    key,
    path,
    ...optional("description", textOf(item.description)),
    valueType: item.valueType,
    defaultValue: item.defaultValue,
  };
}

function readLimit(key: string, item: Mapping, path: DocPath, issues: Issues): LimitSource {
  reportOtherFields(
    item,
    path,
    LIMIT_FIELDS,
    issues,
    "a rule set's limits and quotas carry a name, description, unit and values only",
  );
  return {
    key,
    path,
    ...optional("description", textOf(item.description)),
    valueType: item.valueType,
    defaultValue: item.defaultValue,
    ...optional("unit", textOf(item.unit)),
    monthly: renewsMonthly(item, path, issues),
    linkedFeatures: namesAt(item.linkedFeatures, [...path, "linkedFeatures"], issues) ?? [],
  };
}

/** RENEWABLE limits reset every period (default: one month); only a monthly one is a monthly quota. */
function renewsMonthly(item: Mapping, path: DocPath, issues: Issues): boolean {
  if (item.type !== "RENEWABLE") {
    if (item.type !== "NON_RENEWABLE")
      issues.unmapped(
        [...path, "type"],
        `the limit type ${item.type === undefined ? "(none)" : kindOf(item.type)} is imported as a standing limit`,
      );
    return false;
  }
  if (item.period === undefined || item.period === null) return true;
  const period = mappingAt(item.period, [...path, "period"], issues);
  if ((period.value === 1 || period.value === undefined) && period.unit === "MONTH") return true;
  issues.unmapped(
    [...path, "period"],
    "a quota renews every calendar month; this limit is imported as a standing limit",
  );
  return false;
}

function readOffer(
  key: string,
  item: Mapping,
  path: DocPath,
  fields: ReadonlySet<string>,
  annualBilled: boolean,
  issues: Issues,
): OfferSource {
  reportOtherFields(item, path, fields, issues, "it has no counterpart in a rule set");
  const priceField = item.price === undefined || item.price === null ? "monthlyPrice" : "price";
  const price = readPrice(item[priceField], [...path, priceField], issues);
  if (
    priceField === "price" &&
    item.monthlyPrice !== undefined &&
    item.monthlyPrice !== null &&
    decimalText(item.monthlyPrice) !== decimalText(item.price)
  ) {
    issues.unmapped([...path, "monthlyPrice"], "price is given too, and differs");
  }
  const hasAnnual = item.annualPrice !== undefined && item.annualPrice !== null;
  if (hasAnnual && !annualBilled)
    issues.unmapped(
      [...path, "annualPrice"],
      "the pricing offers no annual billing (hasAnnualPayment or billing.annual)",
    );
  const annual = hasAnnual && annualBilled ? { 12: readPrice(item.annualPrice, [...path, "annualPrice"], issues) } : {};
  return {
    key,
    path,
    ...optional("description", textOf(item.description)),
    price,
    periodPrices: annual,
    ...optional("unit", textOf(item.unit)),
    features: mappingAt(item.features, [...path, "features"], issues),
    limits: mappingAt(item.usageLimits, [...path, "usageLimits"], issues),
  };
}

function readAddon(key: string, item: Mapping, path: DocPath, annualBilled: boolean, issues: Issues): AddonSource {
  const availableFor = namesAt(item.availableFor, [...path, "availableFor"], issues);
  const constraints =
    item.subscriptionConstraints === undefined || item.subscriptionConstraints === null
      ? undefined
      : mappingAt(item.subscriptionConstraints, [...path, "subscriptionConstraints"], issues);
  return {
    ...readOffer(key, item, path, ADDON_FIELDS, annualBilled, issues),
    ...optional("availableFor", availableFor),
    dependsOn: namesAt(item.dependsOn, [...path, "dependsOn"], issues) ?? [],
    excludes: namesAt(item.excludes, [...path, "excludes"], issues) ?? [],
    extensions: mappingAt(item.usageLimitsExtensions, [...path, "usageLimitsExtensions"], issues),
    ...optional("constraints", constraints),
  };
}

/** Every field outside `known` that holds something is reported with its path. */
function reportOtherFields(
  item: Mapping,
  path: DocPath,
  known: ReadonlySet<string>,
  issues: Issues,
  why: string,
): void {
  for (const [field, value] of Object.entries(item)) {
    if (known.has(field) || value === null || value === undefined || isEmpty(value)) continue;
    issues.unmapped([...path, field], why);
  }
}

function isEmpty(value: unknown): boolean {
  return (
    (Array.isArray(value) && value.length === 0) ||
    (isMapping(value) && Object.keys(value).length === 0) ||
    value === false
  );
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
