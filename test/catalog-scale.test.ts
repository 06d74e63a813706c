import fc from "fast-check";
import { loadPlan } from "../src/rulesets/load-ruleset.js";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateCatalog, type CatalogSize } from "../bench/catalog.js";
import { parseUsage } from "../src/api.js";
import { compare, optionsByEdition, type Comparison } from "../src/decide/choose.js";
import { renderComparison } from "../src/render/decisions.js";
import { evaluateOption, type EvaluateOption } from "../src/decide/evaluate-option.js";
import { scaledOptions } from "../src/decide/scaled-costs.js";
import { movingValue, usageChanges } from "../src/decide/usage-break-evens.js";
import { parsePeriod } from "../src/calendar/period.js";
import { buyableAddons } from "../src/evaluate/buyable.js";
import { quote } from "../src/evaluate/quote.js";
import { lintRuleSet } from "../src/lint/index.js";
import { BreakEvenSearch } from "../src/lint/break-even.js";
import { lintPeriod, meterCosts, type SharedCosts } from "../src/lint/meter-costs.js";
import { dominance } from "../src/lint/rules/dominance.js";
import { fill } from "../src/lint/rule.js";
import { Decimal } from "../src/money/decimal.js";
import { groupDigits } from "../src/money/format.js";
import type { AddonPlan, EditionPlan, ModePlan, Plan } from "../src/model/plan.js";
import type { MeterValue, Quantity, UsageDocument } from "../src/model/usage.js";
import { BUNDLED_DIRS, ROOT, saas, tencent } from "./helpers.js";

