import { describe, expect, it } from "vitest";
import { quote, type UsageDocument } from "../src/index.js";
import { problemsOf } from "./helpers.js";
import { inlineRuleSet } from "./inline-yaml.js";

/**
 * A meter with dimensions: cells in the order the dimensions list their values (accepted unknown
 * values last, alphabetically), the included quota taken off the cells in that order, each cell
 * priced by the first `prices` entry that matches it, a cell no entry prices left out with a
 * warning (cases chosen by mutation testing, `npm run mutate`). Amounts worked out by hand.
 */
const MODE = `meters:
  - id: tokens
    name: Model tokens
    unit: token
    aggregate: sum
    dimensions:
      - { id: model, name: Model, values: [large, small] }
      - { id: direction, name: Direction, values: [input, output], unknown: default }
editions:
  - { id: only, name: Only, fee: free, default: true, quotas: { tokens: { included: 100 } } }
charges:
  - id: tokens
    name: Tokens
    meter: tokens
    prices:
      - { match: { model: large, direction: input }, price: { model: per-unit, unitPrice: 1 } }
      - { match: { model: large }, price: { model: per-unit, unitPrice: 2 } }
      - { match: { direction: output }, price: { model: per-unit, unitPrice: 3 } }
      - { match: { direction: input }, price: { model: per-unit, unitPrice: 0.5 } }
`;
const doc = (tokens: unknown): UsageDocument => ({
  ruleset: "cells",
  period: "2026-10",
  usage: { tokens } as UsageDocument["usage"],
});

describe("a meter with dimensions", () => {
  it("orders the cells, shares the included quota in that order and prices each by its first matching entry", () => {
    const q = quote(
      inlineRuleSet("cells", MODE),
      doc({ small: { output: 50, zeta: 5, input: 30, alpha: 7 }, large: { output: 120, input: 80 } }),
      { explain: true },
    );
    // large/input 80 all included; large/output 20 included, 100 × 2.00; small/input 30 × 0.50;
    // small/output 50 × 3.00; the unknown directions alpha and zeta match no entry.
    expect(q.lines.map((line) => `${line.id} ${line.quantity} ${line.amount}`)).toEqual([
      "only 1 0.00",
      "tokens.large.input 0 0.00",
      "tokens.large.output 100 200.00",
      "tokens.small.input 30 15.00",
      "tokens.small.output 50 150.00",
    ]);
    expect(q.warnings.map((w) => w.message)).toEqual([
      "Tokens has no price for small, alpha; its 7 tokens are not priced in this quote",
      "Tokens has no price for small, zeta; its 5 tokens are not priced in this quote",
    ]);
    expect(q.trace!.find((step) => step.rule === "meter/tokens")!.text).toBe(
      "total model tokens 292, the meter's total over 6 cells: model large, direction input 80; model large, direction output 120; model small, direction input 30; model small, direction output 50; model small, direction alpha 7; model small, direction zeta 5",
    );
    expect(q.total).toBe("365.00");
  });

  it("says a single cell in the singular", () => {
    const q = quote(inlineRuleSet("cells", MODE), doc({ large: { input: 1 } }), { explain: true });
    expect(q.trace!.find((step) => step.rule === "meter/tokens")!.text).toBe(
      "total model tokens 1, the meter's total over 1 cell: model large, direction input 1",
    );
  });

  it.each([
    // meter name, aggregate, explanation's first words, the charge's trace step, the meter's trace step
    [
      "Requests",
      "sum",
      "Total requests (class hot, kind get): 3,500 units.",
      "total requests (class hot, kind get) 3,500 × 1.00 = 3,500.00",
      "total requests 4,100, the meter's total over 2 cells: class hot, kind get 3,500; class cold, kind get 600",
    ],
    [
      "SMS",
      "sum",
      "Total SMS (class hot, kind get): 3,500 units.",
      "total SMS (class hot, kind get) 3,500 × 1.00 = 3,500.00",
      "total SMS 4,100, the meter's total over 2 cells: class hot, kind get 3,500; class cold, kind get 600",
    ],
    [
      "Storage",
      "max",
      "Peak storage (class hot, kind get): 3,500 units.",
      "peak storage (class hot, kind get) 3,500 × 1.00 = 3,500.00",
      "peak storage 4,100, the meter's total over 2 cells: class hot, kind get 3,500; class cold, kind get 600",
    ],
  ])("names each cell of %s (%s) in the explanation and the trace", (name, aggregate, explained, charged, metered) => {
    const mode = `meters:
  - id: m
    name: ${name}
    unit: unit
    aggregate: ${aggregate}
    dimensions:
      - { id: class, name: Class, values: [hot, cold] }
      - { id: kind, name: Kind, values: [get, put] }
editions:
  - { id: only, name: Only, fee: free, default: true }
charges:
  - { id: m, name: Charge, meter: m, price: { model: per-unit, unitPrice: 1 } }
`;
    const q = quote(
      inlineRuleSet(`cells-${name.toLowerCase()}`, mode),
      {
        ruleset: `cells-${name.toLowerCase()}`,
        period: "2026-10",
        usage: { m: { cold: { get: 600 }, hot: { get: 3500 } } },
      },
      { explain: true },
    );
    const hot = q.lines.find((l) => l.id === "m.hot.get");
    expect([
      hot?.explanation?.split(" All ")[0],
      q.trace?.find((s) => s.rule === "charge/m")?.text,
      q.trace?.find((s) => s.rule === "meter/m")?.text,
    ]).toEqual([explained, charged, metered]);
  });

  const refused: [string, unknown, [string, (string | number)[]][]][] = [
    [
      "an unknown value of a dimension that refuses them",
      { medium: { input: 1 } },
      [["usage.dimension", ["usage", "tokens", "medium"]]],
    ],
    ["a value where a map is due", 5, [["usage.value", ["usage", "tokens"]]]],
    ["a list where the inner map is due", { large: [1, 2] }, [["usage.value", ["usage", "tokens", "large"]]]],
    ["a bad cell value", { large: { input: -1, output: 1 } }, [["usage.value", ["usage", "tokens", "large", "input"]]]],
  ];
  it.each(refused)("refuses %s, at its path", (_name, tokens, expected) => {
    const rules = inlineRuleSet("cells", MODE);
    expect(problemsOf(() => quote(rules, doc(tokens))).map((p) => [p.code, p.path])).toEqual(expected);
  });
});
