import { describe, expect, it } from "vitest";
import type { Quote } from "../src/index.js";
import { amounts, problemsOf } from "./helpers.js";
import { inlineQuote, inlineRuleSet } from "./inline-rules.js";

// Edges where a price rule changes: each row is a small rule set, a document, and the lines (or the
// refusal) that only a correct evaluator gives. Each table kills a mutant that the rest of the
// suite let live (a tier's flat price dropped, a hard limit not applied, a comparison off by one).

const CALLS = { id: "calls", name: "Calls", unit: "call", aggregate: "sum" };

/** One meter, one edition (fee 10 unless given), one charge priced by `price`. */
function charged(
  price: Record<string, unknown>,
  quota: Record<string, unknown> = {},
  edition: Record<string, unknown> = {},
) {
  return inlineRuleSet({
    meters: [CALLS],
    editions: [{ id: "plus", name: "Plus", fee: 10, default: true, quotas: { calls: quota }, ...edition }],
    charges: [{ id: "calls", name: "Calls", meter: "calls", price }],
  });
}

const quoteOf = (rules: ReturnType<typeof charged>, doc: Record<string, unknown>): Quote => inlineQuote(rules, doc);
const lineOf = (q: Quote, id: string) => q.lines.find((l) => l.id === id);

describe("graduated tiers with a flat price per tier", () => {
  const rules = charged({
    model: "graduated",
    tiers: [
      { upTo: 100, unitPrice: 1, flatPrice: 10 },
      { unitPrice: "0.5", flatPrice: 5 },
    ],
  });
  it.each([
    [0, "0.00"], // no tier reached: no flat price either
    [1, "11.00"], // 1 × 1 + 10
    [100, "110.00"], // the first tier exactly: its flat price only
    [101, "115.50"], // 100 × 1 + 10 + 1 × 0.5 + 5
    [150, "140.00"], // 100 + 10 + 25 + 5
  ])("%d calls cost %s", (calls, amount) => {
    expect(amounts(quoteOf(rules, { usage: { calls } })).calls).toBe(amount);
  });
});

describe("a hard limit caps what is billed", () => {
  const rules = charged({ model: "per-unit", unitPrice: 1 }, { included: 100, limit: 1000 });
  it.each([
    [999, "899.00", []],
    [1000, "900.00", []],
    [1001, "900.00", ["limit.exceeded"]], // the call above the limit is blocked, not billed
    [1500, "900.00", ["limit.exceeded"]],
  ])("%d calls: %s", (calls, amount, warnings) => {
    const q = quoteOf(rules, { usage: { calls } });
    expect([amounts(q).calls, q.warnings.map((w) => w.code)]).toEqual([amount, warnings]);
  });
});

describe("a flat charge is billed only when there is billable usage", () => {
  const rules = charged({ model: "flat", amount: 25 }, { included: 100 });
  it.each([
    [0, "0", "0.00"],
    [100, "0", "0.00"], // all of it included: nothing billable
    [101, "1", "25.00"],
  ])("%d calls: quantity %s, %s", (calls, quantity, amount) => {
    expect(lineOf(quoteOf(rules, { usage: { calls } }), "calls")).toMatchObject({ quantity, amount });
  });
});

describe("an add-on bought by the unit, up to its maximum", () => {
  const rules = inlineRuleSet({
    meters: [{ id: "seats", name: "Seats", unit: "seat", aggregate: "max" }],
    editions: [{ id: "plus", name: "Plus", fee: 10, default: true }],
    addons: [
      { id: "domains", name: "Domains", price: 2, quantity: { unit: "domain", max: 5 } },
      { id: "sandboxes", name: "Sandboxes", price: 3, quantity: { unit: "sandbox", max: { usage: "seats" } } },
    ],
  });
  it.each([
    ["exactly the fixed maximum", { domains: { quantity: 5 } }, { domains: "10.00" }],
    ["one under it", { domains: { quantity: 4 } }, { domains: "8.00" }],
    ["exactly the usage maximum", { sandboxes: { quantity: 3 } }, { sandboxes: "9.00" }],
  ])("%s is sold", (_, addons, lines) => {
    expect(amounts(quoteOf(rules, { usage: { seats: 3 }, addons }))).toEqual({ plus: "10.00", ...lines });
  });
  it.each([
    ["one over the fixed maximum", { domains: { quantity: 6 } }],
    ["one over the usage maximum", { sandboxes: { quantity: 4 } }],
  ])("%s is refused with its own code (usage.quantity)", (_, addons) => {
    expect(problemsOf(() => quoteOf(rules, { usage: { seats: 3 }, addons })).map((p) => p.code)).toEqual([
      "usage.quantity",
    ]);
  });
});

