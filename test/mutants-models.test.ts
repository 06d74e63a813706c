import { describe, expect, it } from "vitest";
import { parsePeriod } from "../src/calendar/period.js";
import { compilePrice } from "../src/compile/models/index.js";
import { Decimal } from "../src/money/decimal.js";
import type { PriceDoc } from "../src/model/document.js";
import type { MeterPlan } from "../src/model/plan.js";

/**
 * Every pricing model at its edges: tier bounds, flat prices, minimum and maximum, zero usage,
 * partial blocks, an offer's end date (cases chosen by mutation testing, `npm run mutate`).
 * Each amount is worked out by hand in the comment beside it.
 */
const meter: MeterPlan = {
  id: "calls",
  name: "Calls",
  unit: "call",
  plural: "calls",
  aggregate: "sum",
  missingDays: "zero",
  decimals: 0,
  input: "any",
  integer: false,
  required: true,
  dimensions: [],
};

function price(doc: PriceDoc, billable: string, included = "0", month = "2026-10") {
  const priced = compilePrice(doc)(new Decimal(billable), {
    meter,
    period: parsePeriod(month)!,
    included: new Decimal(included),
    scale: 2,
  });
  return {
    amount: priced.amount.toFixed(),
    quantity: priced.quantity.toFixed(),
    unitPrice: priced.unitPrice?.toFixed() ?? null,
    ...priced.words(),
    warnings: priced.warnings?.map((w) => w.code) ?? [],
    unpriced: priced.unpriced ?? false,
  };
}

const tiers = [
  { upTo: "100", unitPrice: "0.10", flatPrice: "5" },
  { upTo: "500", unitPrice: "0.05" },
  { unitPrice: "0.01", flatPrice: "1" },
];

describe("graduated: each unit at its tier, each tier used adds its flat price", () => {
  const cases: [string, string, string, "billable" | "total", string][] = [
    ["nothing", "0", "0", "billable", "0"],
    ["exactly the first tier", "100", "0", "billable", "15"], // 100 × 0.10 + 5
    ["one into the second", "101", "0", "billable", "15.05"], // 15 + 0.05
    ["into the third", "600", "0", "billable", "37"], // 15 + 400 × 0.05 + (100 × 0.01 + 1)
    ["billable counted from 0", "100", "50", "billable", "15"],
    ["on total: counted from the included 50", "100", "50", "total", "12.5"], // 50 × 0.10 + 5 + 50 × 0.05
    ["on total: all included", "0", "50", "total", "0"],
  ];
  it.each(cases)("%s: %s billable, %s included, on %s → %s", (_name, billable, included, on, amount) => {
    expect(price({ model: "graduated", tiers, on }, billable, included).amount).toBe(amount);
  });

  it("says each tier and its flat price", () => {
    expect(price({ model: "graduated", tiers }, "101").text).toBe(
      "→ graduated tiers: 100 × 0.10 + 5.00 + 1 × 0.05 = 15.05",
    );
    expect(price({ model: "graduated", tiers }, "0").text).toBe("→ graduated tiers: 0 = 0.00");
  });
});

describe("volume: the whole quantity at the tier it falls in, plus that tier's flat price", () => {
  const cases: [string, string, string, "billable" | "total", string, string | null][] = [
    ["nothing", "0", "0", "billable", "0", null],
    ["exactly the first tier's top", "100", "0", "billable", "15", "0.1"], // 100 × 0.10 + 5
    ["one past it", "101", "0", "billable", "5.05", "0.05"], // 101 × 0.05
    ["the second tier's top", "500", "0", "billable", "25", "0.05"],
    ["the open last tier", "501", "0", "billable", "6.01", "0.01"], // 501 × 0.01 + 1
    ["billable 60, tier by billable", "60", "50", "billable", "11", "0.1"], // 60 × 0.10 + 5
    ["billable 60, tier by the total 110", "60", "50", "total", "3", "0.05"], // 60 × 0.05
  ];
  it.each(cases)("%s: %s billable, %s included, on %s → %s", (_name, billable, included, on, amount, unitPrice) => {
    const priced = price({ model: "volume", tiers, on }, billable, included);
    expect([priced.amount, priced.unitPrice]).toEqual([amount, unitPrice]);
  });

  it("names the tier used", () => {
    expect(price({ model: "volume", tiers }, "501").text).toBe("→ volume tier 3 (above 500): 501 × 0.01 + 1.00 = 6.01");
    expect(price({ model: "volume", tiers }, "100").text).toBe(
      "→ volume tier 1 (up to 100): 100 × 0.10 + 5.00 = 15.00",
    );
  });
});

