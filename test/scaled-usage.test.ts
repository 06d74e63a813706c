import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quote, RatecardError, type UsageDocument } from "../src/index.js";
import { inlineRuleSet } from "./inline-yaml.js";

/**
 * Usage values read as scaled integers (plain decimal text, safe integers) must quote exactly as
 * when decimal.js reads them: the same value written with an exponent ("40.6e0") is never
 * scaled, so a document with one such value in a meter takes the Decimal path for that meter.
 */
const ruleSet = inlineRuleSet(
  "inline",
  `meters:
  - { id: total, name: Total, unit: GB, aggregate: sum, integer: false, input: daily, required: false }
  - { id: mean, name: Mean, unit: GB, aggregate: average, integer: false, input: daily, decimals: 6, required: false }
  - { id: ignore, name: Mean of given, unit: GB, aggregate: average, missingDays: ignore, decimals: 3, integer: false, input: daily, required: false }
  - { id: peak, name: Peak, unit: GB, aggregate: max, integer: false, input: daily, required: false }
  - { id: low, name: Low, unit: GB, aggregate: min, integer: false, input: daily, required: false }
  - { id: last, name: Last, unit: GB, aggregate: latest, integer: false, input: daily, required: false }
  - { id: p90, name: P90, unit: GB, aggregate: percentile, percentile: 90, integer: false, input: daily, required: false }
  - { id: count, name: Count, unit: call, aggregate: sum, input: any, required: false }
  - { id: one, name: One, unit: GB, aggregate: sum, integer: false, required: false }
editions:
  - { id: basic, name: Basic, fee: 0, default: true }
charges:
  - { id: total, name: Total, meter: total, price: { model: per-unit, unitPrice: 0.25 } }
  - { id: mean, name: Mean, meter: mean, price: { model: per-unit, unitPrice: 1.5 } }
  - { id: ignore, name: Ignore, meter: ignore, price: { model: per-unit, unitPrice: 2 } }
  - { id: peak, name: Peak, meter: peak, price: { model: per-unit, unitPrice: 0.1 } }
  - { id: low, name: Low, meter: low, price: { model: per-unit, unitPrice: 3 } }
  - { id: last, name: Last, meter: last, price: { model: per-unit, unitPrice: 0.5 } }
  - { id: p90, name: P90, meter: p90, price: { model: per-unit, unitPrice: 0.125 } }
  - { id: count, name: Count, meter: count, price: { model: per-unit, unitPrice: 0.0002 } }
  - { id: one, name: One, meter: one, price: { model: per-unit, unitPrice: 0.07 } }
`,
);

const SERIES = ["total", "mean", "ignore", "peak", "low", "last", "p90"] as const;

/** What `quote` gives: the explained quote as JSON, or its problems. */
function quoted(doc: UsageDocument): string {
  try {
    return JSON.stringify(quote(ruleSet, doc, { explain: true }));
  } catch (error) {
    if (error instanceof RatecardError) return JSON.stringify(error.problems);
    throw error;
  }
}

/**
 * The same document with the first plain value of every meter written with an exponent, which
 * only decimal.js reads (a meter holding any other value is read by decimal.js already).
 */
function asDecimals(doc: UsageDocument): UsageDocument {
  const usage: Record<string, unknown> = {};
  const plain = (item: unknown) => typeof item === "number" || /^[0-9.]+$/.test(String(item));
  for (const [id, value] of Object.entries(doc.usage)) {
    const items: unknown[] = Array.isArray(value) ? [...value] : [value];
    const first = items.findIndex(plain);
    if (first >= 0) items[first] = `${String(items[first])}e0`;
    usage[id] = Array.isArray(value) ? items : items[0];
  }
  return { ...doc, usage: usage as UsageDocument["usage"] };
}

/** Decimal text of up to 15 digits with up to 12 decimals, or a safe integer; sometimes one that cannot be scaled. */
const value = fc.oneof(
  fc
    .tuple(fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 6 }))
    .map(([m, k]) => (k ? `${Math.trunc(m / 10 ** k)}.${String(m % 10 ** k).padStart(k, "0")}` : String(m))),
  fc.stringMatching(/^[0-9]{1,9}(\.[0-9]{1,6})?$/),
  fc.integer({ min: 0, max: 2 ** 40 }),
  fc.constantFrom("0", "0.0", "007", "5.", ".5", "999999999999999", "0.000000000001", "1.5e2", "-1", "x"),
);

describe("usage read as scaled integers quotes as usage read by decimal.js", () => {
  it("every aggregation of a daily series, and month values", { timeout: 60_000 }, () => {
    const series = fc.array(value, { minLength: 1, maxLength: 31 });
    fc.assert(
      fc.property(fc.tuple(...SERIES.map(() => series)), value, value, (lists, count, one) => {
        const usage: Record<string, unknown> = Object.fromEntries(SERIES.map((id, i) => [id, lists[i]]));
        usage.count = count;
        usage.one = one;
        const doc = { ruleset: "inline", period: "2026-10", usage } as UsageDocument;
        expect(quoted(doc)).toBe(quoted(asDecimals(doc)));
      }),
      { numRuns: 300 },
    );
  });

  it.each<[string, unknown]>([
    ["a whole number written with a fraction", ["2.0", "3"]],
    ["a fraction of a call", ["2.5", "3"]],
    ["values that are safe alone but not at a common scale", ["9007199254740", "0.001"]],
    ["a sum past 2^53", [Number.MAX_SAFE_INTEGER, 5]],
  ])("a count meter's series with %s", (_name, count) => {
    const doc = { ruleset: "inline", period: "2026-10", usage: { count } } as UsageDocument;
    expect(quoted(doc)).toBe(quoted(asDecimals(doc)));
  });
});