const scratch = mkdtempSync(join(tmpdir(), "ratecard-catalog-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let written = 0;

/** Writes a rule set's files into a fresh folder named after its id; returns the folder. */
function writeRuleSet(id: string, files: Record<string, string>): string {
  const dir = join(scratch, String(written++), id);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

// ---- The oracle: dominance as it was searched before, a full quote at every point. ----

type Cost = (edition: EditionPlan, meter: string, usage: Decimal) => Decimal | undefined;

function quotedCost(plan: Plan, mode: ModePlan): Cost {
  const period = lintPeriod(mode);
  return (edition, meter, usage) => {
    const limit = edition.quotas.get(meter)?.limit;
    if (limit && usage.gt(limit)) return undefined;
    const values = Object.fromEntries([...mode.meters.keys()].map((id) => [id, id === meter ? usage.toFixed() : "0"]));
    try {
      return new Decimal(
        quote(plan, { ruleset: plan.id, period, mode: mode.id, edition: edition.id, usage: values }).total,
      );
    } catch {
      return undefined;
    }
  };
}

function oracleCandidates(mode: ModePlan, meter: string): Decimal[] {
  const points = new Set<string>();
  const add = (value: Decimal) => {
    for (const v of [value, value.plus(1)]) if (v.gte(0)) points.add(v.toFixed());
  };
  for (const edition of mode.editions.values()) {
    const quota = edition.quotas.get(meter);
    const included = quota?.included ?? new Decimal(0);
    add(included);
    if (quota?.limit) add(quota.limit);
    for (let k = 1; k <= 20; k++) add(included.mul(k));
  }
  for (let exponent = 0; exponent <= 9; exponent++)
    for (const m of [1, 2, 5]) add(new Decimal(m).mul(new Decimal(10).pow(exponent)));
  return [...points].map((p) => new Decimal(p)).sort((a, b) => a.comparedTo(b));
}

function oracleBreakEven(cost: Cost, cheap: EditionPlan, dear: EditionPlan, meter: string, points: Decimal[]) {
  let below: Decimal | undefined;
  for (const point of points) {
    const a = cost(cheap, meter, point);
    const b = cost(dear, meter, point);
    if (!a || !b) continue;
    if (a.lte(b)) {
      below = point;
      continue;
    }
    let low = below ?? new Decimal(0);
    let high = point;
    while (high.minus(low).gt(1)) {
      const mid = low.plus(high).div(2).floor();
      const ca = cost(cheap, meter, mid);
      const cb = cost(dear, meter, mid);
      if (ca && cb && ca.gt(cb)) high = mid;
      else low = mid;
    }
    return {
      usage: high,
      cheapCost: cost(cheap, meter, high)!.toFixed(2),
      dearCost: cost(dear, meter, high)!.toFixed(2),
    };
  }
  return undefined;
}

const feeOf = (edition: EditionPlan) =>
  edition.fee.kind === "flat"
    ? edition.fee.amount
    : edition.fee.kind === "per-unit"
      ? edition.fee.unitPrice
      : new Decimal(0);

/** The dominance messages the quote-by-quote search gives, in the rule's order. */
function oracleDominance(plan: Plan): string[] {
  const messages: string[] = [];
  for (const mode of plan.versions) {
    const cost = quotedCost(plan, mode);
    const editions = [...mode.editions.values()].sort((a, b) => feeOf(a).comparedTo(feeOf(b)));
    for (const meter of mode.meters.values()) {
      editions.forEach((cheap, i) => {
        for (const dear of editions.slice(i + 1)) {
          if (!feeOf(cheap).lt(feeOf(dear))) continue;
          const found = oracleBreakEven(cost, cheap, dear, meter.id, oracleCandidates(mode, meter.id));
          if (found) {
            const data = {
              usage: groupDigits(found.usage),
              unit: meter.plural,
              meter: meter.id,
              cheap: cheap.id,
              dear: dear.id,
              cheapCost: found.cheapCost,
              dearCost: found.dearCost,
            };
            messages.push(fill(dominance.messages.dominated, data));
          }
        }
      });
    }
  }
  return messages;
}

const FINDING = /^from ([\d,]+) \S+ on (\S+), (\S+) \((\S+)\) costs more than (\S+) \((\S+)\)/;

/** A dominance message's usage, meter, editions and costs. */
function parsed(message: string) {
  const [, usage, meter, cheap, cheapCost, dear, dearCost] = FINDING.exec(message)!;
  return {
    usage: new Decimal(usage!.replaceAll(",", "")),
    meter: meter!,
    cheap: cheap!,
    cheapCost: cheapCost!,
    dear: dear!,
    dearCost: dearCost!,
  };
}

const pairOf = (message: string) => {
  const { meter, cheap, dear } = parsed(message);
  return `${meter} ${cheap} ${dear}`;
};

const dominanceOf = (dir: string) =>
  lintRuleSet(dir).flatMap((finding) => (finding.rule === "dominance" ? [finding.message] : []));

// ---- Small random price lists that exercise every pricing model, limits, caps and adjustments. ----

/** `value` once in `every` draws, else nothing. */
const rarely = <T>(value: fc.Arbitrary<T>, every: number) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: every - 1 }, { arbitrary: value, weight: 1 });
const amount = (max: number) => fc.integer({ min: 1, max: max * 100 }).map((cents) => cents / 100);
const tiers = fc
  .tuple(
    fc.integer({ min: 1, max: 50 }),
    fc.integer({ min: 1, max: 20 }),
    amount(1),
    amount(1),
    amount(1),
    fc.boolean(),
  )
  .map(([first, times, a, b, c, flat]) => [
    { upTo: first * 100, unitPrice: a, ...(flat ? { flatPrice: 5 } : {}) },
    { upTo: first * 100 * (times + 1), unitPrice: b },
    { unitPrice: c },
  ]);
const price = fc.oneof(
  fc.record({ model: fc.constant("per-unit"), unitPrice: amount(2), per: fc.constantFrom(1, 3, 1000) }),
  fc.record({ model: fc.constant("block"), blockSize: fc.integer({ min: 1, max: 2000 }), blockPrice: amount(20) }),
  fc.record({ model: fc.constantFrom("graduated", "volume"), tiers, on: fc.constantFrom("billable", "total") }),
  fc.record({ model: fc.constant("flat"), amount: amount(30) }),
  fc.record({ model: fc.constant("percentage"), percent: fc.integer({ min: 1, max: 30 }), maximum: amount(500) }),
);
const quota = fc.record(
  { included: fc.integer({ min: 0, max: 5000 }), limit: rarely(fc.integer({ min: 0, max: 200_000 }), 3) },
  { requiredKeys: ["included"] },
);
const edition = fc.record({
  fee: fc.oneof(
    { arbitrary: fc.constantFrom("free", "none"), weight: 1 },
    { arbitrary: fc.integer({ min: 1, max: 60 }), weight: 4 },
  ),
  calls: rarely(quota, 2),
  seats: rarely(quota, 2),
  minimumSpend: rarely(fc.constant(50), 12),
  maximumSpend: rarely(fc.constant(400), 12),
});
const charge = fc.record({
  meter: fc.constantFrom("calls", "seats"),
  price,
  cap: rarely(amount(300), 4),
  some: fc.boolean(),
});
const priceList = fc.record({
  editions: fc.array(edition, { minLength: 2, maxLength: 4 }),
  charges: fc.array(charge, { minLength: 1, maxLength: 3 }),
  discount: rarely(fc.constant({ id: "launch", name: "Launch", percent: 10, on: "total" }), 12),
  roundAt: fc.constantFrom("line", "line", "line", "line", "total"),
  rounding: fc.constantFrom("half-up", "half-even", "up"),
});

function priceListFiles(list: typeof priceList extends fc.Arbitrary<infer T> ? T : never): Record<string, string> {
  const editions = list.editions.map((e, i) => {
    const quotas = Object.fromEntries(
      (["calls", "seats"] as const).flatMap((meter) => {
        const q = e[meter];
        return q
          ? [
              [
                meter,
                { included: q.included, ...(q.limit !== undefined && q.limit >= q.included ? { limit: q.limit } : {}) },
              ],
            ]
          : [];
      }),
    );
    return {
      id: `e${i}`,
      name: `E${i}`,
      fee: e.fee,
      ...(i === 0 ? { default: true } : {}),
      quotas,
      ...(e.minimumSpend ? { minimumSpend: e.minimumSpend } : {}),
      ...(e.maximumSpend ? { maximumSpend: e.maximumSpend } : {}),
    };
  });
  const charges = list.charges.map((c, k) => ({
    id: `c${k}`,
    name: `C${k}`,
    meter: c.meter,
    ...(c.some ? { editions: editions.slice(1).map((e) => e.id) } : {}),
    price: c.price,
    ...(c.cap ? { cap: c.cap } : {}),
  }));
  const mode = {
    id: "main",
    name: "Main",
    effective: { from: "2025-01-01" },
    meters: [
      { id: "calls", name: "Calls", unit: "call", aggregate: "sum" },
      { id: "seats", name: "Seats", unit: "seat", aggregate: "max" },
    ],
    editions,
    charges,
    ...(list.discount ? { discounts: [list.discount] } : {}),
  };
  const ruleset = {
    id: "random",
    name: "Random",
    money: { currency: "USD", scale: 2, rounding: list.rounding, roundAt: list.roundAt },
    billing: { cycle: "calendar-month" },
    modes: ["modes/main.yaml"],
    selection: { default: "main" },
    lint: { "non-positive-price": "off", "unused-meter": "off" },
  };
  return { "ruleset.yaml": JSON.stringify(ruleset), "modes/main.yaml": JSON.stringify(mode) };
}

describe("catalog scale: dominance from each edition's cost along a meter", () => {
  it.each(BUNDLED_DIRS)("%s: the same findings as a quote at every point", (dir) => {
    expect(dominanceOf(dir)).toEqual(oracleDominance(loadPlan(dir)));
  });

  const sizes: CatalogSize[] = [
    { addons: 10, editions: 3, meters: 10, seed: 1 },
    { addons: 20, editions: 9, meters: 12, seed: 2 },
    { addons: 5, editions: 6, meters: 8, seed: 3 },
  ];
  it.each(sizes)(
    "generated catalog %o: the same findings as a quote at every point",
    (size) => {
      const dir = writeRuleSet("generated", generateCatalog("generated", size));
      expect(dominanceOf(dir)).toEqual(oracleDominance(loadPlan(dir)));
    },
    120_000,
  );

  it("random small price lists: every break-even is a crossing, at or before the quote-by-quote search's", () => {
    let compared = 0;
    let found = 0;
    fc.assert(
      fc.property(priceList, (list) => {
        const dir = writeRuleSet("random", priceListFiles(list));
        const findings = lintRuleSet(dir);
        fc.pre(!findings.some((f) => f.severity === "error"));
        const mine = findings.flatMap((f) => (f.rule === "dominance" ? [f.message] : []));
        const plan = loadPlan(dir);
        const oracle = oracleDominance(plan);
        // The search bisects between candidates and may land past the first crossing, or miss one that reverts:
        // each finding must be a crossing a quote confirms, and each of the search's at or before its own.
        const mode = plan.versions[0]!;
        const cost = quotedCost(plan, mode);
        const byPair = (messages: string[]) => new Map(messages.map((m) => [pairOf(m), m]));
        const searched = byPair(oracle);
        for (const [pair, message] of byPair(mine)) {
          const { usage, meter, cheap, cheapCost, dear, dearCost } = parsed(message);
          expect([
            cost(mode.editions.get(cheap)!, meter, usage)?.toFixed(2),
            cost(mode.editions.get(dear)!, meter, usage)?.toFixed(2),
          ]).toEqual([cheapCost, dearCost]);
          expect(new Decimal(cheapCost).gt(dearCost)).toBe(true);
          const before = searched.get(pair);
          expect(!before || usage.lte(parsed(before).usage)).toBe(true);
        }
        for (const pair of searched.keys()) expect(byPair(mine).has(pair)).toBe(true);
        compared++;
        found += mine.length;
      }),
      { numRuns: 80, seed: 25 },
    );
    // The property is only worth something if cases were compared and some had findings.
    expect(compared).toBeGreaterThan(30);
    expect(found).toBeGreaterThan(10);
  }, 240_000);
});

// ---- The exact break-even against a brute-force scan of every whole usage, quoted. ----

/** Price lists whose quotas, limits, blocks and tier edges are all small, so that every usage up to SCANNED can be quoted. */
const SCANNED = 400;
const smallTiers = fc
  .tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 4 }), amount(1), amount(1), amount(1), fc.boolean())
  .map(([first, times, a, b, c, flat]) => [
    { upTo: first * 10, unitPrice: a, ...(flat ? { flatPrice: 5 } : {}) },
    { upTo: first * 10 * (times + 1), unitPrice: b },
    { unitPrice: c },
  ]);