describe("per-unit, block, flat and percentage", () => {
  const cases: [string, PriceDoc, string, { amount: string; quantity: string }][] = [
    ["per-unit, per 1", { model: "per-unit", unitPrice: "0.3" }, "3", { amount: "0.9", quantity: "3" }],
    [
      "per-unit, per 1,000",
      { model: "per-unit", unitPrice: "2.5", per: "1000" },
      "1500",
      { amount: "3.75", quantity: "1.5" },
    ],
    ["block, nothing", { model: "block", blockSize: "1000", blockPrice: "2" }, "0", { amount: "0", quantity: "0" }],
    ["block, one unit", { model: "block", blockSize: "1000", blockPrice: "2" }, "1", { amount: "2", quantity: "1" }],
    [
      "block, exactly one block",
      { model: "block", blockSize: "1000", blockPrice: "2" },
      "1000",
      { amount: "2", quantity: "1" },
    ],
    ["block, one past", { model: "block", blockSize: "1000", blockPrice: "2" }, "1001", { amount: "4", quantity: "2" }],
    [
      "block, a fraction past",
      { model: "block", blockSize: "1000", blockPrice: "2" },
      "1000.5",
      { amount: "4", quantity: "2" },
    ],
    [
      "block of half a unit",
      { model: "block", blockSize: "0.5", blockPrice: "2" },
      "1.2",
      { amount: "6", quantity: "3" },
    ],
    [
      "block of half a unit, exactly",
      { model: "block", blockSize: "0.5", blockPrice: "2" },
      "1.5",
      { amount: "6", quantity: "3" },
    ],
    ["flat, no usage", { model: "flat", amount: "7" }, "0", { amount: "0", quantity: "0" }],
    ["flat, any usage", { model: "flat", amount: "7" }, "0.001", { amount: "7", quantity: "1" }],
    [
      "percentage, nothing: no minimum",
      { model: "percentage", percent: "2", minimum: "1", maximum: "10" },
      "0",
      { amount: "0", quantity: "0" },
    ],
    [
      "percentage, raised to the minimum",
      { model: "percentage", percent: "2", minimum: "1", maximum: "10" },
      "10",
      { amount: "1", quantity: "10" },
    ], // 0.2 → 1
    [
      "percentage, exactly the minimum",
      { model: "percentage", percent: "2", minimum: "1", maximum: "10" },
      "50",
      { amount: "1", quantity: "50" },
    ],
    [
      "percentage, between",
      { model: "percentage", percent: "2", minimum: "1", maximum: "10" },
      "100",
      { amount: "2", quantity: "100" },
    ],
    [
      "percentage, exactly the maximum",
      { model: "percentage", percent: "2", minimum: "1", maximum: "10" },
      "500",
      { amount: "10", quantity: "500" },
    ],
    [
      "percentage, capped at the maximum",
      { model: "percentage", percent: "2", minimum: "1", maximum: "10" },
      "1000",
      { amount: "10", quantity: "1000" },
    ], // 20 → 10
    ["percentage, no bounds", { model: "percentage", percent: "2" }, "1000", { amount: "20", quantity: "1000" }],
  ];
  it.each(cases)("%s", (_name, doc, billable, expected) => {
    const { amount, quantity } = price(doc, billable);
    expect({ amount, quantity }).toEqual(expected);
  });

  it("words what happened: blocks counted in the singular or plural, a flat charge with or without usage, a bound reached", () => {
    const blocks = { model: "block", blockSize: "1000", blockPrice: "2" } as PriceDoc;
    expect([price(blocks, "1").text, price(blocks, "1001").text]).toEqual([
      "→ 1 block of 1,000 calls × 2.00 = 2.00",
      "→ 2 blocks of 1,000 calls × 2.00 = 4.00",
    ]);
    expect(price({ model: "block", blockSize: "1", blockPrice: "2" }, "1").text).toBe(
      "→ 1 block of 1 call × 2.00 = 2.00",
    );
    const flat = { model: "flat", amount: "7" } as PriceDoc;
    expect([price(flat, "0").text, price(flat, "1").text]).toEqual([
      "→ no billable usage, no flat charge",
      "→ flat 7.00",
    ]);
    const percentage = { model: "percentage", percent: "2", minimum: "1", maximum: "10" } as PriceDoc;
    expect([price(percentage, "10").text, price(percentage, "50").text, price(percentage, "1000").text]).toEqual([
      "× 2% = 0.20, raised to the minimum 1.00",
      "× 2% = 1.00",
      "× 2% = 20.00, capped at the maximum 10.00",
    ]);
    expect([
      price({ model: "per-unit", unitPrice: "0.3" }, "3").text,
      price({ model: "per-unit", unitPrice: "2.5", per: "1000" }, "1500").text,
    ]).toEqual(["× 0.30 = 0.90", "× 2.50 per 1,000 = 3.75"]);
  });
});

describe("free, until a date", () => {
  const then: PriceDoc = { model: "per-unit", unitPrice: "1" };
  const cases: [string, PriceDoc, string, { amount: string; warnings: string[]; unpriced: boolean }][] = [
    [
      "ends after the month: free, no warning",
      { model: "free", note: "launch", until: "2026-11-01", then },
      "2026-10",
      { amount: "0", warnings: [], unpriced: false },
    ],
    [
      "ends on the month's last day: free, with a warning",
      { model: "free", note: "launch", until: "2026-10-31", then },
      "2026-10",
      { amount: "0", warnings: ["offer.ended"], unpriced: false },
    ],
    [
      "ends inside the month: free, with a warning",
      { model: "free", note: "launch", until: "2026-10-15", then },
      "2026-10",
      { amount: "0", warnings: ["offer.ended"], unpriced: false },
    ],
    [
      "ended on the month's first day: the later price",
      { model: "free", note: "launch", until: "2026-10-01", then },
      "2026-10",
      { amount: "5", warnings: [], unpriced: false },
    ],
    [
      "ended before the month, no later price: unpriced, with a warning",
      { model: "free", note: "launch", until: "2026-09-15" },
      "2026-10",
      { amount: "0", warnings: ["offer.ended"], unpriced: true },
    ],
    ["no end", { model: "free", note: "launch" }, "2026-10", { amount: "0", warnings: [], unpriced: false }],
  ];
  it.each(cases)("%s", (_name, doc, month, expected) => {
    const { amount, warnings, unpriced } = price(doc, "5", "0", month);
    expect({ amount, warnings, unpriced }).toEqual(expected);
  });

  it("says the offer ended on the later price's line", () => {
    expect(price({ model: "free", note: "launch", until: "2026-10-01", then }, "5").text).toBe(
      '(offer "launch" ended 2026-10-01) × 1.00 = 5.00',
    );
  });
});
