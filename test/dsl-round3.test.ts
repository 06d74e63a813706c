import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validateRuleSet } from "../src/index.js";
import { inlineQuote, inlineRuleSet, inlineRuleSetDir } from "./inline-rules.js";
import { problemsOf } from "./helpers.js";

/** Hosts at 10.00 above 5 included (at most 100), custom metrics at 1.00 above 100 per host, tokens by model. */
function contractMode(meters: Record<string, unknown>[] = []) {
  return {
    meters: [
      { id: "hosts", name: "Hosts", unit: "host", aggregate: "max" },
      { id: "metrics", name: "Custom metrics", unit: "metric", aggregate: "max" },
      {
        id: "tokens",
        name: "Tokens",
        unit: "token",
        aggregate: "sum",
        dimensions: [{ id: "model", name: "Model", values: ["small", "large"] }],
      },
      ...meters,
    ],
    editions: [
      {
        id: "pro",
        name: "Pro",
        fee: "none",
        default: true,
        quotas: { hosts: { included: 5, limit: 100 }, metrics: { included: { per: "hosts", amount: 100 } } },
      },
    ],
    charges: [
      { id: "hosts", name: "Hosts", meter: "hosts", price: { model: "per-unit", unitPrice: 10 } },
      { id: "metrics", name: "Custom metrics", meter: "metrics", price: { model: "per-unit", unitPrice: 1 } },
      { id: "tokens", name: "Tokens", meter: "tokens", price: { model: "per-unit", unitPrice: 0.001 } },
    ],
  };
}

describe("a customer's overrides set a quota and a charge's cap", () => {
  const rules = inlineRuleSet(contractMode());
  const usage = { hosts: 40, metrics: 5000, tokens: { small: 1000, large: 0 } };
  const lines = (overrides: Record<string, unknown>, at = usage) =>
    Object.fromEntries(
      inlineQuote(rules, { usage: at, overrides }).lines.map((line) => [line.id, [line.amount, line.note ?? null]]),
    );

  it.each([
    [
      "no overrides: 5 hosts included, 100 metrics per host",
      {},
      { hosts: ["350.00", null], metrics: ["1000.00", null] },
    ],
    [
      "an agreed included amount",
      { editions: { pro: { quotas: { hosts: { included: 30 } } } } },
      { hosts: ["100.00", null], metrics: ["1000.00", null] },
    ],
    [
      "an agreed allotment per host",
      { editions: { pro: { quotas: { metrics: { included: { per: "hosts", amount: 120 } } } } } },
      { hosts: ["350.00", null], metrics: ["200.00", null] },
    ],
    [
      "an agreed fixed amount in place of an allotment",
      { editions: { pro: { quotas: { metrics: { included: 4500 } } } } },
      { hosts: ["350.00", null], metrics: ["500.00", null] },
    ],
    [
      "an agreed cap: the line says the cap, not an agreed price",
      { charges: { metrics: { cap: 250 } } },
      { hosts: ["350.00", null], metrics: ["250.00", null] },
    ],
    [
      "an agreed price and cap",
      { charges: { hosts: { price: { model: "per-unit", unitPrice: 8 }, cap: 200 } } },
      { hosts: ["200.00", "Customer's agreed price"], metrics: ["1000.00", null] },
    ],
  ])("%s", (_, overrides, expected) => {
    expect(lines(overrides)).toMatchObject(expected);
  });

  it("keeps the rules' hard limit when only the included amount is agreed, and the agreed limit when given", () => {
    const above = { ...usage, hosts: 150 };
    expect(lines({ editions: { pro: { quotas: { hosts: { included: 30 } } } } }, above).hosts).toEqual([
      "700.00",
      null,
    ]);
    expect(lines({ editions: { pro: { quotas: { hosts: { limit: 120 } } } } }, above).hosts).toEqual(["1150.00", null]);
  });

  it("says how the agreed cap lowered the line", () => {
    const q = inlineQuote(rules, { usage, overrides: { charges: { metrics: { cap: 250 } } } });
    expect(q.trace!.map((s) => s.text)).toContain(
      "peak custom metrics 5,000 − 4,000 included (100 metrics per host × 40 hosts) = 1,000 × 1.00 = 1,000.00, capped at 250 a month",
    );
  });

  // The same codes as the rules' own checks, at the place in the usage document.
  it.each([
    [
      "a quota on a meter that does not exist",
      { editions: { pro: { quotas: { servers: { included: 1 } } } } },
      "ref.unknown-meter",
      ["overrides", "editions", "pro", "quotas", "servers"],
    ],
    [
      "an allotment per a meter that does not exist",
      { editions: { pro: { quotas: { metrics: { included: { per: "servers", amount: 1 } } } } } },
      "ref.unknown-meter",
      ["overrides", "editions", "pro", "quotas", "metrics", "included", "per"],
    ],
    [
      "an allotment per a meter with dimensions",
      { editions: { pro: { quotas: { metrics: { included: { per: "tokens", amount: 1 } } } } } },
      "quota.per",
      ["overrides", "editions", "pro", "quotas", "metrics", "included", "per"],
    ],
    [
      "a hard limit on a meter with dimensions",
      { editions: { pro: { quotas: { tokens: { limit: 10 } } } } },
      "dimension.limit",
      ["overrides", "editions", "pro", "quotas", "tokens", "limit"],
    ],
    [
      "a cap on a meter with dimensions",
      { charges: { tokens: { cap: 10 } } },
      "dimension.limit",
      ["overrides", "charges", "tokens", "cap"],
    ],
    [
      "a fractional included amount on a count meter",
      { editions: { pro: { quotas: { hosts: { included: "2.5" } } } } },
      "quota.fraction",
      ["overrides", "editions", "pro", "quotas", "hosts", "included"],
    ],
    [
      "a fractional tier bound on a count meter",
      {
        charges: { hosts: { price: { model: "graduated", tiers: [{ upTo: "2.5", unitPrice: 1 }, { unitPrice: 2 }] } } },
      },
      "tiers.fraction",
      ["overrides", "charges", "hosts", "price", "tiers", 0, "upTo"],
    ],
    [
      "a charge that does not exist",
      { charges: { egress: { cap: 1 } } },
      "usage.override",
      ["overrides", "charges", "egress"],
    ],
    ["an empty charge override", { charges: { hosts: {} } }, "schema.size", ["overrides", "charges", "hosts"]],
  ])("refuses %s", (_, overrides, code, path) => {
    const problems = problemsOf(() => inlineQuote(rules, { usage, overrides }));
    expect(problems.map((p) => [p.code, p.path])).toEqual([[code, path]]);
  });
});

