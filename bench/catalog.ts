/**
 * Synthetic catalogs for the catalog-scale bench and tests: a valid rule set of any size, as the
 * texts of its files (JSON, which the YAML loader reads). Everything is derived from the indices
 * and a seed, so a size always gives the same catalog.
 */
import type { UsageDocument } from "../src/model/usage.js";

export interface CatalogSize {
  addons: number;
  editions: number;
  meters: number;
  /** Varies prices and quotas; the shape stays the same. */
  seed?: number;
}

/** The base catalog: 10 meters, 3 editions, 10 add-ons. */
export const BASE_CATALOG: CatalogSize = { addons: 10, editions: 3, meters: 10 };

const MODELS = ["per-unit", "block", "graduated", "volume"] as const;

/** A small deterministic generator (mulberry32), so sizes and seeds give the same catalog everywhere. */
function random(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}

const meterId = (j: number) => `m${j}`;
const editionId = (i: number) => `e${i}`;
const addonId = (k: number) => `a${k}`;

function meters(size: CatalogSize) {
  return Array.from({ length: size.meters }, (_, j) => ({
    id: meterId(j),
    name: `Meter ${j}`,
    unit: "unit",
    aggregate: j % 2 ? "sum" : "max",
  }));
}

/**
 * Edition 0 is free with hard limits; each later one costs at least 10 more and includes a few
 * meters (not those priced by volume, where a quota moves the tier), each quota worth about 4 at
 * the meter's first rate: upgrades are not free money, so a
 * dearer edition rarely undercuts a cheaper one (some still do, as in real price lists).
 */
function editions(size: CatalogSize, prices: readonly Price[], pick: (n: number) => number) {
  return Array.from({ length: size.editions }, (_, i) => {
    const quotas: Record<string, { included?: number; limit?: number }> = {};
    for (let j = 0; j < size.meters; j++) {
      if (i === 0 && j < 3) quotas[meterId(j)] = { included: 100, limit: 100 };
      else if (i > 0 && (i + j) % 7 === 0 && prices[j]!.model !== "volume")
        quotas[meterId(j)] = { included: Math.round(4 / firstRate(prices[j]!)) };
    }
    return {
      id: editionId(i),
      name: `Edition ${i}`,
      fee: i === 0 ? "free" : 10 * i + pick(3),
      ...(i === 0 ? { validity: "permanent", default: true } : {}),
      quotas,
      entitlements: { level: i },
    };
  });
}

type Price =
  | { model: "per-unit"; unitPrice: number }
  | { model: "block"; blockSize: number; blockPrice: number }
  | { model: "graduated" | "volume"; tiers: { upTo?: number; unitPrice: number }[] };

function price(j: number, pick: (n: number) => number): Price {
  const model = MODELS[j % MODELS.length]!;
  const cents = (n: number) => (1 + pick(n)) / 100;
  if (model === "per-unit") return { model, unitPrice: cents(20) };
  if (model === "block") return { model, blockSize: 100 * (1 + pick(10)), blockPrice: 1 + pick(5) };
  const upTo = 1000 * (1 + pick(10));
  return {
    model,
    tiers: [
      { upTo, unitPrice: (20 + pick(10)) / 100 },
      { upTo: upTo * 10, unitPrice: (10 + pick(10)) / 100 },
      { unitPrice: cents(10) },
    ],
  };
}

/** The price of one unit at the start. */
function firstRate(price: Price): number {
  if (price.model === "per-unit") return price.unitPrice;
  if (price.model === "block") return price.blockPrice / price.blockSize;
  return price.tiers[0]!.unitPrice;
}

/** One charge per meter; every third charge leaves out the free edition. */
function charges(size: CatalogSize, prices: readonly Price[]) {
  const paid = Array.from({ length: size.editions - 1 }, (_, i) => editionId(i + 1));
  return Array.from({ length: size.meters }, (_, j) => ({
    id: `c${j}`,
    name: `Charge ${j}`,
    meter: meterId(j),
    ...(j % 3 === 2 && paid.length ? { editions: paid } : {}),
    price: prices[j]!,
  }));
}

/**
 * Add-ons of every kind: eligibility on the edition, on another add-on (a dependency), on usage;
 * options with per-edition prices, quantities, cells not offered in some editions.
 */