const smallPrice = fc.oneof(
  fc.record({
    model: fc.constant("per-unit"),
    unitPrice: fc.oneof(
      amount(2),
      fc.integer({ min: 1, max: 999 }).map((m) => m / 1000),
    ),
    per: fc.constantFrom(1, 3, 7, 10),
  }),
  fc.record({ model: fc.constant("block"), blockSize: fc.integer({ min: 1, max: 40 }), blockPrice: amount(5) }),
  fc.record({
    model: fc.constantFrom("graduated", "volume"),
    tiers: smallTiers,
    on: fc.constantFrom("billable", "total"),
  }),
  fc.record({ model: fc.constant("flat"), amount: amount(30) }),
  fc.record({ model: fc.constant("percentage"), percent: fc.integer({ min: 1, max: 30 }), maximum: amount(50) }),
);
const smallQuota = fc.record(
  { included: fc.integer({ min: 0, max: 60 }), limit: rarely(fc.integer({ min: 0, max: 500 }), 3) },
  { requiredKeys: ["included"] },
);
const smallEdition = fc.record({
  fee: fc.oneof(
    { arbitrary: fc.constantFrom("free", "none"), weight: 1 },
    { arbitrary: fc.integer({ min: 1, max: 30 }).map((fee) => fee / 2), weight: 4 },
  ),
  calls: rarely(smallQuota, 2),
  seats: rarely(smallQuota, 2),
  minimumSpend: fc.constant(undefined),
  maximumSpend: fc.constant(undefined),
});
const smallPriceList = fc.record({
  editions: fc.array(smallEdition, { minLength: 2, maxLength: 4 }),
  charges: fc.array(
    fc.record({
      meter: fc.constantFrom("calls", "seats"),
      price: smallPrice,
      cap: rarely(amount(40), 4),
      some: fc.boolean(),
    }),
    { minLength: 1, maxLength: 3 },
  ),
  roundAt: fc.constant("line"),
  rounding: fc.constantFrom("half-up", "half-even", "up"),
});

