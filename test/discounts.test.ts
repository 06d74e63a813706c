import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Quote } from "../src/index.js";
import { Decimal } from "../src/money/decimal.js";
import { amounts } from "./helpers.js";
import { inlineQuote, inlineRuleSet, type InlineMoney } from "./inline-rules.js";

/** Plus (fee 100.00), a charge of 1.00 a request, an add-on of 40.00, and the discounts given. */
function stacked(discounts: Record<string, unknown>[], edition: Record<string, unknown> = {}) {
  return inlineRuleSet({
    meters: [{ id: "requests", name: "Requests", unit: "request", aggregate: "sum" }],
    editions: [{ id: "plus", name: "Plus", fee: 100, default: true, ...edition }],
    charges: [{ id: "requests", name: "Requests", meter: "requests", price: { model: "per-unit", unitPrice: 1 } }],
    addons: [{ id: "support", name: "Support", price: 40 }],
    discounts: discounts.map((d, i) => ({ id: `d${i + 1}`, name: `Discount ${i + 1}`, ...d })),
  });
}

const REQUESTS = { charge: "requests" };

describe("discounts stack in the order listed, each on what is left of its target", () => {
  it.each([
    // The probe's case: each 60% was taken on the whole 8,200.00, total −1,540.00.
    [
      "two 60% discounts on one charge",
      [
        { percent: 60, on: REQUESTS },
        { percent: 60, on: REQUESTS },
      ],
      { d1: "-4920.00", d2: "-1968.00" },
      "1412.00",
    ],
    [
      "a percentage, then an amount off what is left",
      [
        { percent: 50, on: REQUESTS },
        { amount: "5000", on: REQUESTS },
      ],
      { d1: "-4100.00", d2: "-4100.00" },
      "100.00",
    ],
    [
      "an amount, then a percentage of what is left",
      [
        { amount: 200, on: REQUESTS },
        { percent: 50, on: REQUESTS },
      ],
      { d1: "-200.00", d2: "-4000.00" },
      "4100.00",
    ],
    [
      "an amount off larger than its charge takes the charge and no more",
      [{ amount: 10000, on: REQUESTS }],
      { d1: "-8200.00" },
      "100.00",
    ],
    [
      "a second 100% finds nothing left and gives no line",
      [
        { percent: 100, on: REQUESTS },
        { percent: 100, on: REQUESTS },
      ],
      { d1: "-8200.00" },
      "100.00",
    ],
    [
      "discounts on other targets do not take from each other",
      [
        { percent: 100, on: REQUESTS },
        { percent: 100, on: "fee" },
      ],
      { d1: "-8200.00", d2: "-100.00" },
      "0.00",
    ],
    [
      "a total discount is on the quote after the discounts before it",
      [
        { percent: 50, on: REQUESTS },
        { percent: 50, on: "total" },
      ],
      { d1: "-4100.00", d2: "-2100.00" },
      "2100.00",
    ],
    [
      "two total discounts compound: 10% then 10% is 19%",
      [
        { percent: 10, on: "total" },
        { percent: 10, on: "total" },
      ],
      { d1: "-830.00", d2: "-747.00" },
      "6723.00",
    ],
    [
      "a charge discount after a total one takes no more than is left of the quote",
      [
        { percent: 99, on: "total" },
        { percent: 100, on: REQUESTS },
      ],
      { d1: "-8217.00", d2: "-83.00" },
      "0.00",
    ],
    [
      "an amount off the total larger than the quote",
      [
        { amount: "99999", on: "total" },
        { amount: 1, on: "fee" },
      ],
      { d1: "-8300.00" },
      "0.00",
    ],
  ])("%s", (_, discounts, expected, total) => {
    const q = inlineQuote(stacked(discounts), { usage: { requests: 8200 } });
    expect(Object.fromEntries(q.lines.filter((l) => l.kind === "discount").map((l) => [l.id, l.amount]))).toEqual(
      expected,
    );
    expect(q.total).toBe(total);
  });

  it("says what is left when earlier discounts took part of the target", () => {
    const q = inlineQuote(
      stacked([
        { percent: 60, on: REQUESTS },
        { percent: 60, on: REQUESTS },
      ]),
      { usage: { requests: 8200 } },
    );
    expect(q.trace!.find((s) => s.rule === "discount/d2")!.text).toBe("Discount 2: 60% of 3,280.00 left = −1,968.00");
    expect(q.lines.find((l) => l.id === "d2")!.explanation).toBe(
      "Discount 2: 60% off the 3,280.00 USD left after earlier discounts = −1,968.00 USD.",
    );
  });

  it("says when the quote, not the target, capped a discount", () => {
    const q = inlineQuote(
      stacked([
        { percent: 99, on: "total" },
        { percent: 100, on: REQUESTS },
      ]),
      { usage: { requests: 8200 } },
    );
    expect(q.trace!.find((s) => s.rule === "discount/d2")!.text).toBe(
      "Discount 2: 100% of 8,200.00, at most the 83.00 left of the quote = −83.00",
    );
    expect(q.lines.find((l) => l.id === "d2")!.explanation).toBe(
      "Discount 2: 100% off 8,200.00 USD, at most the 83.00 USD left to discount = −83.00 USD.",
    );
  });

  it("an add-on discount takes from the add-on's line only", () => {
    const q = inlineQuote(stacked([{ amount: 50, on: { addon: "support" } }]), {
      usage: { requests: 0 },
      addons: { support: true },
    });
    expect(amounts(q)).toEqual({ plus: "100.00", requests: "0.00", support: "40.00", d1: "-40.00" });
  });

  it("a charge discount covers every cell of a charge with dimensions", () => {
    const rules = inlineRuleSet({
      meters: [
        {
          id: "tokens",
          name: "Tokens",
          unit: "token",
          aggregate: "sum",
          dimensions: [{ id: "direction", name: "Direction", values: ["input", "output"] }],
        },
      ],
      editions: [{ id: "only", name: "Only", fee: "none", default: true }],
      charges: [
        {
          id: "tokens",
          name: "Tokens",
          meter: "tokens",
          prices: [
            { match: { direction: "input" }, price: { model: "per-unit", unitPrice: 1 } },
            { match: { direction: "output" }, price: { model: "per-unit", unitPrice: 2 } },
          ],
        },
      ],
      discounts: [{ id: "half", name: "Half off tokens", percent: 50, on: { charge: "tokens" } }],
    });
    const q = inlineQuote(rules, { usage: { tokens: { input: 10, output: 10 } } });
    expect(amounts(q)).toEqual({ "tokens.input": "10.00", "tokens.output": "20.00", half: "-15.00" });
  });
});

