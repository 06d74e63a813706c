import { describe, expect, it } from "vitest";
import { quotePath } from "../src/evaluate/quote-frames.js";
import { inMemory } from "../src/load/source-document.js";
import { quote, type UsageDocument } from "../src/index.js";
import { planOf, problemsOf } from "./helpers.js";
import { inlineRuleSet } from "./inline-rules.js";

/**
 * A meter's cells in a document's shape (src/evaluate/frame-shapes.ts; cases chosen by mutation
 * testing): a second document whose cells differ from the first's must not be priced by the
 * first's frame. Storage is 1.00 a GB in class standard, 0.50 in class cold.
 */
const rules = inlineRuleSet({
  meters: [
    { id: "calls", name: "Calls", unit: "call", aggregate: "sum", input: "any", required: false },
    {
      id: "storage",
      name: "Storage",
      unit: "GB",
      plural: "GB",
      aggregate: "sum",
      integer: false,
      required: false,
      dimensions: [
        { id: "class", name: "Class", values: ["standard", "cold"] },
        { id: "region", name: "Region", values: ["eu", "us"] },
      ],
    },
  ],
  editions: [{ id: "only", name: "Only", fee: "none", default: true }],
  charges: [
    { id: "calls", name: "Calls", meter: "calls", price: { model: "per-unit", unitPrice: "0.01" } },
    {
      id: "storage",
      name: "Storage",
      meter: "storage",
      prices: [
        { match: { class: "standard" }, price: { model: "per-unit", unitPrice: 1 } },
        { match: { class: "cold" }, price: { model: "per-unit", unitPrice: "0.5" } },
      ],
    },
  ],
});

const doc = (usage: Record<string, unknown>): UsageDocument => ({
  ruleset: "inline",
  period: "2026-10",
  usage: usage as UsageDocument["usage"],
});

/** The total, or the problems' codes and paths. */
function outcome(usage: Record<string, unknown>): string | [string, readonly (string | number)[]][] {
  try {
    return quote(rules, doc(usage)).total;
  } catch {
    return problemsOf(() => quote(rules, doc(usage))).map((p) => [p.code, p.path]);
  }
}

describe("a second document with other cells is priced as itself, not by the first's frame", () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>, ReturnType<typeof outcome>]>([
    ["another class: 4 GB cold × 0.50", { storage: { standard: { eu: 4 } } }, { storage: { cold: { eu: 4 } } }, "2.00"],
    [
      "one more cell: 4 + 6 GB standard × 1.00",
      { storage: { standard: { eu: 4 } } },
      { storage: { standard: { eu: 4, us: 6 } } },
      "10.00",
    ],
    [
      "one more class: 4 GB standard × 1.00 + 6 GB cold × 0.50",
      { storage: { standard: { eu: 4 } } },
      { storage: { standard: { eu: 4 }, cold: { eu: 6 } } },
      "7.00",
    ],
    [
      "a map of cells where there was a list",
      { calls: [1, 2] },
      { calls: { eu: 1, us: 2 } },
      [["usage.value", ["usage", "calls"]]],
    ],
    [
      "null where there was a map of no cells",
      { storage: {} },
      { storage: null },
      [["schema.invalid", ["usage", "storage"]]],
    ],
  ])("%s", (_name, first, second, expected) => {
    outcome(first);
    expect(quotePath(planOf(rules), inMemory(doc(second)), {})).toBe("general");
    expect(outcome(second)).toEqual(expected);
  });
});