/** The first whole usage up to SCANNED at which `cheap` costs more than `dear`, each usage quoted. */
function scanned(cost: Cost, cheap: EditionPlan, dear: EditionPlan, meter: string) {
  for (let u = 0; u <= SCANNED; u++) {
    const usage = new Decimal(u);
    const a = cost(cheap, meter, usage);
    const b = cost(dear, meter, usage);
    if (a && b && a.gt(b)) return { usage: u, cheapCost: a.toFixed(), dearCost: b.toFixed() };
  }
  return undefined;
}

describe("catalog scale: the exact break-even", () => {
  it("random small price lists: the first crossing found from the pieces equals a scan quoting every usage", () => {
    let pairs = 0;
    let crossings = 0;
    fc.assert(
      fc.property(smallPriceList, (list) => {
        const plan = loadPlan(
          writeRuleSet(
            "random",
            priceListFiles({ ...list, discount: undefined } as Parameters<typeof priceListFiles>[0]),
          ),
        );
        for (const mode of plan.versions) {
          const cost = quotedCost(plan, mode);
          const shared: SharedCosts = { zero: new Map(), shapes: new Map() };
          for (const meter of mode.meters.values()) {
            const costs = meterCosts(plan, mode, meter, shared).filter((c) => c.split);
            const search = new BreakEvenSearch(() => []);
            for (const cheap of costs) {
              for (const dear of costs) {
                if (cheap === dear) continue;
                const found = search.find(cheap, dear);
                if (found?.kind === "unsettled") throw new Error(`unsettled: ${JSON.stringify(found)}`);
                const within =
                  found && found.usage.lte(SCANNED)
                    ? {
                        usage: found.usage.toNumber(),
                        cheapCost: found.cheapCost.toFixed(),
                        dearCost: found.dearCost.toFixed(),
                      }
                    : undefined;
                expect(within, `${meter.id}: ${cheap.edition.id} above ${dear.edition.id}`).toEqual(
                  scanned(cost, cheap.edition, dear.edition, meter.id),
                );
                pairs++;
                if (within) crossings++;
              }
            }
          }
        }
      }),
      { numRuns: 60, seed: 25 },
    );
    // Worth something only if many pairs were compared and many crossed.
    expect(pairs).toBeGreaterThan(200);
    expect(crossings).toBeGreaterThan(50);
  }, 600_000);
});

