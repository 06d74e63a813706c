import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROBLEM_CODE_GROUPS } from "../src/errors/codes.js";
import { LIMITS } from "../src/guard/limits.js";
import { Decimal } from "../src/money/decimal.js";
import { nearestRank } from "../src/usage/read-meters.js";
import { renderExplanation } from "../src/render/explain.js";
import { inlineProblems, inlineQuote, inlineRuleSet } from "./inline-rules.js";
import { problemsOf, ROOT } from "./helpers.js";

/** A mode billing one meter at 1.00 a unit, so that the quote's total is the meter's month value. */
function meterMode(meter: Record<string, unknown>) {
  return {
    meters: [{ id: "hosts", name: "Hosts", unit: "host", ...meter }],
    editions: [{ id: "pro", name: "Pro", fee: "none", default: true }],
    charges: [{ id: "hosts", name: "Hosts", meter: "hosts", price: { model: "per-unit", unitPrice: 1 } }],
  };
}

const hourly = inlineRuleSet(meterMode({ aggregate: "percentile", percentile: 99, input: "hourly" }));
const daily = inlineRuleSet(meterMode({ aggregate: "percentile", percentile: 50 }));
const hoursOf = (days: number, fill: (hour: number) => number) =>
  Array.from({ length: days * 24 }, (_, hour) => fill(hour));

describe("aggregate: percentile, input: hourly", () => {
  it.each([
    // 744 hours in October: rank ⌈0.99 × 744⌉ = 737, so the highest 7 are dropped.
    ["the highest 7 of 744 hourly values dropped", hoursOf(31, (h) => (h < 7 ? 100 : h === 7 ? 55 : 40)), "55.00"],
    ["a flat month is its value", hoursOf(31, () => 12), "12.00"],
    ["the 8th highest counts when 8 hours spike", hoursOf(31, (h) => (h < 8 ? 90 : 3)), "90.00"],
  ])("%s", (_, hosts, total) => {
    expect(inlineQuote(hourly, { usage: { hosts } }).total).toBe(total);
  });

  it("names the percentile, the hour and what was dropped in the trace", () => {
    const q = inlineQuote(hourly, { usage: { hosts: hoursOf(31, (h) => (h < 7 ? 100 : h === 30 ? 55 : 40)) } });
    expect(q.trace!.map((step) => step.text).join("\n")).toContain(
      "99th percentile hosts 55 on 2 Oct 06:00 UTC, the 99th percentile (nearest rank) of 744 hourly values: the highest 7 dropped, the largest left",
    );
  });

  it.each([
    ["a day's hours short", hoursOf(30, () => 1), "has 720 hourly values, but 2026-10 has 744 hours (UTC)"],
    [
      "an hour short (hours are UTC: no daylight-saving hour)",
      hoursOf(31, () => 1).slice(1),
      "has 743 hourly values, but 2026-10 has 744 hours (UTC)",
    ],
    ["one month value", 40, "takes hourly values (a list, one per hour of the month in UTC)"],
  ])("refuses %s", (_, hosts, message) => {
    const problems = problemsOf(() => inlineQuote(hourly, { usage: { hosts } }));
    expect(problems.map((p) => p.code)).toEqual(["usage.value"]);
    expect(problems[0]!.message).toContain(message);
  });

  it("refuses more values than the longest month has hours, before reading them", () => {
    const problems = problemsOf(() => inlineQuote(hourly, { usage: { hosts: [...hoursOf(31, () => 1), 1] } }));
    expect(problems.map((p) => [p.code, p.message])).toEqual([["schema.size", expect.stringContaining("744")]]);
  });

  it("states the hourly size once: the usage schema's list limit is LIMITS.hourlyValues", () => {
    const schema = JSON.parse(readFileSync(join(ROOT, "schemas", "usage.schema.json"), "utf8")) as {
      $defs: { meterValue: { oneOf: { maxItems?: number }[] } };
    };
    expect(schema.$defs.meterValue.oneOf[1]!.maxItems).toBe(LIMITS.hourlyValues);
  });

  // 0…99 seven times and 0…19 once more: the seven 99s dropped, 98 the largest left.
  it("takes 720 values in a 30-day month", () => {
    expect(inlineQuote(hourly, { period: "2026-11", usage: { hosts: hoursOf(30, (h) => h % 100) } }).total).toBe(
      "98.00",
    );
  });

  it("works over daily values too (the median of 5 days)", () => {
    expect(inlineQuote(daily, { usage: { hosts: [9, 1, 5, 7, 3] } }).total).toBe("5.00");
  });

  it.each([
    ["0", { aggregate: "percentile", percentile: 0 }, "meter.percentile"],
    ["above 100", { aggregate: "percentile", percentile: 100.5 }, "meter.percentile"],
    ["missing", { aggregate: "percentile" }, "meter.percentile"],
    ["on a max meter", { aggregate: "max", percentile: 90 }, "meter.percentile"],
    [
      "hourly from events made into days",
      { aggregate: "max", input: "hourly", events: { type: "host_seen", daily: "max" } },
      "meter.events",
    ],
  ])("checks a percentile %s", (_, meter, code) => {
    expect(inlineProblems(meterMode(meter))).toEqual([code]);
  });

  it("is never above the maximum nor below the minimum, and monotone in P", () => {
    const values = fc.array(fc.integer({ min: 0, max: 1_000 }), { minLength: 1, maxLength: 744 });
    const p = fc.integer({ min: 1, max: 1000 }).map((tenths) => new Decimal(tenths).div(10));
    fc.assert(
      fc.property(values, p, p, (list, a, b) => {
        const compare = (x: number, y: number) => x - y;
        const [low, high] = a.lte(b) ? [a, b] : [b, a];
        const atLow = nearestRank(low, list, compare);
        const atHigh = nearestRank(high, list, compare);
        expect(atLow).toBeGreaterThanOrEqual(Math.min(...list));
        expect(atHigh).toBeLessThanOrEqual(Math.max(...list));
        expect(atLow).toBeLessThanOrEqual(atHigh);
      }),
    );
  });
});