describe("minimum spend and spend cap: a line only when the lines are below or above", () => {
  // 10.00 fee + calls at 1.00: the lines total 10 + calls.
  const limits = (edition: Record<string, unknown>) => charged({ model: "per-unit", unitPrice: 1 }, {}, edition);
  it.each([
    [
      "below the minimum",
      { minimumSpend: 50 },
      39,
      { plus: "10.00", calls: "39.00", "plus/commitment": "1.00" },
      "50.00",
    ],
    ["exactly the minimum", { minimumSpend: 50 }, 40, { plus: "10.00", calls: "40.00" }, "50.00"],
    ["above the minimum", { minimumSpend: 50 }, 41, { plus: "10.00", calls: "41.00" }, "51.00"],
    ["a true-up that rounds to nothing", { minimumSpend: "50.004" }, 40, { plus: "10.00", calls: "40.00" }, "50.00"],
    ["below the cap", { maximumSpend: 50 }, 39, { plus: "10.00", calls: "39.00" }, "49.00"],
    ["exactly the cap", { maximumSpend: 50 }, 40, { plus: "10.00", calls: "40.00" }, "50.00"],
    ["above the cap", { maximumSpend: 50 }, 41, { plus: "10.00", calls: "41.00", "plus/cap": "-1.00" }, "50.00"],
    ["a cap line that rounds to nothing", { maximumSpend: "49.996" }, 40, { plus: "10.00", calls: "40.00" }, "50.00"],
  ])("%s", (_, edition, calls, lines, total) => {
    const q = quoteOf(limits(edition), { usage: { calls } });
    expect([
      Object.fromEntries(
        q.lines.map((l) => [l.kind === "commitment" || l.kind === "cap" ? `${l.id}/${l.kind}` : l.id, l.amount]),
      ),
      q.total,
    ]).toEqual([lines, total]);
  });
});

describe("prepaid credits stop at a zero total", () => {
  const rules = charged({ model: "per-unit", unitPrice: 1 });
  it.each([
    ["a credit larger than the total", [{ id: "a", balance: 100 }], [["a", "-25.00", "75.00 USD left"]], "0.00"],
    ["a credit exactly the total", [{ id: "a", balance: 25 }], [["a", "-25.00", "0.00 USD left"]], "0.00"],
    [
      "a second credit when nothing is due",
      [
        { id: "a", balance: 25 },
        { id: "b", balance: 5 },
      ],
      [
        ["a", "-25.00", "0.00 USD left"],
        ["b", "0.00", "5.00 USD left"],
      ],
      "0.00",
    ],
    ["a credit smaller than the total", [{ id: "a", balance: 10 }], [["a", "-10.00", "0.00 USD left"]], "15.00"],
    [
      "a balance finer than the currency draws no more than it holds",
      [{ id: "a", balance: "24.999" }],
      [["a", "-24.99", "0.01 USD left"]],
      "0.01",
    ],
  ])("%s", (_, credits, lines, total) => {
    const q = quoteOf(rules, { usage: { calls: 15 }, credits });
    expect([q.lines.filter((l) => l.kind === "credit").map((l) => [l.id, l.amount, l.note]), q.total]).toEqual([
      lines,
      total,
    ]);
  });
});

describe("discounts on the fee, and amounts off larger than what they apply to", () => {
  /** Fee `fee`, 50 calls at 1.00, a 40.00 add-on bought, and one discount. */
  const discounted = (discount: Record<string, unknown>, fee: unknown = 100) =>
    quoteOf(
      inlineRuleSet({
        meters: [CALLS],
        editions: [{ id: "plus", name: "Plus", fee, default: true }],
        charges: [{ id: "calls", name: "Calls", meter: "calls", price: { model: "per-unit", unitPrice: 1 } }],
        addons: [{ id: "support", name: "Support", price: 40 }],
        discounts: [{ id: "off", name: "Offer", ...discount }],
      }),
      { usage: { calls: 50 }, addons: { support: true } },
    );
  it.each([
    ["10% off the fee takes 10% of the fee alone", { percent: 10, on: "fee" }, 100, "-10.00", "180.00"],
    ["an amount off the fee", { amount: 30, on: "fee" }, 100, "-30.00", "160.00"],
    ["an amount off the fee larger than the fee", { amount: 500, on: "fee" }, 100, "-100.00", "90.00"],
    ["no fee line (pay as you go): nothing to discount", { percent: 50, on: "fee" }, "none", undefined, "90.00"],
    ["a free fee: nothing to discount", { amount: 5, on: "fee" }, "free", undefined, "90.00"],
    [
      "an amount off an add-on larger than the add-on",
      { amount: 55, on: { addon: "support" } },
      100,
      "-40.00",
      "150.00",
    ],
    ["an amount off a charge larger than the charge", { amount: 55, on: { charge: "calls" } }, 100, "-50.00", "140.00"],
    ["an amount off the total larger than the total", { amount: 500, on: "total" }, 100, "-190.00", "0.00"],
  ])("%s", (_, discount, fee, line, total) => {
    const q = discounted(discount, fee);
    expect([lineOf(q, "off")?.amount, q.total]).toEqual([line, total]);
  });
});