function addons(size: CatalogSize, pick: (n: number) => number) {
  return Array.from({ length: size.addons }, (_, k) => {
    const eligible: { when: unknown; message: string }[] = [];
    if (k % 3 === 0 && size.editions > 1)
      eligible.push({ when: { "!=": [{ var: "edition" }, editionId(0)] }, message: "Needs a paid edition." });
    if (k % 5 === 1 && k > 0)
      eligible.push({
        when: { "!!": { var: `addons.${addonId(k - 1)}` } },
        message: `Needs add-on ${addonId(k - 1)}.`,
      });
    if (k % 13 === 4)
      eligible.push({
        when: { ">=": [{ var: `usage.${meterId(k % size.meters)}` }, 100] },
        message: "Needs some usage.",
      });
    const base = { id: addonId(k), name: `Add-on ${k}`, ...(eligible.length ? { eligible } : {}) };
    const every = (cell: (i: number) => object) =>
      Object.fromEntries(Array.from({ length: size.editions }, (_, i) => [editionId(i), cell(i)]));
    if (k % 7 === 2 && k % 70 !== 2)
      return { ...base, option: { id: "level", name: "Level" }, options: { basic: 2 + pick(5), pro: 9 + pick(5) } };
    // A few add-ons price each edition (a rule file holds at most 50,000 values, so not many).
    if (k % 70 === 2) {
      const options = (i: number) => ({ options: { basic: 2 + pick(5), pro: i === 0 ? "not-offered" : 9 + pick(5) } });
      return { ...base, option: { id: "level", name: "Level" }, editions: every(options) };
    }
    if (k % 110 === 3)
      return {
        ...base,
        editions: every((i) =>
          i === size.editions - 1 ? { offered: false, reason: "Not sold there." } : { price: 1 + pick(30) },
        ),
      };
    if (k % 17 === 5) return { ...base, quantity: { unit: "seat", max: 100 }, price: 2 + pick(5) };
    return { ...base, price: 1 + pick(50) };
  });
}

/** The files of a generated rule set with the given id, by their path in the rule-set folder. */
export function generateCatalog(id: string, size: CatalogSize): Record<string, string> {
  const pick = random(size.seed ?? 1);
  const prices = Array.from({ length: size.meters }, (_, j) => price(j, pick));
  const mode = {
    id: "main",
    name: "Main",
    effective: { from: "2025-01-01" },
    meters: meters(size),
    entitlements: [{ id: "level", name: "Level" }],
    editions: editions(size, prices, pick),
    charges: charges(size, prices),
    addons: addons(size, pick),
  };
  const ruleset = {
    id,
    name: `Generated ${id}`,
    money: { currency: "USD", scale: 2, rounding: "half-up", roundAt: "line" },
    billing: { cycle: "calendar-month" },
    modes: ["modes/main.yaml"],
    selection: { default: "main" },
  };
  return { "ruleset.yaml": JSON.stringify(ruleset), "modes/main.yaml": JSON.stringify(mode) };
}

/**
 * A forecast of `months` months of daily usage for the bundled tencent-im rule set (a Pro app of
 * the original mode, growing slowly), as `compare` weighs it: DAU and groups day by day, MAU for the
 * current mode; the cheapest choice changes between a tenth and ten times this usage.
 */
export function forecastDocument(months: number): UsageDocument {
  // From January 2023, when both billing modes are open to the app, on.
  const periods = Array.from(
    { length: months },
    (_, i) => `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`,
  );
  const forecast: Omit<UsageDocument, "period" | "usage"> = {
    ruleset: "tencent-im",
    app: { createdAt: "2016-06-01" },
    edition: "pro",
    addons: { "group-members": true },
    months: periods.map((period, i) => {
      const days = new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5)), 0)).getUTCDate();
      const grown = (base: number) => Math.round(base * (1 + i / 240));
      const daily = (base: number) => Array.from({ length: days }, (_, d) => grown(base) + 37 * ((d * 7 + i) % 11));
      return { period, usage: { dau: daily(20000), groups: daily(100000), mau: grown(55000), pcc: grown(3000) } };
    }),
  };
  // A forecast's months carry the period and usage; the type asks for them on every document.
  return forecast as UsageDocument;
}