/** Hosts at 10.00, custom metrics at 1.00 each above 100 per host. */
function allotmentMode(per: string, meters: Record<string, unknown>[] = []) {
  return {
    meters: [
      { id: "hosts", name: "Hosts", unit: "host", aggregate: "max" },
      { id: "metrics", name: "Custom metrics", unit: "metric", aggregate: "max" },
      ...meters,
    ],
    editions: [
      { id: "pro", name: "Pro", fee: "none", default: true, quotas: { metrics: { included: { per, amount: 100 } } } },
    ],
    charges: [
      { id: "hosts", name: "Hosts", meter: "hosts", price: { model: "per-unit", unitPrice: 10 } },
      { id: "metrics", name: "Custom metrics", meter: "metrics", price: { model: "per-unit", unitPrice: 1 } },
    ],
  };
}

describe("included: { per: METER, amount: N }", () => {
  const rules = inlineRuleSet(allotmentMode("hosts"));
  const metricsLine = (usage: Record<string, unknown>) =>
    inlineQuote(rules, { usage }).lines.find((line) => line.id === "metrics")?.amount ?? "0.00";

  it.each([
    [{ hosts: 40, metrics: 4500 }, "500.00"],
    [{ hosts: 45, metrics: 4500 }, "0.00"],
    [{ hosts: [30, 50, 20], metrics: 5100 }, "100.00"],
    [{ hosts: 0, metrics: 7 }, "7.00"],
  ])("%j: metrics above 100 per host cost %s", (usage, amount) => {
    expect(metricsLine(usage)).toBe(amount);
  });

  it.each([
    ["hosts", { id: "hosts" }, "100 metrics per host × 40 hosts = 4,000 metrics"],
    [
      "storage",
      { id: "storage", name: "Storage", unit: "GB", plural: "GB", aggregate: "max" },
      "100 metrics per GB of storage × 40 GB = 4,000 metrics",
    ],
    [
      "sms",
      { id: "sms", name: "SMS", unit: "message", aggregate: "sum" },
      "100 metrics per message of SMS × 40 messages = 4,000 metrics",
    ],
  ])("names the unit of an allotment per %s, and the meter when its unit does not", (per, meter, says) => {
    const extra = per === "hosts" ? [] : [meter];
    const q = inlineQuote(inlineRuleSet(allotmentMode(per, extra)), { usage: { hosts: 1, [per]: 40, metrics: 4500 } });
    expect(q.lines.find((l) => l.id === "metrics")?.explanation).toContain(`Pro includes ${says};`);
  });

  it("says how the allotment was reached", () => {
    const q = inlineQuote(rules, { usage: { hosts: 40, metrics: 4500 } });
    const line = q.lines.find((l) => l.id === "metrics")!;
    expect(line.explanation).toContain("Pro includes 100 metrics per host × 40 hosts = 4,000 metrics;");
    expect(q.trace!.map((s) => s.text)).toContain(
      "peak custom metrics 4,500 − 4,000 included (100 metrics per host × 40 hosts) = 500 × 1.00 = 500.00",
    );
  });

  it.each([
    ["a meter that does not exist", allotmentMode("servers"), ["ref.unknown-meter"]],
    [
      "a meter with dimensions",
      allotmentMode("regions", [
        {
          id: "regions",
          name: "Regions",
          unit: "region",
          aggregate: "max",
          dimensions: [{ id: "zone", name: "Zone", values: ["eu", "us"] }],
        },
      ]),
      ["quota.per"],
    ],
  ])("refuses an allotment per %s", (_, mode, codes) => {
    expect(inlineProblems(mode)).toEqual(codes);
  });

  it("more hosts never cost more metrics", () => {
    const n = fc.integer({ min: 0, max: 100_000 });
    fc.assert(
      fc.property(n, n, n, (hosts, more, metrics) => {
        const fewer = new Decimal(metricsLine({ hosts, metrics }));
        expect(new Decimal(metricsLine({ hosts: hosts + more, metrics })).lte(fewer)).toBe(true);
      }),
    );
  });
});