// ---- Buyable add-ons: the pass-by-pass search with a fresh object per add-on, as before. ----

function oracleBuyable(mode: ModePlan, edition: string): Set<string> {
  const eligible = (addon: AddonPlan, addons: Record<string, boolean>) =>
    addon.offers.get(edition)?.kind !== "not-offered" &&
    addon.eligible.every(
      (rule) => rule.readsUsage || rule.when({ app: {}, mode: mode.id, edition, period: "", addons, usage: {} }),
    );
  let buyable = new Set<string>();
  for (let pass = 0; pass <= mode.addons.size; pass++) {
    const bought = Object.fromEntries([...buyable].map((id) => [id, true]));
    const next = new Set(
      [...mode.addons.values()].filter((addon) => eligible(addon, { ...bought, [addon.id]: true })).map((a) => a.id),
    );
    if (next.size === buyable.size && [...next].every((id) => buyable.has(id))) return next;
    buyable = next;
  }
  return buyable;
}

const condition = (k: number, count: number) =>
  fc.oneof(
    fc.integer({ min: 0, max: count - 1 }).map((other) => ({ "!!": { var: `addons.a${other}` } })),
    fc.integer({ min: 0, max: count - 1 }).map((other) => ({ "!": { var: `addons.a${other}` } })),
    fc.constantFrom(0, 1, 2).map((e) => ({ "!=": [{ var: "edition" }, `e${e}`] })),
    fc.constant({ missing: [`addons.a${(k + 1) % count}`] }),
    fc.constant({ ">=": [{ var: "usage.m0" }, 5] }),
  );

describe("catalog scale: buyable add-ons", () => {
  it("equal the pass-by-pass search, negative and circular conditions included", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 7 })
          .chain((count) =>
            fc.tuple(
              fc.constant(count),
              fc.tuple(...Array.from({ length: count }, (_, k) => fc.array(condition(k, count), { maxLength: 2 }))),
            ),
          ),
        ([count, rules]) => {
          const files = generateCatalog("buyable", { addons: 1, editions: 3, meters: 1 });
          const mode = JSON.parse(files["modes/main.yaml"]!) as { addons: unknown[] };
          mode.addons = Array.from({ length: count }, (_, k) => ({
            id: `a${k}`,
            name: `A${k}`,
            price: 1,
            ...(rules[k]!.length ? { eligible: rules[k]!.map((when) => ({ when, message: "no" })) } : {}),
          }));
          const plan = loadPlan(writeRuleSet("buyable", { ...files, "modes/main.yaml": JSON.stringify(mode) }));
          const main = plan.versions[0]!;
          for (const edition of main.editions.keys())
            expect([...buyableAddons(main, edition)].sort()).toEqual([...oracleBuyable(main, edition)].sort());
        },
      ),
      { numRuns: 150, seed: 25 },
    );
  }, 120_000);
});

describe("catalog scale: generated catalogs", () => {
  it.each([
    { addons: 10, editions: 3, meters: 10 },
    { addons: 300, editions: 20, meters: 40, seed: 7 },
  ])(
    "%o is a valid rule set that check accepts",
    (size) => {
      const findings = lintRuleSet(writeRuleSet("generated", generateCatalog("generated", size)));
      expect(findings.filter((f) => f.severity === "error")).toEqual([]);
    },
    60_000,
  );
});

// ---- compare's break-even: the old search, quoting the scaled document at every probe, as the oracle. ----

const FACTORS = ["0.1", "0.25", "0.5", "0.75", "1", "1.5", "2", "3", "5", "10"].map((f) => new Decimal(f));

function oracleScaled(ruleSet: Plan, doc: UsageDocument, factor: Decimal): UsageDocument {
  const integer = (meter: string) =>
    ruleSet.versions.find((v) => v.meters.has(meter))?.meters.get(meter)?.integer ?? true;
  const scale = (meter: string, value: Quantity): string => {
    const product = new Decimal(value).mul(factor);
    return (integer(meter) ? product.ceil() : product).toFixed();
  };
  const scaleValue = (id: string, value: MeterValue): MeterValue =>
    Array.isArray(value)
      ? value.map((v) => scale(id, v))
      : typeof value === "object"
        ? Object.fromEntries(Object.entries(value).map(([key, cell]) => [key, scaleValue(id, cell)]))
        : scale(id, value);
  const scaleUsage = (usage: UsageDocument["usage"]) =>
    Object.fromEntries(Object.entries(usage).map(([id, value]) => [id, scaleValue(id, value)]));
  if (doc.months) return { ...doc, months: doc.months.map((m) => ({ ...m, usage: scaleUsage(m.usage) })) };
  return { ...doc, usage: scaleUsage(doc.usage) };
}