type Target = "total" | "fee" | { charge: string } | { addon: string };

/** What a generated rule set and document hold, to check the quote against. */
interface Case {
  money: Required<InlineMoney>;
  fee: string;
  prices: [string, string];
  addonPrices: [string, string];
  usage: [string, string];
  bought: [boolean, boolean];
  discounts: { off: { percent: string } | { amount: string }; on: Target }[];
  minimumSpend?: string;
  maximumSpend?: string;
  credits: string[];
}

/** A decimal with up to `places` decimals, at most `max` units: "1234.5", "0.07", "12". */
const decimal = (max: number, places: number) =>
  fc.tuple(fc.integer({ min: 0, max: max * 10 ** places }), fc.integer({ min: 0, max: places })).map(([n, p]) =>
    new Decimal(n)
      .div(10 ** places)
      .toDecimalPlaces(p, Decimal.ROUND_DOWN)
      .toFixed(),
  );

const TARGETS: Target[] = ["total", "fee", { charge: "a" }, { charge: "b" }, { addon: "x" }, { addon: "y" }];

const cases: fc.Arbitrary<Case> = fc.record(
  {
    money: fc.record({
      scale: fc.constantFrom(0, 2, 3),
      rounding: fc.constantFrom<Required<InlineMoney>["rounding"][]>("half-up", "half-even", "half-down", "up", "down"),
      roundAt: fc.constantFrom<("line" | "total")[]>("line", "total"),
    }),
    fee: decimal(500, 3),
    prices: fc.tuple(decimal(5, 4), decimal(5, 4)),
    addonPrices: fc.tuple(decimal(200, 3), decimal(200, 3)),
    usage: fc.tuple(decimal(100_000, 0), decimal(100_000, 0)),
    bought: fc.tuple(fc.boolean(), fc.boolean()),
    discounts: fc.array(
      fc.record({
        off: fc.oneof(
          decimal(100, 2).map((percent) => ({ percent })),
          decimal(2000, 3).map((amount) => ({ amount })),
        ),
        on: fc.constantFrom(...TARGETS),
      }),
      { maxLength: 6 },
    ),
    minimumSpend: decimal(3000, 3),
    maximumSpend: decimal(3000, 3),
    credits: fc.array(decimal(1000, 4), { maxLength: 3 }),
  },
  { requiredKeys: ["money", "fee", "prices", "addonPrices", "usage", "bought", "discounts", "credits"] },
);