/** A 20.00 fee per seat, requests at 0.01 and storage at 1.00 per GB; the spend limit as given. */
function spendMode(maximumSpend?: unknown) {
  return {
    meters: [
      { id: "seats", name: "Seats", unit: "seat", aggregate: "max" },
      { id: "requests", name: "Requests", unit: "request", aggregate: "sum" },
      { id: "storage", name: "Storage", unit: "GB", plural: "GB", aggregate: "max" },
    ],
    editions: [
      {
        id: "team",
        name: "Team",
        fee: { unitPrice: 20, per: "seats" },
        default: true,
        ...(maximumSpend === undefined ? {} : { maximumSpend }),
      },
    ],
    charges: [
      { id: "requests", name: "Requests", meter: "requests", price: { model: "per-unit", unitPrice: 0.01 } },
      { id: "storage", name: "Storage", meter: "storage", price: { model: "per-unit", unitPrice: 1 } },
    ],
  };
}

describe("maximumSpend: { amount, on: usage | [charge ids] }", () => {
  const usage = { seats: 10, requests: 30000, storage: 150 }; // fee 200.00, requests 300.00, storage 150.00
  const amounts = (q: { lines: { kind: string; id: string; amount: string }[]; total: string }) => [
    q.lines.map((l) => `${l.kind} ${l.id} ${l.amount}`),
    q.total,
  ];
  const lines = ["fee team 200.00", "usage requests 300.00", "usage storage 150.00"];

  it.each([
    ["on usage: the fee is always billed", { amount: 100, on: "usage" }, ["cap team -350.00"], "300.00"],
    ["on one charge: the others are not capped", { amount: 100, on: ["requests"] }, ["cap team -200.00"], "450.00"],
    ["on two charges, under the limit: no cap line", { amount: 500, on: ["requests", "storage"] }, [], "650.00"],
    ["a plain amount caps the whole quote", 600, ["cap team -50.00"], "600.00"],
  ])("%s", (_, maximumSpend, cap, total) => {
    const q = inlineQuote(inlineRuleSet(spendMode(maximumSpend)), { usage });
    expect(amounts(q)).toEqual([[...lines, ...cap], total]);
  });

  it("the lines it trims say so, and the cap line names the group", () => {
    const q = inlineQuote(inlineRuleSet(spendMode({ amount: 100, on: ["requests"] })), { usage });
    const cap = q.lines.find((l) => l.kind === "cap")!;
    expect([
      cap.description,
      q.lines.find((l) => l.id === "requests")!.note,
      q.lines.find((l) => l.id === "storage")!.note,
    ]).toEqual(["Team spend limit on requests", "trimmed by the spend limit on requests of 100.00", undefined]);
    expect(q.trace!.map((s) => s.text)).toContain("Team: requests lines 300.00 − cap 100.00 = −200.00");
  });

  // Usage 300.00 of requests and 150.00 of storage; the limit compares the capped charges' lines
  // after the discounts on them. A discount on the total is not shared out among the charges.
  it.each([
    [
      "a charge discount lowers what a limit on usage compares: 450 − 60 = 390 > 200, so −190",
      { amount: 200, on: "usage" },
      { id: "promo", name: "Promo", percent: 20, on: { charge: "requests" } },
      ["discount promo -60.00", "cap team -190.00"],
      "400.00",
    ],
    [
      "under the limit once discounted: 450 − 60 = 390 ≤ 400, no cap line",
      { amount: 400, on: "usage" },
      { id: "promo", name: "Promo", percent: 20, on: { charge: "requests" } },
      ["discount promo -60.00"],
      "590.00",
    ],
    [
      "a discount on a charge the limit does not cover changes nothing: requests 300 > 100, so −200",
      { amount: 100, on: ["requests"] },
      { id: "promo", name: "Promo", percent: 20, on: { charge: "storage" } },
      ["discount promo -30.00", "cap team -200.00"],
      "420.00",
    ],
    [
      "a discount on the total is not shared out: usage 450 > 200, so −250",
      { amount: 200, on: "usage" },
      { id: "promo", name: "Promo", percent: 10, on: "total" },
      ["discount promo -65.00", "cap team -250.00"],
      "335.00",
    ],
  ])("%s", (_, maximumSpend, discount, adjustments, total) => {
    const q = inlineQuote(inlineRuleSet({ ...spendMode(maximumSpend), discounts: [discount] }), { usage });
    expect(amounts(q)).toEqual([[...lines, ...adjustments], total]);
  });

  it("the cap's trace says it compared the lines after their discounts", () => {
    const rules = inlineRuleSet({
      ...spendMode({ amount: 200, on: "usage" }),
      discounts: [{ id: "promo", name: "Promo", percent: 20, on: { charge: "requests" } }],
    });
    const q = inlineQuote(rules, { usage });
    expect(q.trace!.map((s) => s.text)).toContain(
      "Team: usage lines after their discounts 390.00 − cap 200.00 = −190.00",
    );
  });

  const unused = {
    code: "override.unused",
    message: "the agreed terms in overrides.editions are for team; this month is on scale, so none of them apply",
  };
  it.each([
    ["terms only for an edition the month is not on: a warning, nothing applied", ["team"], "scale", [unused]],
    ["terms for the month's edition among others: applied, no warning", ["team", "scale"], "scale", []],
    ["terms for the edition changed from during the month: no warning", ["team"], "team→scale", []],
  ])("%s", (_, agreedFor, month, warnings) => {
    const mode = spendMode();
    const rules = inlineRuleSet({
      ...mode,
      editions: [...mode.editions, { id: "scale", name: "Scale", fee: 500 }],
      planChanges: { proration: "daily" },
    });
    const editions = Object.fromEntries(
      agreedFor.map((id) => [id, { maximumSpend: { amount: "50.00", on: "usage" } }]),
    );
    const q = inlineQuote(rules, {
      usage,
      overrides: { editions },
      ...(month === "scale"
        ? { edition: "scale" }
        : { edition: "team", changes: [{ on: "2026-10-16", edition: "scale" }] }),
    });
    expect(q.warnings).toEqual(warnings);
  });

  it("a customer's overrides set a limit on usage, and only that: the fee line is not the agreed price", () => {
    const q = inlineQuote(inlineRuleSet(spendMode()), {
      usage,
      overrides: { editions: { team: { maximumSpend: { amount: "120.00", on: "usage" } } } },
    });
    expect(amounts(q)).toEqual([[...lines, "cap team -330.00"], "320.00"]);
    expect(q.lines.find((l) => l.kind === "fee")!.note).toBeUndefined();
  });

  it.each([
    ["in the rules", () => inlineProblems(spendMode({ amount: 100, on: ["egress"] })), ["ref.unknown-charge"]],
    [
      "in overrides",
      () =>
        problemsOf(() =>
          inlineQuote(inlineRuleSet(spendMode()), {
            usage,
            overrides: { editions: { team: { maximumSpend: { amount: 1, on: ["egress"] } } } },
          }),
        ).map((p) => p.code),
      ["usage.override"],
    ],
  ])("refuses a limit on a charge that does not exist %s", (_, problems, codes) => {
    expect(problems()).toEqual(codes);
  });
});

