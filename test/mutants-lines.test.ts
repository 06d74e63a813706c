import { describe, expect, it } from "vitest";
import { quote, type UsageDocument } from "../src/index.js";
import { inlineRuleSet } from "./inline-yaml.js";

/**
 * A charge's monthly cap, the rounding of a line, and a trial that ends inside a month billed
 * whole (cases chosen by mutation testing, `npm run mutate`). Amounts worked out by hand.
 */
const MODE = `meters:
  - { id: calls, name: Calls, unit: call, aggregate: sum }
editions:
  - { id: pro, name: Pro, fee: 10, default: true }
charges:
  - { id: calls, name: Calls, meter: calls, price: { model: per-unit, unitPrice: 0.015 }, cap: 12 }
addons:
  - { id: backup, name: Backup, price: 5, trial: { days: 10 } }
`;
const doc = (calls: number, extra: Partial<UsageDocument> = {}): UsageDocument => ({
  ruleset: "lines",
  period: "2026-11",
  usage: { calls },
  ...extra,
});

describe("a charge's monthly cap", () => {
  const cases: [number, string, string][] = [
    [100, "1.50", "calls 100 × 0.015 = 1.50"], // 100 × 0.015
    [800, "12.00", "calls 800 × 0.015 = 12.00"], // exactly the cap: not capped
    [1001, "12.00", "calls 1,001 × 0.015 = 15.015, capped at 12 a month"], // 15.015 → 12.00
  ];
  it.each(cases)("%i calls: %s", (calls, amount, trace) => {
    const q = quote(inlineRuleSet("lines", MODE), doc(calls), { explain: true });
    expect(q.lines.find((line) => line.id === "calls")!.amount).toBe(amount);
    expect(q.trace!.find((step) => step.rule === "charge/calls")!.text).toBe(`total ${trace}`);
  });

  it("says so in the explanation only when it lowered the amount", () => {
    const rules = inlineRuleSet("lines", MODE);
    const explanation = (calls: number) =>
      quote(rules, doc(calls), { explain: true }).lines.find((line) => line.id === "calls")!.explanation!;
    expect(explanation(1001)).toBe(
      "Total calls: 1,001 calls. All 1,001 calls are billed at 0.015 each = 15.02 USD. The charge is capped at 12.00 USD a month.",
    );
    expect(explanation(800)).not.toContain("capped");
  });
});

describe("rounding a line", () => {
  it("rounds each line half-up to the currency's decimals and says so in the trace, only when it changes the amount", () => {
    const rules = inlineRuleSet("lines", MODE);
    const one = quote(rules, doc(1), { explain: true });
    expect(one.lines.find((line) => line.id === "calls")!.amount).toBe("0.02"); // 0.015 → 0.02
    expect(one.trace!.filter((step) => step.rule === "money").map((step) => step.text)).toEqual([
      "calls: 0.015 rounded half-up to 2 decimals = 0.02",
      "total 10.00 + 0.02 = 10.02 USD",
    ]);
    expect(
      quote(rules, doc(2), { explain: true })
        .trace!.filter((step) => step.rule === "money")
        .map((step) => step.text),
    ).toEqual(["total 10.00 + 0.03 = 10.03 USD"]);
  });
});

describe("a trial that ends inside a month billed whole", () => {
  it("bills the whole month and warns; a trial that ended before the month does not warn", () => {
    const rules = inlineRuleSet("lines", MODE);
    const inside = quote(rules, doc(0, { addons: { backup: { activatedAt: "2026-10-25" } } })); // free until 3 Nov
    expect(inside.lines.find((line) => line.id === "backup")!.amount).toBe("5.00");
    expect(inside.warnings.map((w) => [w.code, w.message])).toEqual([
      [
        "trial.ends-in-period",
        "Backup (backup): the free trial ends on 2026-11-03, inside 2026-11; the rules bill whole months, so the full monthly price is quoted",
      ],
    ]);
    const before = quote(rules, doc(0, { addons: { backup: { activatedAt: "2026-10-22" } } })); // free until 31 Oct
    expect([before.lines.find((line) => line.id === "backup")!.amount, before.warnings]).toEqual(["5.00", []]);
    const after = quote(rules, doc(0, { addons: { backup: { activatedAt: "2026-11-21" } } })); // free until 30 Nov
    expect([after.lines.find((line) => line.id === "backup")!.amount, after.warnings]).toEqual(["0.00", []]);
  });
});
