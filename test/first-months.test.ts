import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { entitlements, quote, validateRuleSet, type Quote, type RuleSet } from "../src/index.js";
import { addMonths } from "../src/calendar/first-months.js";
import { amounts, problemsOf } from "./helpers.js";
import { inlineProblems, inlineRuleSet, inlineRuleSetDir } from "./inline-rules.js";

/**
 * A quota for a customer's first N months from the sign-up day, a daily free allowance, and
 * discounts counted from the sign-up day. Every expected amount is worked out by hand in its
 * case's name. Nothing here reads the clock or the time zone: the suite also runs with
 * TZ=Pacific/Kiritimati (UTC+14), where a date parsed as local time would move a day.
 */
const freeTier = (months: number): RuleSet =>
  inlineRuleSet({
    meters: [
      { id: "storage", name: "Storage", unit: "GB", plural: "GB", aggregate: "sum", integer: false },
      { id: "requests", name: "Requests", unit: "request", aggregate: "sum", required: false },
    ],
    editions: [
      {
        id: "standard",
        name: "Standard",
        fee: "none",
        default: true,
        quotas: {
          storage: { included: 5, firstMonths: months },
          requests: { included: 20000, firstMonths: months },
        },
      },
    ],
    charges: [
      { id: "storage", name: "Storage", meter: "storage", price: { model: "per-unit", unitPrice: 1 } },
      { id: "requests", name: "Requests", meter: "requests", price: { model: "per-unit", unitPrice: "0.0001" } },
    ],
  });

const tiers = new Map<number, RuleSet>();
const tierOf = (months: number) => tiers.get(months) ?? tiers.set(months, freeTier(months)).get(months)!;

function tierQuote(months: number, period: string, createdAt: string): Quote {
  const doc = { ruleset: "inline", period, app: { createdAt }, usage: { storage: 10, requests: 30000 } };
  return quote(tierOf(months), doc, { explain: true });
}

describe("a quota for the first months from the sign-up day", () => {
  // Storage: 10 GB at 1.00 less the month's share of 5 GB, rounded down to 6 decimals; requests:
  // 30,000 at 0.0001 less the month's share of 20,000, rounded down to whole requests.
  it.each([
    ["the sign-up month, whole (signed up on the 15th)", 12, "2026-01", "2026-01-15", "5.00", "1.00"],
    ["the 12th month, whole", 12, "2026-12", "2026-01-15", "5.00", "1.00"],
    [
      "the month they end: 14 of 31 days, 5 × 14/31 = 2.258064 (down) → 7.741936 → 7.74; 20,000 × 14/31 = 9,032 → 20,968 × 0.0001 → 2.10",
      12,
      "2027-01",
      "2026-01-15",
      "7.74",
      "2.10",
    ],
    ["the month after: nothing included", 12, "2027-02", "2026-01-15", "10.00", "3.00"],
    [
      "signed up on the 31st, 1 month: ends 28 Feb, 27 of 28 days, 4.821428 → 5.18; 19,285 → 10,715 → 1.07",
      1,
      "2026-02",
      "2026-01-31",
      "5.18",
      "1.07",
    ],
    [
      "signed up on the 31st, 12 months: ends 31 Jan, 30 of 31 days, 4.838709 → 5.16; 19,354 → 10,646 → 1.06",
      12,
      "2027-01",
      "2026-01-31",
      "5.16",
      "1.06",
    ],
    [
      "leap February: signed up 28 Feb 2027, ends 28 Feb 2028, 27 of 29 days, 4.655172 → 5.34; 18,620 → 11,380 → 1.14",
      12,
      "2028-02",
      "2027-02-28",
      "5.34",
      "1.14",
    ],
    [
      "signed up on 29 Feb 2028: ends 28 Feb 2029, 27 of 28 days, 4.821428 → 5.18; 19,285 → 1.07",
      12,
      "2029-02",
      "2028-02-29",
      "5.18",
      "1.07",
    ],
    ["signed up on 29 Feb 2028: March 2029 is after", 12, "2029-03", "2028-02-29", "10.00", "3.00"],
    [
      "signed up 31 Jan 2028, 1 month: ends 29 Feb (leap), 28 of 29 days, 4.827586 → 5.17; 19,310 → 10,690 → 1.07",
      1,
      "2028-02",
      "2028-01-31",
      "5.17",
      "1.07",
    ],
    ["signed up on the 1st: the month before they end is whole", 12, "2027-02", "2026-03-01", "5.00", "1.00"],
    ["signed up on the 1st: they end on the 1st, nothing in that month", 12, "2027-03", "2026-03-01", "10.00", "3.00"],
  ])("%s", (_, months, period, createdAt, storage, requests) => {
    const quoted = tierQuote(months, period, createdAt);
    expect(amounts(quoted)).toEqual({ storage, requests });
  });

  it("explains the prorated month and traces the grant", () => {
    const quoted = tierQuote(12, "2027-01", "2026-01-15");
    expect(quoted.lines[0]!.explanation).toBe(
      "Total storage: 10 GB. Standard includes 5 GB × 14/31 days (the first 12 months from sign-up end on 15 Jan 2027), rounded down to 6 decimals = 2.258064 GB; the 7.741936 GB above it are billed at 1.00 each = 7.74 USD.",
    );
    expect(quoted.trace!.find((step) => step.rule === "quota/storage")!.text).toBe(
      "Standard's 5 GB of Storage, granted in the first 12 months from sign-up on 2026-01-15 (until 2027-01-15): 14 of the month's 31 days, prorated and rounded down",
    );
    const after = tierQuote(12, "2027-02", "2026-01-15");
    expect(after.trace!.find((step) => step.rule === "quota/requests")!.text).toMatch(/: over, nothing granted$/);
  });

  it("refuses a document without the sign-up day, at app", () => {
    const doc = { ruleset: "inline", period: "2026-10", usage: { storage: 10 } };
    expect(problemsOf(() => quote(tierOf(12), doc)).map((p) => [p.code, p.path])).toEqual([["usage.date", ["app"]]]);
  });

  it.each([
    ["2026-01-31", 1, "2026-02-28"],
    ["2028-01-31", 1, "2028-02-29"],
    ["2028-02-29", 12, "2029-02-28"],
    ["2026-03-31", 1, "2026-04-30"],
    ["2026-12-15", 1, "2027-01-15"],
    ["2026-11-30", 3, "2027-02-28"],
    ["2026-01-15", 120, "2036-01-15"],
  ])("%s + %i months = %s", (date, months, ends) => {
    expect(addMonths(date, months)).toBe(ends);
  });
});