describe("commitment: { quantity, meter, unitPrice }", () => {
  const withCommitment = (commitment: Record<string, unknown>) => {
    const mode = spendMode();
    return { ...mode, editions: [{ ...mode.editions[0]!, commitment }] };
  };
  const committed = inlineRuleSet(withCommitment({ quantity: 10000, meter: "requests", unitPrice: 0.008 }));

  it.each([
    [25000, "80.00", "150.00"],
    [10000, "80.00", "0.00"],
    [0, "80.00", "0.00"],
  ])(
    "%d requests: the commitment bills %s whatever the usage, above it %s at the charge's price",
    (requests, commitment, onDemand) => {
      const q = inlineQuote(committed, { usage: { seats: 1, requests, storage: 0 } });
      expect(q.lines.map((l) => [l.id, l.amount])).toEqual([
        ["team", "20.00"],
        ["team-commitment", commitment],
        ["requests", onDemand],
        ["storage", "0.00"],
      ]);
    },
  );

  it("says what was committed", () => {
    const q = inlineQuote(committed, { usage: { seats: 1, requests: 25000, storage: 0 } });
    expect(q.trace!.map((s) => s.text)).toEqual(
      expect.arrayContaining([
        "Team: 10,000 committed requests × 0.008 = 80.00, billed whatever the usage",
        "total requests 25,000 − 10,000 included (10,000 committed) = 15,000 × 0.01 = 150.00",
      ]),
    );
  });

  it.each([
    [
      "on a meter that does not exist",
      withCommitment({ quantity: 1, meter: "hosts", unitPrice: 1 }),
      ["ref.unknown-meter"],
    ],
    [
      "on a meter no charge bills",
      { ...withCommitment({ quantity: 1, meter: "seats", unitPrice: 1 }) },
      ["commitment.meter"],
    ],
  ])("refuses a commitment %s", (_, mode, codes) => {
    expect(inlineProblems(mode)).toEqual(codes);
  });

  it("refuses an agreed commitment on a meter no charge bills", () => {
    const problems = problemsOf(() =>
      inlineQuote(inlineRuleSet(spendMode()), {
        usage: { seats: 1, requests: 1, storage: 1 },
        overrides: { editions: { team: { commitment: { quantity: 1, meter: "seats", unitPrice: 1 } } } },
      }),
    );
    expect(problems.map((p) => p.code)).toEqual(["usage.override"]);
  });
});