/** Factors and choices where the cheapest option changes, found by quoting every option at every probe. */
function oracleBreakEvens(
  ruleSet: Plan,
  doc: UsageDocument,
  { needs, keptAddons }: Pick<Comparison, "needs" | "keptAddons">,
): string[] {
  // What compare carries over: the kept add-ons, and the settings of every add-on the document buys.
  const bought = { kept: keptAddons, all: doc.addons ?? {} };
  const cheapest = (factor: Decimal) => {
    const best = optionsByEdition(ruleSet, oracleScaled(ruleSet, doc, factor), needs, undefined, bought).find(
      (o) => !o.reason,
    );
    return best
      ? `${best.mode}/${best.edition}${Object.keys(best.addons).length ? ` + ${Object.keys(best.addons).join(" + ")}` : ""}`
      : "none";
  };
  const found: string[] = [];
  let previous = { factor: FACTORS[0]!, choice: cheapest(FACTORS[0]!) };
  for (const factor of FACTORS.slice(1)) {
    const choice = cheapest(factor);
    if (choice !== previous.choice) {
      let low = previous.factor;
      let high = factor;
      while (high.minus(low).div(high).gt("0.01")) {
        const mid = low.plus(high).div(2);
        if (cheapest(mid) === previous.choice) low = mid;
        else high = mid;
      }
      found.push(`${high.toDecimalPlaces(2).toFixed()}: ${previous.choice} → ${cheapest(high)}`);
    }
    previous = { factor, choice };
  }
  return found;
}

const count = (max: number) => fc.integer({ min: 0, max });
const daily = (max: number) => fc.oneof(count(max), fc.array(count(max), { minLength: 1, maxLength: 28 }));
const tencentUsage = fc.record({ dau: daily(60_000), groups: daily(300_000), mau: count(150_000), pcc: count(8_000) });
const tencentDocument = fc.record({
  createdAt: fc.constantFrom("2019-03-01", "2022-06-01", "2024-05-01"),
  edition: fc.constantFrom(undefined, "pro", "ultimate", "standard", "premium"),
  members: fc.boolean(),
  months: fc.oneof(fc.constant(undefined), fc.array(tencentUsage, { minLength: 2, maxLength: 3 })),
  usage: tencentUsage,
});

describe("catalog scale: compare's break-even from each option's charges", () => {
  it("random tencent-im documents: the same break-evens as quoting every option at every probe", () => {
    let compared = 0;
    let found = 0;
    fc.assert(
      fc.property(tencentDocument, ({ createdAt, edition, members, months, usage }) => {
        const doc: UsageDocument = {
          ruleset: "tencent-im",
          period: "2026-10",
          app: { createdAt },
          ...(edition ? { edition } : {}),
          ...(members ? { addons: { "group-members": true } } : {}),
          usage,
          ...(months ? { months: months.map((u, i) => ({ period: `2026-0${i + 1}`, usage: u })) } : {}),
        };
        let result: ReturnType<typeof compare>;
        try {
          result = compare(tencent, doc);
        } catch {
          return fc.pre(false);
        }
        expect(result.breakEvens.map((b) => `${b.factor.toFixed()}: ${b.from} → ${b.to}`)).toEqual(
          oracleBreakEvens(tencent, doc, result),
        );
        compared++;
        found += result.breakEvens.length;
      }),
      { numRuns: 25, seed: 25 },
    );
    expect(compared).toBeGreaterThan(10);
    expect(found).toBeGreaterThan(3);
  }, 240_000);

  it.each(["tencent-im-should-i-migrate.yaml", "tencent-im-forecast.yaml", "example-saas-business.yaml"])(
    "examples/%s: the same break-evens as quoting every probe",
    (file) => {
      const source = parseUsage(readFileSync(join(ROOT, "examples", file), "utf8"), file);
      const doc = source.data as UsageDocument;
      const plan = doc.ruleset === "tencent-im" ? tencent : saas;
      const result = compare(plan, source);
      expect(result.breakEvens.map((b) => `${b.factor.toFixed()}: ${b.from} → ${b.to}`)).toEqual(
        oracleBreakEvens(plan, doc, result),
      );
    },
    60_000,
  );

  it.each([
    ["example-api", "team-seats.yaml"],
    ["example-saas", "business-everything.yaml"],
    ["infra-monitor", "pro-profiled-containers.yaml"],
    ["object-store", "flat-rate-egress-allotment.yaml"],
  ])(
    "rules/%s/examples/%s, add-ons kept as bought: the same break-evens as quoting every probe",
    (ruleSetId, file) => {
      const dir = join(ROOT, "rules", ruleSetId);
      const source = parseUsage(readFileSync(join(dir, "examples", file), "utf8"), file);
      const plan = loadPlan(dir);
      const result = compare(plan, source);
      expect(result.breakEvens.map((b) => `${b.factor.toFixed()}: ${b.from} → ${b.to}`)).toEqual(
        oracleBreakEvens(plan, source.data as UsageDocument, result),
      );
    },
    60_000,
  );
});

