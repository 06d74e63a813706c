import type { DocPath } from "../../errors/problem.js";
import { IdSpace } from "./ids.js";
import type { Issues } from "./issues.js";
import type { FeatureSource, LimitSource, PricingSource } from "./model.js";
import { decimalText, isInfinity, isMapping, kindOf, type Mapping } from "./read-values.js";
import { otherUnitWords, seatUnit } from "./units.js";

/** A limit value in a rule set: a whole number (as text when it is large) or "unlimited". */
export type LimitValue = number | string;

/** Where a feature or usage limit went: an entitlement (standing limit, 1/0 for yes/no) or a monthly quota on a meter. */
export interface Target {
  id: string;
  kind: "entitlement" | "quota";
  source: FeatureSource;
  read(value: unknown, path: DocPath, issues: Issues): LimitValue | undefined;
}

export interface Catalog {
  entitlements: Mapping[];
  meters: Mapping[];
  /** By Pricing2Yaml name: features, then usage limits. */
  features: ReadonlyMap<string, Target>;
  limits: ReadonlyMap<string, Target>;
  /** Names declared but not imported (text values), so that values given for them are reported as such. */
  skipped: ReadonlySet<string>;
  /** The meter counting users, when a price is per user. */
  seats?: { id: string; unit: string };
}

/** Entitlements for yes/no and numeric features and standing limits; meters for monthly limits; a seats meter for per-user prices. */
export function buildCatalog(pricing: PricingSource, issues: Issues): Catalog {
  const ids = new IdSpace("limit");
  const entitlements: Mapping[] = [];
  const meters: Mapping[] = [];
  const seatWord = [...pricing.plans, ...pricing.addons]
    .map((offer) => seatUnit(offer.unit))
    .find((word) => word !== undefined);
  const seats = seatWord === undefined ? undefined : { id: ids.claim("seats"), unit: seatWord };
  if (seats) meters.push({ id: seats.id, name: `${capitalise(seats.unit)}s`, unit: seats.unit, aggregate: "max" });
  const skipped = new Set<string>();
  const features = new Map<string, Target>();
  for (const feature of pricing.features) {
    const read = reader(feature, issues);
    if (!read) {
      skipped.add(feature.key);
      continue;
    }
    const id = ids.claim(feature.key);
    entitlements.push(withText({ id, name: feature.key }, { description: feature.description }));
    features.set(feature.key, { id, kind: "entitlement", source: feature, read });
  }
  const limits = new Map<string, Target>();
  for (const limit of pricing.limits) {
    const read = reader(limit, issues);
    if (!read) {
      skipped.add(limit.key);
      continue;
    }
    const id = ids.claim(limit.key);
    const description = [limit.description, linkedText(limit)].filter(Boolean).join(" ");
    if (limit.monthly)
      meters.push(
        withText({ id, name: limit.key }, { description, unit: meterUnit(limit.unit) }, { aggregate: "sum" }),
      );
    else entitlements.push(withText({ id, name: limit.key }, { unit: limit.unit, description }));
    limits.set(limit.key, { id, kind: limit.monthly ? "quota" : "entitlement", source: limit, read });
  }
  // A mode needs a meter: a pricing with flat prices and standing limits only still counts its users.
  if (!meters.length)
    meters.push({ id: ids.claim("seats"), name: "Users", unit: "user", aggregate: "max", required: false });
  return { entitlements, meters, features, limits, skipped, ...(seats ? { seats } : {}) };
}

type Reader = Target["read"];

/** How values of this feature or limit are read, by its valueType; text values have no counterpart. */
function reader(source: FeatureSource, issues: Issues): Reader | undefined {
  const path = [...source.path, "valueType"];
  if (source.valueType === "BOOLEAN") return readYesNo;
  if (source.valueType === "NUMERIC") return readWhole;
  issues.unmapped(
    source.valueType === "TEXT" ? path : source.path,
    `${kindOf(source.valueType)} values are not limits a rule set can hold (yes/no and whole numbers only)`,
  );
  return undefined;
}

const readYesNo: Reader = (value, path, issues) => {
  if (typeof value === "boolean") return value ? 1 : 0;
  issues.add("import.invalid", path, `${path.join(".")} must be true or false, not ${kindOf(value)}`);
  return undefined;
};

const readWhole: Reader = (value, path, issues) => {
  if (isInfinity(value)) return "unlimited";
  const text = decimalText(value);
  if (text === undefined || text.startsWith("-")) {
    issues.add("import.invalid", path, `${path.join(".")} must be a number of 0 or more, not ${kindOf(value)}`);
    return undefined;
  }
  const whole = text.replace(/\.0+$/, "");
  if (whole.includes(".")) {
    issues.unmapped(path, `${text} is not a whole number, and limits count whole units`);
    return undefined;
  }
  return wholeValue(whole);
};

/** Small counts as numbers (written plainly), large ones as text (kept exactly). */
export function wholeValue(digits: string): LimitValue {
  return /^[0-9]{1,15}$/.test(digits) ? parseInt(digits, 10) : digits;
}

/** A feature or limit value given in a plan or add-on: `{ value: v }`, or the bare value. */
export function givenValue(entry: unknown): { value: unknown } | undefined {
  if (entry === null || entry === undefined) return undefined;
  if (isMapping(entry))
    return Object.hasOwn(entry, "value") && entry.value !== null ? { value: entry.value } : undefined;
  return { value: entry };
}

function linkedText(limit: LimitSource): string {
  return limit.linkedFeatures.length ? `Limits ${limit.linkedFeatures.join(", ")}.` : "";
}

/** "minute/month" counts minutes, "workspace/run/month" runs: the last word before the month. */
function meterUnit(unit: string | undefined): string {
  return otherUnitWords(unit).at(-1) ?? "unit";
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Adds the text fields that hold something: the rule set refuses empty text. */
function withText(base: Mapping, texts: Readonly<Record<string, string | undefined>>, rest: Mapping = {}): Mapping {
  const out: Mapping = { ...base };
  for (const [key, text] of Object.entries(texts)) if (text) out[key] = text;
  return { ...out, ...rest };
}