const calls = (perDay: string | number = 100, extra: Record<string, unknown> = {}) =>
  inlineRuleSet({
    meters: [
      { id: "calls", name: "Calls", unit: "call", aggregate: "sum", input: "daily", required: false },
      {
        id: "gb",
        name: "Data",
        unit: "GB",
        plural: "GB",
        aggregate: "sum",
        input: "daily",
        integer: false,
        required: false,
      },
    ],
    editions: [
      {
        id: "free",
        name: "Free",
        fee: "none",
        default: true,
        quotas: { calls: { included: { perDay }, ...extra }, gb: { included: { perDay: "0.5" } } },
      },
    ],
    charges: [
      { id: "calls", name: "Calls", meter: "calls", price: { model: "per-unit", unitPrice: "0.01" } },
      { id: "gb", name: "Data", meter: "gb", price: { model: "per-unit", unitPrice: 1 } },
    ],
  });

const allowance = calls();

describe("a daily free allowance", () => {
  it.each([
    ["each day less 100: 50 + 0 + 0 + 0 + 200 = 250 × 0.01", [150, 50, 100, 0, 300], "2.50"],
    ["every day below the allowance: nothing, and nothing carries over", [99, 99, 99], "0.00"],
    ["31 days of 101: 31 × 0.01", Array(31).fill(101), "0.31"],
    ["values as decimal strings", ["150", "250"], "2.00"],
  ])("%s", (_, values, amount) => {
    const quoted = quote(allowance, { ruleset: "inline", period: "2026-10", usage: { calls: values } });
    expect(amounts(quoted)).toEqual({ calls: amount });
  });

  it("takes a fractional allowance off fractional days: 0.2 + 0 + 1.25", () => {
    const quoted = quote(allowance, {
      ruleset: "inline",
      period: "2026-10",
      usage: { gb: ["0.7", "0.2", "1.75"] },
    });
    expect(quoted.lines[0]!.quantity).toBe("1.45");
  });

  it("explains and traces the allowance", () => {
    const quoted = quote(
      allowance,
      { ruleset: "inline", period: "2026-10", usage: { calls: [150, 50, 300] } },
      { explain: true },
    );
    expect(quoted.lines[0]!.explanation).toBe(
      "Total calls: 500 calls. Free includes the first 100 calls each day = 250 calls; the 250 calls above it are billed at 0.01 each = 2.50 USD.",
    );
    expect(quoted.trace!.find((step) => step.rule === "charge/calls")!.text).toBe(
      "total calls 500 − 250 included (the first 100 calls each day) = 250 × 0.01 = 2.50",
    );
  });

  it("in the first months only: signed up 3 Jan, 1 month, so February's first 2 days: 50 + 50 + 150", () => {
    const quoted = quote(
      calls(100, { firstMonths: 1 }),
      { ruleset: "inline", period: "2026-02", app: { createdAt: "2026-01-03" }, usage: { calls: [150, 150, 150] } },
      { explain: true },
    );
    expect(amounts(quoted)).toEqual({ calls: "2.50" });
    expect(quoted.lines[0]!.explanation).toContain(
      "the first 100 calls each day of the 2 before the first month from sign-up ends on 3 Feb 2026 = 200 calls",
    );
  });

  it("more usage on any day never costs less, and bills each day's excess", () => {
    const day = fc.integer({ min: 0, max: 5_000 });
    fc.assert(
      fc.property(fc.array(day, { minLength: 1, maxLength: 31 }), fc.nat(), day, (values, at, more) => {
        const bill = (days: number[]) =>
          quote(allowance, { ruleset: "inline", period: "2026-10", usage: { calls: days } }).total;
        const before = bill(values);
        const raised = values.map((v, i) => (i === at % values.length ? v + more : v));
        const excess = values.reduce((sum, v) => sum + Math.max(0, v - 100), 0);
        expect(Number(bill(raised))).toBeGreaterThanOrEqual(Number(before));
        expect(before).toBe((excess / 100).toFixed(2));
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});

describe("entitlements state both quotas as the rules do", () => {
  it.each([
    ["a quota of the first months", tierOf(12), "standard", "storage 5 - 12"],
    ["a daily allowance", allowance, "free", "calls - 100 -"],
  ])("%s", (_, rules, edition, held) => {
    const quota = entitlements(rules, { edition }).quotas[0]!;
    const text = [quota.meter, quota.included, quota.includedPerDay, quota.firstMonths].map(
      (v) => v?.toString() ?? "-",
    );
    expect(text.join(" ")).toBe(held);
  });
});

describe("discounts counted from the sign-up day", () => {
  const discounted = inlineRuleSet({
    meters: [{ id: "calls", name: "Calls", unit: "call", aggregate: "sum", required: false }],
    editions: [
      { id: "day", name: "Day", fee: 100, default: true },
      { id: "month", name: "Month", fee: 100 },
      { id: "amount", name: "Amount", fee: 100 },
    ],
    discounts: [
      {
        id: "intro-day",
        name: "Intro",
        percent: 50,
        on: "total",
        firstMonths: 3,
        firstMonthsFrom: "signup-day",
        editions: ["day"],
      },
      { id: "intro-month", name: "Intro", percent: 50, on: "total", firstMonths: 3, editions: ["month"] },
      {
        id: "intro-amount",
        name: "Intro",
        amount: 30,
        on: "total",
        firstMonths: 3,
        firstMonthsFrom: "signup-day",
        editions: ["amount"],
      },
    ],
  });
  const at = (edition: string, period: string, createdAt: string) =>
    quote(discounted, { ruleset: "inline", period, edition, app: { createdAt }, usage: {} }, { explain: true });

  it.each([
    ["sign-up month, whole", "day", "2026-01", "2026-01-15", "50.00"],
    ["third month, whole", "day", "2026-03", "2026-01-15", "50.00"],
    ["April: 14 of 30 days before 15 Apr, 50 × 14/30 = 23.33", "day", "2026-04", "2026-01-15", "76.67"],
    ["May: over", "day", "2026-05", "2026-01-15", "100.00"],
    ["counted from the month (the default, as before): March is the third", "month", "2026-03", "2026-01-15", "50.00"],
    ["counted from the month: April is not discounted", "month", "2026-04", "2026-01-15", "100.00"],
    ["an amount off: 30 × 14/30 = 14.00", "amount", "2026-04", "2026-01-15", "86.00"],
    [
      "signed up on the 31st: 3 months end 30 Apr, 29 of 30 days, 30 × 29/30 = 29.00",
      "amount",
      "2026-04",
      "2026-01-31",
      "71.00",
    ],
  ])("%s", (_, edition, period, createdAt, total) => {
    expect(at(edition, period, createdAt).total).toBe(total);
  });

  it("words the share of the month", () => {
    const line = at("day", "2026-04", "2026-01-15").lines.find((l) => l.kind === "discount")!;
    expect(line.explanation).toBe(
      "Intro: 50% off 100.00 USD, for the 14 of the month's 30 days before the first 3 months from sign-up end on 15 Apr 2026 = −23.33 USD.",
    );
  });

  it("refuses a document without the sign-up day", () => {
    const doc = { ruleset: "inline", period: "2026-04", usage: {} };
    expect(problemsOf(() => quote(discounted, doc)).map((p) => [p.code, p.path])).toEqual([["usage.date", ["app"]]]);
  });
});

describe("checks", () => {
  const meter = (extra: Record<string, unknown>) => ({ id: "m", name: "M", unit: "u", aggregate: "sum", ...extra });
  const mode = (meterExtra: Record<string, unknown>, quota: Record<string, unknown>, more = {}) => ({
    meters: [meterExtra.id ? meterExtra : meter(meterExtra), meter({ id: "other", input: "daily" })],
    editions: [{ id: "e", name: "E", fee: 0, default: true, quotas: { m: quota } }],
    ...more,
  });
  it.each([
    ["a daily allowance on a meter without daily values", mode({}, { included: { perDay: 1 } }), ["quota.daily"]],
    ["… on a month value meter", mode({ input: "month" }, { included: { perDay: 1 } }), ["quota.daily"]],
    [
      "… on a peak of daily values",
      mode({ input: "daily", aggregate: "max" }, { included: { perDay: 1 } }),
      ["quota.daily"],
    ],
    [
      "… on a meter with dimensions",
      mode({ input: "daily", dimensions: [{ id: "d", name: "D", values: ["a"] }] }, { included: { perDay: 1 } }),
      ["quota.daily"],
    ],
    [
      "a fractional allowance on a count meter",
      mode({ input: "daily" }, { included: { perDay: "1.5" } }),
      ["quota.fraction"],
    ],
    ["the first months with nothing included", mode({}, { limit: 5, firstMonths: 12 }), ["quota.first-months"]],
    [
      "the first months on an allotment per unit of a meter",
      mode({}, { included: { per: "other", amount: 2 }, firstMonths: 12 }),
      ["quota.first-months"],
    ],
    [
      "firstMonthsFrom without firstMonths",
      mode({}, {}, { discounts: [{ id: "x", name: "X", percent: 10, on: "total", firstMonthsFrom: "signup-day" }] }),
      ["discount.first-months"],
    ],
    ["a daily allowance on a daily sum", mode({ input: "daily" }, { included: { perDay: 1 }, firstMonths: 3 }), []],
  ])("%s", (_, rules, codes) => {
    expect(inlineProblems(rules)).toEqual(codes);
  });

  it("positions the problem at the allowance", () => {
    const problems = problemsOf(() => inlineRuleSet(mode({}, { included: { perDay: 1 } })));
    expect(problems.map((p) => [p.code, p.path, p.source?.line])).toEqual([
      ["quota.daily", ["editions", 0, "quotas", "m", "included", "perDay"], 1],
    ]);
    expect(problems[0]!.message).toBe(
      "edition e includes 1 m a day, but meter m is not read from daily values (set `input: daily`): a daily allowance is taken off each day's value",
    );
  });

  it("checks a customer's agreed daily allowance as the rules' own", () => {
    const doc = {
      ruleset: "inline",
      period: "2026-10",
      usage: { gb: ["1"] },
      overrides: { editions: { free: { quotas: { gb: { included: { perDay: 1 } } } } } },
    };
    expect(amounts(quote(allowance, doc))).toEqual({ gb: "0.00" });
    const onCounts = {
      ...doc,
      overrides: { editions: { free: { quotas: { calls: { included: { perDay: "0.5" } } } } } },
    };
    expect(problemsOf(() => quote(allowance, onCounts)).map((p) => [p.code, p.path])).toEqual([
      ["quota.fraction", ["overrides", "editions", "free", "quotas", "calls", "included", "perDay"]],
    ]);
  });

  it.each([
    ["firstMonths 0", { included: 1, firstMonths: 0 }, "schema.range"],
    ["firstMonths 121", { included: 1, firstMonths: 121 }, "schema.range"],
    ["firstMonths as text", { included: 1, firstMonths: "12" }, "schema.type"],
  ])("schema: %s", (_, quota, code) => {
    expect(inlineProblems(mode({ input: "daily" }, quota))).toEqual([code]);
  });

  // One problem per mistake: not also "missing perDay", "missing per and amount", "expected a decimal".
  it.each([
    [{ perday: 1 }, 'unknown property "perday" in editions[0].quotas.m.included; did you mean "perDay"?'],
    [{ per: "m", amout: 2 }, 'unknown property "amout" in editions[0].quotas.m.included; did you mean "amount"?'],
  ])("schema: a misspelt included %j is one problem, pointed at", (included, message) => {
    const dir = inlineRuleSetDir(mode({ input: "daily" }, { included }));
    expect(validateRuleSet(dir).map((p) => p.message)).toEqual([message]);
  });

  it("schema: an unknown firstMonthsFrom", () => {
    const discounts = [{ id: "x", name: "X", percent: 10, on: "total", firstMonths: 1, firstMonthsFrom: "signup" }];
    expect(inlineProblems(mode({}, {}, { discounts }))).toEqual(["schema.enum"]);
  });
});