// ---- Hostile price lists for the exact break-even: charges that grow alike and round differently. ----

/** Two editions a cent apart in fee, with the same per-unit charge counted from different quotas. */
const parallelLines = (unitPrice: string) => ({
  "ruleset.yaml": [
    "id: parallel",
    "name: Parallel lines",
    "money: { currency: USD, scale: 2, rounding: half-up, roundAt: line }",
    "billing: { cycle: calendar-month, settlement: { days: 3 } }",
    "modes: [modes/main.yaml]",
    "selection: { rules: [], default: main }",
    "",
  ].join("\n"),
  "modes/main.yaml": [
    "id: main",
    "name: Main",
    "meters: [{ id: calls, name: API calls, unit: call, aggregate: sum }]",
    "editions:",
    "  - { id: basic, name: Basic, fee: 10, default: true }",
    "  - { id: plus, name: Plus, fee: 10.01, quotas: { calls: { included: 1000 } } }",
    "charges:",
    `  - { id: calls, name: API calls, meter: calls, price: { model: per-unit, unitPrice: ${unitPrice} } }`,
    "",
  ].join("\n"),
});

describe("catalog scale: the exact break-even on hostile price lists", () => {
  // The two lines differ by under a cent (the price of 1,000 calls), so plus never costs a cent more than basic's fee gap.
  it.each([
    [
      "never repeats: the search stops at its bound and says where",
      "0.000000012347",
      [
        /^whether basic costs more than plus on calls was not settled between [\d,]+ and 999,999,999,999,999,999,999,999 calls/,
      ],
    ],
    ["repeats every 1,000,000 calls: settled, no crossing", "0.00000001", []],
  ])(
    "parallel lines whose rounding %s",
    (_name, unitPrice, messages) => {
      const dir = writeRuleSet("parallel", parallelLines(unitPrice));
      const cpu = process.cpuUsage();
      const findings = lintRuleSet(dir).filter((f) => f.rule === "dominance");
      const used = process.cpuUsage(cpu);
      expect((used.user + used.system) / 1e6).toBeLessThan(1);
      expect(findings.map((f) => [f.path, f.source?.line])).toEqual(messages.map(() => [["editions", 0, "id"], 5]));
      findings.forEach((f, k) => expect(f.message).toMatch(messages[k]!));
    },
    30_000,
  );
});

// ---- compare's exact break-even against a scan quoting every option at every whole usage. ----

/** The cheapest choice at each whole usage of one meter from ⌈value ÷ 10⌉ to value × 10, every option quoted; where it changes. */
function scannedChanges(plan: Plan, doc: (usage: number) => UsageDocument, value: number) {
  const changes: { usage: number; from: string; to: string }[] = [];
  let previous: string | undefined;
  for (let usage = Math.ceil(value / 10); usage <= value * 10; usage++) {
    const best = optionsByEdition(plan, doc(usage), []).find((o) => !o.reason);
    const choice = best ? `${best.mode}/${best.edition}` : "none";
    if (previous !== undefined && choice !== previous) changes.push({ usage, from: previous, to: choice });
    previous = choice;
  }
  return changes;
}