/** Storage in GB (fractional), priced in tiers. */
function storageMode(included: unknown, upTo: unknown, integer = false) {
  return {
    meters: [{ id: "storage", name: "Storage", unit: "GB", plural: "GB", aggregate: "max", integer }],
    editions: [{ id: "pro", name: "Pro", fee: "none", default: true, quotas: { storage: { included } } }],
    charges: [
      {
        id: "storage",
        name: "Storage",
        meter: "storage",
        price: { model: "graduated", tiers: [{ upTo, unitPrice: 2 }, { unitPrice: 1 }] },
      },
    ],
  };
}

describe("fractional quotas and tier bounds on a meter with integer: false", () => {
  const rules = inlineRuleSet(storageMode("0.5", "1.5"));

  it.each([
    // 0.5 included; 1.5 GB at 2.00, the rest at 1.00.
    [0.25, "0.00"],
    [1.0, "1.00"],
    [2.0, "3.00"],
    [3.25, "4.25"],
  ])("%d GB cost %s", (storage, total) => {
    expect(inlineQuote(rules, { usage: { storage } }).total).toBe(total);
  });

  it.each([
    [
      "an included amount",
      storageMode("0.5", 2, true),
      [["quota.fraction", ["editions", 0, "quotas", "storage", "included"]]],
    ],
    ["a tier bound", storageMode(1, "1.5", true), [["tiers.fraction", ["charges", 0, "price", "tiers", 0, "upTo"]]]],
  ])("refuses %s that is fractional on a count meter", (_, mode, problems) => {
    expect(validateRuleSet(inlineRuleSetDir(mode)).map((p) => [p.code, p.path])).toEqual(problems);
  });
});

/** An agent add-on at 3.00 each: at most `max` of them, with the rule set's own words above it. */
function agentMode(max: unknown, message?: string, meters: Record<string, unknown>[] = []) {
  return {
    meters: [{ id: "hosts", name: "Hosts", unit: "host", aggregate: "max" }, ...meters],
    editions: [{ id: "pro", name: "Pro", fee: "none", default: true }],
    charges: [{ id: "hosts", name: "Hosts", meter: "hosts", price: { model: "per-unit", unitPrice: 10 } }],
    addons: [
      { id: "agents", name: "Agents", price: 3, quantity: { unit: "agent", max, ...(message ? { message } : {}) } },
    ],
  };
}