function quoteCase(c: Case): Quote {
  const rules = inlineRuleSet(
    {
      meters: ["a", "b"].map((id) => ({ id, name: id, unit: "unit", aggregate: "sum" })),
      editions: [
        {
          id: "only",
          name: "Only",
          fee: c.fee,
          default: true,
          ...(c.minimumSpend ? { minimumSpend: c.minimumSpend } : {}),
          ...(c.maximumSpend ? { maximumSpend: c.maximumSpend } : {}),
        },
      ],
      charges: ["a", "b"].map((id, i) => ({
        id,
        name: id,
        meter: id,
        price: { model: "per-unit", unitPrice: c.prices[i] },
      })),
      addons: ["x", "y"].map((id, i) => ({ id, name: id, price: c.addonPrices[i] })),
      discounts: c.discounts.map((d, i) => ({ id: `d${i}`, name: `D${i}`, ...d.off, on: d.on })),
    },
    c.money,
  );
  const addons = Object.fromEntries(["x", "y"].filter((_, i) => c.bought[i]).map((id) => [id, true]));
  return inlineQuote(rules, {
    usage: { a: c.usage[0], b: c.usage[1] },
    addons,
    credits: c.credits.map((balance, i) => ({ id: `c${i}`, balance })),
  });
}

/** The lines a discount's target names: its key is `fee`, `charge/<id>` or `addon/<id>` (rule of the lines). */
function targetOf(on: Target): string {
  if (typeof on === "string") return on;
  return Object.hasOwn(on, "charge")
    ? `charge/${(on as { charge: string }).charge}`
    : `addon/${(on as { addon: string }).addon}`;
}

describe("for any rule set with discounts and credits", () => {
  it("no discount takes more than is left of its target, the total never goes below zero, and it is the sum of the lines", () => {
    fc.assert(
      fc.property(cases, (c) => {
        const q = quoteCase(c);
        const sum = (lines: Quote["lines"]) => lines.reduce((total, line) => total.plus(line.amount), new Decimal(0));
        const roundMode = {
          "half-up": Decimal.ROUND_HALF_UP,
          "half-even": Decimal.ROUND_HALF_EVEN,
          "half-down": Decimal.ROUND_HALF_DOWN,
          up: Decimal.ROUND_UP,
          down: Decimal.ROUND_DOWN,
        }[c.money.rounding];
        expect(new Decimal(q.total).eq(sum(q.lines).toDecimalPlaces(c.money.scale, roundMode))).toBe(true);
        expect(new Decimal(q.total).gte(0)).toBe(true);

        // Running down the lines, the quote never goes below zero once adjustments begin.
        let running = new Decimal(0);
        const belowZero: string[] = [];
        for (const line of q.lines) {
          running = running.plus(line.amount);
          if (line.kind !== "fee" && line.kind !== "usage" && line.kind !== "addon" && running.lt(0))
            belowZero.push(`after ${line.id}: ${running.toFixed()}`);
        }
        expect(belowZero).toEqual([]);

        // Per target, the discounts together take at most the target's lines.
        const discountsOn = new Map<string, Decimal>();
        for (const line of q.lines.filter((l) => l.kind === "discount")) {
          expect(new Decimal(line.amount).lte(0)).toBe(true);
          const key = targetOf(c.discounts[Number(line.id.slice(1))]!.on);
          discountsOn.set(key, (discountsOn.get(key) ?? new Decimal(0)).minus(line.amount));
        }
        for (const [key, taken] of discountsOn) {
          if (key === "total") continue;
          const base = sum(q.lines.filter((l) => (key === "fee" ? l.kind === "fee" : l.rule === key)));
          expect(taken.lte(base), `${key}: ${taken.toFixed()} taken of ${base.toFixed()}`).toBe(true);
        }

        // A credit draws at most its balance.
        for (const line of q.lines.filter((l) => l.kind === "credit")) {
          expect(new Decimal(line.amount).neg().lte(c.credits[Number(line.id.slice(1))]!)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  }, 120_000);
});