describe("docs/dsl.md", () => {
  it("lists every problem code, once", () => {
    const reference = readFileSync(join(ROOT, "docs", "dsl.md"), "utf8");
    const listed = reference
      .slice(reference.indexOf("## Problem codes"))
      .match(/`[a-z]+(\.[a-z-]+)*`/g)!
      .map((code) => code.slice(1, -1));
    const codes = PROBLEM_CODE_GROUPS.flatMap((group) => group.codes);
    expect(listed.filter((code) => codes.includes(code as never))).toEqual(codes);
    expect(new Set(codes).size).toBe(codes.length);
  });
});

describe("small problems from writing five price lists", () => {
  const addonMode = (quantity: Record<string, unknown>) => ({
    meters: [{ id: "seats", name: "Fast Data Transfer", unit: "GB", plural: "GB", aggregate: "sum" }],
    editions: [{ id: "pro", name: "Pro", fee: 20, default: true }],
    charges: [{ id: "seats", name: "Transfer", meter: "seats", price: { model: "per-unit", unitPrice: 1 } }],
    addons: [{ id: "copilot", name: "Copilot", price: 10, quantity }],
    discounts: [{ id: "welcome", name: "Welcome", on: "total", amount: 15 }],
  });
  const rules = inlineRuleSet(addonMode({ unit: "seat" }));

  it.each([
    [
      "a quantity add-on given true: no dangling 'from 1'",
      { copilot: true },
      "usage.option",
      "copilot is bought by the seat: give quantity, a whole number, at least 1",
    ],
    ["above quantity.max: its own code", { copilot: { quantity: 3 } }, "usage.quantity", "a whole number from 1 to 2"],
  ])("%s", (_, addons, code, words) => {
    const ruleSet = code === "usage.quantity" ? inlineRuleSet(addonMode({ unit: "seat", max: 2 })) : rules;
    const problems = problemsOf(() => inlineQuote(ruleSet, { usage: { seats: 1 }, addons }));
    expect(problems.map((p) => [p.code, p.message.includes(words) ? words : p.message])).toEqual([[code, words]]);
  });

  it.each([
    [["Acme Pro", "Pro", "Pro"], "(Acme Pro):"],
    [["Acme", "Usage-based", "Team"], "(Acme, Usage-based, Team):"],
    [["Pro Suite", "Main", "Pro"], "(Pro Suite, Main):"],
  ])("explain's heading names %j without repeating them", (names, heading) => {
    const q = inlineQuote(rules, { usage: { seats: 1 } });
    const [ruleset, mode, edition] = names as [string, string, string];
    expect(renderExplanation({ ...q, names: { ruleset, mode, edition } }).split("\n")[0]).toBe(
      `Your October 2026 bill ${heading}`,
    );
  });

  it("keeps a title-case meter name's case and subtracts a negative line in the total", () => {
    const steps = inlineQuote(rules, { usage: { seats: 30 } }).trace!.map((s) => s.text);
    expect(steps).toEqual(
      expect.arrayContaining(["total Fast Data Transfer 30 × 1.00 = 30.00", "total 20.00 + 30.00 − 15.00 = 35.00 USD"]),
    );
  });
});