describe("quantity.max: { per: METER, amount: N }, and quantity.message", () => {
  const rules = inlineRuleSet(
    agentMode({ per: "hosts", amount: "1.5" }, "Contact sales for more agents than 1.5 per host"),
  );
  const agents = (hosts: number, quantity: number) =>
    inlineQuote(rules, { usage: { hosts }, addons: { agents: { quantity } } });

  it.each([
    [10, 15, "145.00"],
    [3, 4, "42.00"],
  ])("%d hosts allow %d agents (1.5 per host, rounded down)", (hosts, quantity, total) => {
    expect(agents(hosts, quantity).total).toBe(total);
  });

  it.each([
    [
      10,
      16,
      "Contact sales for more agents than 1.5 per host (agents is bought by the agent: give quantity, a whole number from 1 to 15 (1.5 per host × 10 hosts) (not 16))",
    ],
    [
      3,
      5,
      "Contact sales for more agents than 1.5 per host (agents is bought by the agent: give quantity, a whole number from 1 to 4 (1.5 per host × 3 hosts) (not 5))",
    ],
  ])("%d hosts refuse %d agents with the rule set's message and code usage.quantity", (hosts, quantity, message) => {
    expect(problemsOf(() => agents(hosts, quantity)).map((p) => [p.code, p.message])).toEqual([
      ["usage.quantity", message],
    ]);
  });

  it("keeps the usual words, and usage.option, for a quantity that is not a whole number from 1", () => {
    expect(problemsOf(() => agents(10, 0)).map((p) => [p.code, p.message])).toEqual([
      [
        "usage.option",
        "agents is bought by the agent: give quantity, a whole number from 1 to 15 (1.5 per host × 10 hosts) (not 0)",
      ],
    ]);
  });

  it("more hosts never allow fewer agents", () => {
    const n = fc.integer({ min: 0, max: 10_000 });
    fc.assert(
      fc.property(n, n, fc.integer({ min: 1, max: 20_000 }), (hosts, more, quantity) => {
        const allowed = (h: number) => {
          try {
            agents(h, quantity);
            return true;
          } catch {
            return false;
          }
        };
        expect(!allowed(hosts) || allowed(hosts + more)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it.each([
    ["a meter that does not exist", agentMode({ per: "servers", amount: 2 }), ["ref.unknown-meter"]],
    [
      "a meter with dimensions",
      agentMode({ per: "regions", amount: 2 }, undefined, [
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
  ])("refuses an allotment of add-on units per %s", (_, mode, codes) => {
    expect(validateRuleSet(inlineRuleSetDir(mode)).map((p) => p.code)).toEqual(codes);
  });
});

describe("a commitment on an edition billed for several months", () => {
  /** 10 hosts committed at 25.00 a quarter each, billed with a quarterly fee of 60.00; hosts above 10 at 10.00 a month. */
  const rules = inlineRuleSet({
    meters: [{ id: "hosts", name: "Hosts", unit: "host", aggregate: "max" }],
    editions: [
      {
        id: "pro",
        name: "Pro",
        fee: 60,
        default: true,
        feeInterval: { months: 3 },
        commitment: { quantity: 10, meter: "hosts", unitPrice: 25 },
      },
    ],
    charges: [{ id: "hosts", name: "Hosts", meter: "hosts", price: { model: "per-unit", unitPrice: 10 } }],
  });
  const month = (period: string, hosts: number) => {
    const q = inlineQuote(rules, { period, usage: { hosts } });
    return [q.lines.map((l) => `${l.id} ${l.amount}`), q.warnings.map((w) => w.message)];
  };

  it.each([
    ["2027-01", 4, ["pro 60.00", "pro-commitment 250.00", "hosts 0.00"], []],
    ["2027-04", 12, ["pro 60.00", "pro-commitment 250.00", "hosts 20.00"], []],
    [
      "2027-02",
      13,
      ["hosts 30.00"],
      [
        "Pro's fee is billed a quarter in advance; 2027-02 bills none of it, the next is due in April 2027",
        "Pro's commitment is billed a quarter in advance; 2027-02 bills none of it, the next is due in April 2027",
      ],
    ],
  ])(
    "%s with %d hosts: N × P once per interval, in its first month; hosts above N every month",
    (period, hosts, lines, warnings) => {
      expect(month(period, hosts)).toEqual([lines, warnings]);
    },
  );

  it("words the line as billed in advance", () => {
    const q = inlineQuote(rules, { period: "2027-01", usage: { hosts: 4 } });
    const line = q.lines.find((l) => l.id === "pro-commitment")!;
    expect([line.description, line.explanation]).toEqual([
      "Pro committed hosts (a quarter in advance)",
      "Pro commits to 10 hosts at 25.00 USD each, 250.00 USD a quarter, in advance, whatever the usage; hosts above it are billed every month at the usual price.",
    ]);
  });

  it("bills an agreed commitment the same way", () => {
    const q = inlineQuote(rules, {
      period: "2027-03",
      usage: { hosts: 30 },
      overrides: { editions: { pro: { commitment: { quantity: 20, meter: "hosts", unitPrice: 20 } } } },
    });
    expect([q.lines.map((l) => `${l.id} ${l.amount}`), q.warnings.length]).toEqual([["hosts 100.00"], 2]);
  });
});

describe("a commitment's unit price is worded as written, its amount as money", () => {
  it.each([
    ["0.015", 100, "Pro commits to 100 GB at 0.015 USD each, 1.50 USD a month"],
    ["0.0175", 102400, "Pro commits to 102,400 GB at 0.0175 USD each, 1,792.00 USD a month"],
    ["25", 10, "Pro commits to 10 GB at 25.00 USD each, 250.00 USD a month"],
  ])("%s × %d", (unitPrice, quantity, says) => {
    const rules = inlineRuleSet({
      meters: [{ id: "storage", name: "Storage", unit: "GB", plural: "GB", aggregate: "max" }],
      editions: [
        { id: "pro", name: "Pro", fee: "none", default: true, commitment: { quantity, meter: "storage", unitPrice } },
      ],
      charges: [{ id: "storage", name: "Storage", meter: "storage", price: { model: "per-unit", unitPrice: 0.02 } }],
    });
    const q = inlineQuote(rules, { usage: { storage: 1 } });
    expect(q.lines.find((l) => l.id === "pro-commitment")?.explanation).toContain(says);
  });
});

describe("unit prices keep the scale they are written with", () => {
  const mode = (price: Record<string, unknown>) => ({
    meters: [{ id: "calls", name: "Calls", unit: "call", aggregate: "sum" }],
    editions: [{ id: "pro", name: "Pro", fee: { unitPrice: "4.500", per: "calls" }, default: true }],
    charges: [{ id: "calls", name: "Calls", meter: "calls", price }],
  });
  const shown = (price: Record<string, unknown>) => {
    const q = inlineQuote(inlineRuleSet(mode(price)), { usage: { calls: 100 } });
    return [
      q.lines.map((l) => [l.id, l.unitPrice, l.amount]),
      q.trace!.map((s) => s.text).filter((text) => text.includes(" × ")),
    ];
  };

  it.each([
    [
      "per unit, 0.150",
      { model: "per-unit", unitPrice: "0.150" },
      [
        ["pro", "4.500", "450.00"],
        ["calls", "0.150", "15.00"],
      ],
      ["Pro: 100 calls × 4.500 = 450.00", "total calls 100 × 0.150 = 15.00"],
    ],
    [
      "a plain 0.15 as ever",
      { model: "per-unit", unitPrice: "0.15" },
      [
        ["pro", "4.500", "450.00"],
        ["calls", "0.15", "15.00"],
      ],
      ["Pro: 100 calls × 4.500 = 450.00", "total calls 100 × 0.15 = 15.00"],
    ],
    [
      "in tiers, 0.0250",
      { model: "graduated", tiers: [{ upTo: 50, unitPrice: "0.0250" }, { unitPrice: "0.010" }] },
      [
        ["pro", "4.500", "450.00"],
        ["calls", null, "1.75"],
      ],
      ["Pro: 100 calls × 4.500 = 450.00", "total calls 100 → graduated tiers: 50 × 0.0250 + 50 × 0.010 = 1.75"],
    ],
  ])("%s", (_, price, lines, trace) => {
    expect(shown(price)).toEqual([lines, trace]);
  });
});

describe("a missing meter's message says what to give", () => {
  const rules = inlineRuleSet(contractMode());
  it.each([
    [
      "tokens",
      { hosts: 1, metrics: 1 },
      "usage.tokens is missing: Pro bills or limits Tokens; give a map by model with a month value or daily values for each cell, e.g. usage.tokens: { small: … }",
    ],
    [
      "hosts",
      { metrics: 1, tokens: { small: 1 } },
      "usage.hosts is missing: Pro bills or limits Hosts; give a month value or daily values",
    ],
  ])("%s", (_, usage, message) => {
    expect(problemsOf(() => inlineQuote(rules, { usage })).map((p) => [p.code, p.message])).toEqual([
      ["usage.meter-missing", message],
    ]);
  });
});