describe("catalog scale: compare's exact break-even", () => {
  it("random small price lists, one usage value: the changes found from the pieces equal a scan quoting every usage, and compare places each within 1%", () => {
    let compared = 0;
    let changed = 0;
    let exact = 0;
    fc.assert(
      fc.property(
        smallPriceList,
        fc.constantFrom("calls", "seats"),
        fc.integer({ min: 1, max: 40 }),
        (list, meter, value) => {
          const plan = loadPlan(
            writeRuleSet(
              "random",
              priceListFiles({ ...list, discount: undefined } as Parameters<typeof priceListFiles>[0]),
            ),
          );
          const doc = (usage: number): UsageDocument => ({
            ruleset: "random",
            period: "2025-03",
            usage: { calls: 0, seats: 0, [meter]: usage },
          });
          const evaluate: EvaluateOption = (mode, edition, addons) =>
            evaluateOption(plan, doc(value), mode, edition, addons, []);
          const options = scaledOptions(plan, doc(value), [], () => true, evaluate);
          if (!options) return fc.pre(false);
          const moving = movingValue(options)!;
          const expected = scannedChanges(plan, doc, value);
          // Zero when no charge or limit reads the meter: then the choice never changes.
          expect([0, value]).toContain(moving.toNumber());
          const changes = moving.isZero()
            ? []
            : usageChanges(options, moving, { money: plan.money, period: parsePeriod("2025-03")! });
          expect(changes?.map((c) => ({ ...c, usage: c.usage.toNumber() }))).toEqual(expected);
          const placed = compare(plan, doc(value)).breakEvens;
          expect(placed.map((b) => `${b.from} → ${b.to}`)).toEqual(expected.map((c) => `${c.from} → ${c.to}`));
          placed.forEach((b, k) => {
            // The cheapest changes once the scaled value reaches the change's usage: just after factor (usage − 1) ÷ value.
            const from = (expected[k]!.usage - 1) / value;
            // Found from the pieces, the usage shown is the change's own; searched, it is the scaled usage at or past it.
            const shown = Number(b.usage[meter]);
            expect(b.exact ? shown === expected[k]!.usage : shown >= expected[k]!.usage).toBe(true);
            exact += b.exact ? 1 : 0;
            expect(b.factor.toNumber()).toBeGreaterThanOrEqual(from - 0.005);
            expect(b.factor.toNumber()).toBeLessThanOrEqual(from * 1.01 + 0.005);
          });
          compared++;
          changed += expected.length;
        },
      ),
      { numRuns: 120, seed: 25 },
    );
    // Worth something only if many lists were compared and the cheapest changed often.
    expect(compared).toBeGreaterThan(80);
    expect(changed).toBeGreaterThan(40);
    expect(exact).toBeGreaterThan(changed / 2);
  }, 600_000);
});

/** A rule set of two editions, in the given order: a fee of 5 and 0.10 a call, and a fee of 10 with calls free. */
const twoEditions = (order: readonly ("metered" | "flat")[]) => ({
  "ruleset.yaml": JSON.stringify({
    id: "tie",
    name: "Tie",
    money: { currency: "USD", scale: 2, rounding: "half-up", roundAt: "line" },
    billing: { cycle: "calendar-month" },
    modes: ["modes/main.yaml"],
    selection: { default: "main" },
  }),
  "modes/main.yaml": JSON.stringify({
    id: "main",
    name: "Main",
    meters: [{ id: "calls", name: "Calls", unit: "call", aggregate: "sum" }],
    editions: order.map((id, i) => ({
      id,
      name: id,
      fee: id === "metered" ? 5 : 10,
      ...(i === 0 ? { default: true } : {}),
    })),
    charges: [
      {
        id: "calls",
        name: "Calls",
        meter: "calls",
        editions: ["metered"],
        price: { model: "per-unit", unitPrice: 0.1 },
      },
    ],
  }),
});

describe("catalog scale: compare's exact break-even usage", () => {
  // 0.10 a call against a fee 5.00 higher: equal at 50 calls, the flat edition cheaper from 51. With 23 calls
  // reported the factor is bisected to within 1% (about 0.05 of 2.2), more than a call: the usage is still 51.
  it("is the first usage of the new choice, not the usage at the bisected factor", () => {
    const plan = loadPlan(writeRuleSet("tie", twoEditions(["metered", "flat"])));
    const doc: UsageDocument = { ruleset: "tie", period: "2026-03", usage: { calls: 23 } };
    const [found] = compare(plan, doc).breakEvens;
    expect(found).toMatchObject({ usage: { calls: "51" }, from: "main/metered", to: "main/flat", exact: true });
    expect(renderComparison(compare(plan, doc), "USD", 2)).toContain(
      `  from calls 51 (about ${found!.factor.toFixed()}× your usage): main/metered → main/flat`,
    );
  });
});

describe("catalog scale: compare's exact break-even on equal totals", () => {
  // At 50 calls both cost 10.00 and the edition listed first is chosen: the change is at 51 calls, or at 50.
  it.each([
    ["the metered edition listed first keeps 50 calls", ["metered", "flat"] as const, 51, "5.04"],
    ["the flat edition listed first takes 50 calls", ["flat", "metered"] as const, 50, "4.91"],
  ])("%s", (_name, order, usage, factor) => {
    const plan = loadPlan(writeRuleSet("tie", twoEditions(order)));
    const doc = (calls: number): UsageDocument => ({ ruleset: "tie", period: "2026-03", usage: { calls } });
    expect(scannedChanges(plan, doc, 10)).toEqual([{ usage, from: "main/metered", to: "main/flat" }]);
    const found = compare(plan, doc(10)).breakEvens.map((b) => [b.factor.toFixed(2), b.usage.calls, b.from, b.to]);
    expect(found).toEqual([[factor, String(usage), "main/metered", "main/flat"]]);
  });
});
