import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadRuleSet, quote, quoteMonths, type Quote, type UsageDocument } from "../src/index.js";
import { Decimal } from "../src/money/decimal.js";
import { amounts, problemsOf, RULES } from "./helpers.js";
import { HEAVY } from "./timeouts.js";

const api = loadRuleSet(join(RULES, "example-api"));
const apiQuote = (doc: Partial<UsageDocument>, rules = api): Quote =>
  quote(rules, { ruleset: "example-api", period: "2026-10", usage: {}, ...doc }, { explain: true });

/** The bundled rule set with one edit to its mode file, loaded from a temporary copy. */
function edited(find: string, replace: string) {
  const dir = join(mkdtempSync(join(tmpdir(), "ratecard-api-")), "example-api");
  cpSync(join(RULES, "example-api"), dir, { recursive: true });
  const mode = join(dir, "modes", "usage-based.yaml");
  const text = readFileSync(mode, "utf8");
  expect(text).toContain(find);
  writeFileSync(mode, text.replace(find, replace));
  return loadRuleSet(dir);
}

const trace = (q: Quote, rule: string) => q.trace!.find((step) => step.rule === rule)!.text;

describe("aggregations: average and min", () => {
  it.each([
    ["zero", [31, 31, 31, 31, 31, 31, 31, 31, 31, 31], "10", "2.50"],
    ["ignore", [31, 31, 31, 31, 31, 31, 31, 31, 31, 31], "31", "7.75"],
    ["zero", [1, 2], "0.096774", "0.02"], // 3 / 31 = 0.0967741935… → 6 decimals
  ])("missingDays %s over %j: %s GB-month", (missing, storage, value, amount) => {
    const rules = missing === "zero" ? api : edited("missingDays: zero", `missingDays: ${missing}`);
    const q = apiQuote({ usage: { requests: 0, seats: 1, storage } }, rules);
    expect(q.lines.find((l) => l.id === "storage")).toMatchObject({ quantity: value, amount });
  });

  it("missingDays refuse wants every day of the month", () => {
    const rules = edited("missingDays: zero", "missingDays: refuse");
    expect(
      problemsOf(() => apiQuote({ usage: { requests: 0, seats: 1, storage: [1, 2] } }, rules)).map((p) => [
        p.code,
        p.message,
      ]),
    ).toEqual([
      [
        "usage.value",
        "usage.storage has 2 daily values; Vector storage is the average of every day, so give all 31 days of 2026-10",
      ],
    ]);
    expect(
      apiQuote({ usage: { requests: 0, seats: 1, storage: Array.from({ length: 31 }, (_, i) => i) } }, rules).lines[1],
    ).toMatchObject({ quantity: "15", amount: "3.75" });
  });

  it("min takes the lowest day, named in the trace", () => {
    const q = apiQuote({ edition: "team", usage: { requests: 0, seats: 1, workers: [3, 1, 2, 1] } });
    expect(amounts(q).workers).toBe("150.00");
    expect(trace(q, "meter/workers")).toBe("lowest reserved workers 1 on 2 Oct, the lowest of 4 daily values");
  });

  it("a meter that takes daily values only refuses one value, and the other way round", () => {
    expect(problemsOf(() => apiQuote({ usage: { requests: 0, seats: 1, storage: 10 } })).map((p) => p.message)).toEqual(
      ["usage.storage takes daily values (a list, one per day); Vector storage is aggregated from them"],
    );
    const monthOnly = edited("    aggregate: min\n", "    aggregate: min\n    input: month\n");
    expect(
      problemsOf(() => apiQuote({ edition: "team", usage: { requests: 0, seats: 1, workers: [1, 2] } }, monthOnly)).map(
        (p) => p.message,
      ),
    ).toEqual(["usage.workers takes one value for the month; Reserved workers is not given as daily values"]);
  });
});

describe("fees: none, per unit, minimum spend", () => {
  it("pay as you go has no fee line", () => {
    expect(apiQuote({ usage: { requests: 100, seats: 1 } }).lines.map((l) => l.kind)).toEqual(["usage"]);
  });

  it("a per-seat fee bills the month's peak seats", () => {
    const q = apiQuote({ edition: "team", usage: { requests: 0, seats: [2, 9, 4] } });
    expect(q.lines[0]).toMatchObject({
      id: "team",
      kind: "fee",
      quantity: "9",
      unit: "seat",
      unitPrice: "20.00",
      amount: "180.00",
    });
    expect(q.lines[0]!.explanation).toBe("Team costs 20.00 USD per seat a month: 9 seats = 180.00 USD.");
  });

  it("needs the seats meter for a per-seat plan", () => {
    expect(problemsOf(() => apiQuote({ edition: "team", usage: { requests: 0 } })).map((p) => p.code)).toEqual([
      "usage.meter-missing",
    ]);
  });

  it("prorates a per-seat fee by day, and bills no fee for pay-as-you-go days", () => {
    const q = apiQuote({ usage: { requests: 0, seats: 10 }, changes: [{ on: "2026-10-22", edition: "team" }] });
    // 20.00 × 10 seats × 10/31 = 64.516… → 64.52
    expect(q.lines.filter((l) => l.kind === "fee").map((l) => [l.id, l.quantity, l.unit, l.amount])).toEqual([
      ["team", "10", "days of 31 × 10 seats", "64.52"],
    ]);
  });

  it("words and unit prices stay readable when a day's share does not end: a quotient is cut after 12 places", () => {
    // Team 1–9 Oct: 20.00 × 3 × 9/31 = 17.4193548387…; 20–31 Oct: × 12/31 = 23.2258064516…;
    // Scale's minimum 2,000.00 × 10/31 = 645.1612903225…, less the lines 40.65 = 604.5112903225… → 604.51.
    const q = apiQuote({
      edition: "team",
      usage: { requests: 10, seats: 3 },
      changes: [
        { on: "2026-10-10", edition: "scale" },
        { on: "2026-10-20", edition: "team" },
      ],
    });
    expect(q.lines.map((l) => [l.kind, l.unit, l.unitPrice, l.amount])).toEqual([
      ["fee", "days of 31 × 3 seats", "20.00", "17.42"],
      ["fee", "days of 31 × 3 seats", "20.00", "23.23"],
      ["usage", "request", null, "0.00"],
      ["commitment", "month", "604.51", "604.51"],
    ]);
    expect(q.total).toBe("645.16");
    expect(q.trace!.map((s) => s.text)).toEqual(
      expect.arrayContaining([
        "Team, 1 Oct–9 Oct: 20.00 × 3 seats × 9/31 = 17.419354838709… (charged by day)",
        "Scale: minimum spend 645.161290322580… (Scale 10/31 of 2,000.00, by day) − lines 40.65 = 604.511290322580…",
        "team: 17.419354838709… rounded half-up to 2 decimals = 17.42",
      ]),
    );
  });

  it.each([
    [3_000_000, 0, { requests: "400.00", "scale-requests": "-40.00", scale: "1640.00" }, "2000.00"],
    [13_000_000, 0, { requests: "2250.00", "scale-requests": "-225.00" }, "2025.00"], // 9,000,000 × 0.0002 + 3,000,000 × 0.00015, 10% off
    [1_000_000, 0, { requests: "0.00", scale: "2000.00" }, "2000.00"],
  ])(
    "Scale with %i requests and %i workers: a true-up only below the commitment",
    (requests, workers, lines, total) => {
      const q = apiQuote({ edition: "scale", usage: { requests, seats: 1, workers } });
      expect(amounts(q)).toEqual({ ...lines, ...(workers ? {} : { workers: "0.00" }) });
      expect(q.total).toBe(total);
    },
  );
});

describe("tiers on total usage", () => {
  it.each([
    ["total", 10_500_000, "1875.00"], // 1,000,000 included: 9,000,000 × 0.0002 + 500,000 × 0.00015
    ["billable", 10_500_000, "1900.00"], // 9,500,000 billable from 0: all in the first tier
  ])("graduated on %s, %i requests on Team: %s", (on, requests, amount) => {
    const rules = on === "total" ? api : edited("      on: total\n", "      on: billable\n");
    expect(amounts(apiQuote({ edition: "team", usage: { requests, seats: 1 } }, rules)).requests).toBe(amount);
  });

  it("volume on total takes the tier of the total usage", () => {
    const rules = edited("      model: graduated\n      on: total", "      model: volume\n      on: total");
    // 10,500,000 in total falls in the second tier: the 9,500,000 billable at 0.00015
    expect(amounts(apiQuote({ edition: "team", usage: { requests: 10_500_000, seats: 1 } }, rules)).requests).toBe(
      "1425.00",
    );
  });
});

describe("eligibility rules that read usage and quantities", () => {
  it("reports every failing rule with its own message", () => {
    const problems = problemsOf(() => apiQuote({ usage: { requests: 0, seats: 2 }, addons: { sso: true } }));
    expect(problems.map((p) => p.message)).toEqual([
      "Single sign-on (sso) cannot be bought with Pay as you go: Single sign-on comes with the Team and Scale plans.",
      "Single sign-on (sso) cannot be bought with Pay as you go: Single sign-on needs at least 5 seats.",
    ]);
  });

  it("compares quantities as numbers in conditions: 9 < 10", () => {
    const rules = edited(
      "    quantity: { unit: sandbox, plural: sandboxes, max: { usage: seats } }\n",
      '    quantity: { unit: sandbox, plural: sandboxes }\n    eligible: { when: { "<": [{ var: addons.sandbox.quantity }, 10] }, message: Fewer than 10 sandboxes. }\n',
    );
    expect(
      amounts(
        apiQuote({ edition: "team", usage: { requests: 0, seats: 1 }, addons: { sandbox: { quantity: "9" } } }, rules),
      ).sandbox,
    ).toBe("90.00");
    expect(
      problemsOf(() =>
        apiQuote({ edition: "team", usage: { requests: 0, seats: 1 }, addons: { sandbox: { quantity: "10" } } }, rules),
      ).map((p) => p.code),
    ).toEqual(["usage.addon-not-eligible"]);
  });

  it("limits a quantity by the month's usage: at most one sandbox per seat", () => {
    expect(
      amounts(
        apiQuote({ edition: "team", usage: { requests: 0, seats: [2, 10] }, addons: { sandbox: { quantity: "9" } } }),
      ).sandbox,
    ).toBe("90.00");
    expect(
      problemsOf(() =>
        apiQuote({ edition: "team", usage: { requests: 0, seats: 3 }, addons: { sandbox: { quantity: "9" } } }),
      ).map((p) => [p.code, p.message]),
    ).toEqual([
      [
        "usage.quantity",
        'sandbox is bought by the sandbox: give quantity, a whole number from 1 to 3 (the month\'s seats) (not "9")',
      ],
    ]);
  });
});

describe("no settlement rule", () => {
  it("quotes carry no settlement, and tables say nothing of one", () => {
    expect(apiQuote({ usage: { requests: 0, seats: 1 } }).settlement).toBeUndefined();
  });
});

describe("invariants", () => {
  it("more usage never costs less, commitments and per-seat fees included", HEAVY, () => {
    const count = fc.integer({ min: 0, max: 2_000_000_000 });
    fc.assert(
      fc.property(
        fc.constantFrom("payg", "team", "scale"),
        count,
        count,
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 0, max: 500 }),
        (edition, requests, more, seats, extra) => {
          const low = apiQuote({ edition, usage: { requests, seats, workers: 1 } });
          const high = apiQuote({ edition, usage: { requests: requests + more, seats: seats + extra, workers: 1 } });
          expect(new Decimal(high.total).gte(low.total)).toBe(true);
          expect(high.lines.reduce((sum, line) => sum.plus(line.amount), new Decimal(0)).toFixed(2)).toBe(high.total);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("commercial terms: percentage, caps, discounts, credits", () => {
  it.each([
    ["0", "0.00"],
    ["120.00", "1.00"], // 0.60 raised to the minimum
    ["1000", "5.00"],
    ["9000000", "250.00"], // 45,000.00 lowered to the maximum
  ])("payout fees on %s: %s", (payouts, fee) => {
    expect(amounts(apiQuote({ usage: { requests: 0, seats: 1, payouts } })).payouts).toBe(fee);
  });

  it("a charge cap lowers its line and says so", () => {
    const q = apiQuote({ edition: "team", usage: { requests: 0, seats: 1, workers: 11 } });
    expect(amounts(q).workers).toBe("1500.00");
    expect(q.lines.find((l) => l.id === "workers")!.explanation).toMatch(
      /The charge is capped at 1,500.00 USD a month\.$/,
    );
  });

  it("applies a coupon only when held, and only in the customer's first months", () => {
    const doc = { edition: "team", usage: { requests: 0, seats: 5 }, coupons: ["startup"] };
    expect(amounts(apiQuote({ ...doc, app: { createdAt: "2026-08-01" } })).startup).toBe("-20.00");
    expect(amounts(apiQuote({ ...doc, app: { createdAt: "2026-07-31" } })).startup).toBeUndefined();
    expect(amounts(apiQuote({ ...doc, coupons: [], app: { createdAt: "2026-10-01" } })).startup).toBeUndefined();
    expect(problemsOf(() => apiQuote(doc)).map((p) => [p.code, p.message])).toEqual([
      [
        "usage.date",
        "Startup coupon (startup) applies in a customer's first 3 months, counted from app.createdAt; give app.createdAt (YYYY-MM-DD)",
      ],
    ]);
    expect(
      problemsOf(() => apiQuote({ ...doc, coupons: ["free-money"], app: { createdAt: "2026-10-01" } })).map((p) => [
        p.code,
        p.message,
      ]),
    ).toEqual([["usage.coupon", 'unknown coupon "free-money"; mode usage-based offers: startup']]);
  });

  it("draws credits down in order, never below a zero total, and says what is left", () => {
    const q = apiQuote({
      edition: "team",
      usage: { requests: 0, seats: 2 },
      credits: [
        { id: "a", balance: "30" },
        { id: "b", balance: "25.50", note: "Referral" },
        { id: "c", balance: 5 },
      ],
    });
    expect(q.lines.filter((l) => l.kind === "credit").map((l) => [l.id, l.amount, l.note, l.description])).toEqual([
      ["a", "-30.00", "0.00 USD left", "Prepaid credit a"],
      ["b", "-10.00", "15.50 USD left", "Referral"],
      ["c", "0.00", "5.00 USD left", "Prepaid credit c"],
    ]);
    expect(q.total).toBe("0.00");
  });

  it.each([
    ["percent: 10", "percent: 120", "discount.percent"],
    ["on: { charge: requests }", "on: { charge: widgets }", "ref.unknown-charge"],
    ["  - id: startup\n", "  - id: scale-requests\n", "id.duplicate"],
  ])("refuses a discount with %s → %s (%s)", (find, replace, code) => {
    expect(problemsOf(() => edited(find, replace)).map((p) => p.code)).toContain(code);
  });
});

describe("per-customer overrides", () => {
  it("replace a charge's price and an edition's terms, and the lines say so", () => {
    const q = apiQuote({
      edition: "scale",
      usage: { requests: 21_000_000, seats: 1 },
      overrides: {
        charges: { requests: { price: { model: "per-unit", unitPrice: "0.00012" } } },
        editions: { scale: { minimumSpend: "5000.00" } },
      },
    });
    // 20,000,000 × 0.00012 = 2,400.00; 10% off = −240.00; 2,160.00 trued up to the agreed 5,000.00
    expect(amounts(q)).toEqual({ requests: "2400.00", "scale-requests": "-240.00", scale: "2840.00" });
    expect(q.lines[0]!.note).toBe("Customer's agreed price");
    expect(trace(q, "overrides")).toBe("prices agreed with this customer replace requests, scale");
    expect(amounts(apiQuote({ edition: "scale", usage: { requests: 21_000_000, seats: 1 } })).requests).toBe("3450.00"); // 9,000,000 × 0.0002 + 11,000,000 × 0.00015
  });

  it("can give a pay-as-you-go customer a per-seat fee", () => {
    const q = apiQuote({
      usage: { requests: 0, seats: 3 },
      overrides: { editions: { payg: { fee: { unitPrice: "9.00", per: "seats" } } } },
    });
    expect(q.lines[0]).toMatchObject({
      id: "payg",
      kind: "fee",
      quantity: "3",
      amount: "27.00",
      note: "Customer's agreed price",
    });
  });

  it.each([
    [
      { charges: { widgets: { price: { model: "flat", amount: 1 } } } },
      "usage.override",
      'overrides.charges names charge "widgets", which mode usage-based does not have; its charges: requests, storage, workers, tokens, payouts',
    ],
    [
      { editions: { gold: { fee: 5 } } },
      "usage.override",
      'overrides.editions names edition "gold", which mode usage-based does not have; its editions: payg, team, scale',
    ],
    [
      { editions: { team: { fee: { unitPrice: 5, per: "users" } } } },
      "usage.override",
      'the fee counts meter "users", which mode usage-based does not have; its meters: requests, storage, seats, workers, tokens, payouts',
    ],
    [
      {
        charges: {
          requests: {
            price: {
              model: "graduated",
              tiers: [{ upTo: 100, unitPrice: 1 }, { upTo: 50, unitPrice: 1 }, { unitPrice: 1 }],
            },
          },
        },
      },
      "tiers.order",
      "tier 2 ends at 50, which does not come after the previous tier's 100; tiers must ascend without overlapping",
    ],
  ])("are checked as the rules are: %j", (overrides, code, message) => {
    expect(
      problemsOf(() =>
        apiQuote({ edition: "team", usage: { requests: 0, seats: 1 }, overrides } as Partial<UsageDocument>),
      ).map((p) => [p.code, p.message]),
    ).toEqual([[code, message]]);
  });
});

describe("meters with dimensions", () => {
  const tokens = (value: unknown) =>
    apiQuote({ edition: "team", usage: { requests: 0, seats: 1, tokens: value } } as Partial<UsageDocument>);

  it("prices each cell on its own line, sharing the included quota in the listed order", () => {
    const q = tokens({ small: { output: 2_000_000 }, large: { input: 600_000, output: 600_000 } });
    expect(
      q.lines.filter((l) => l.id.startsWith("tokens.")).map((l) => [l.id, l.description, l.quantity, l.amount]),
    ).toEqual([
      ["tokens.large.input", "Model tokens (large, input)", "0", "0.00"],
      ["tokens.large.output", "Model tokens (large, output)", "0.2", "2.00"],
      ["tokens.small.output", "Model tokens (small, output)", "2", "1.20"],
    ]);
    expect(trace(q, "meter/tokens")).toBe(
      "total model tokens 3,200,000, the meter's total over 3 cells: model large, direction input 600,000; model large, direction output 600,000; model small, direction output 2,000,000",
    );
  });

  it("refuses an unknown value, naming the dimension and what it takes", () => {
    expect(problemsOf(() => tokens({ huge: { input: 5 } })).map((p) => [p.code, p.message])).toEqual([
      ["usage.dimension", 'usage.tokens.huge: "huge" is not a model of Model tokens; model takes: large, small'],
    ]);
    expect(problemsOf(() => tokens({ large: 5 })).map((p) => [p.code, p.message])).toEqual([
      ["usage.value", "usage.tokens.large is a map by direction (input, output), e.g. { input: … }"],
    ]);
  });

  it("accepts unknown values where the dimension says so, priced by an entry that does not name it", () => {
    const rules = edited("values: [large, small] }", "values: [large, small], unknown: default }");
    expect(problemsOf(() => tokens({ huge: { input: 5 } }))).not.toEqual([]);
    const q = apiQuote(
      { edition: "team", usage: { requests: 0, seats: 1, tokens: { huge: { input: 2_000_000 } } } },
      rules,
    );
    expect(q.warnings.map((w) => w.code)).toEqual(["cell.unpriced"]);
    const priced = edited(
      "      - { match: { model: large, direction: input }",
      "      - { match: { direction: input }, price: { model: per-unit, unitPrice: 1, per: 1000000 } }\n      - { match: { model: large, direction: input }",
    );
    expect(
      amounts(
        apiQuote(
          { edition: "team", usage: { requests: 0, seats: 1, tokens: { small: { input: 3_000_000 } } } },
          priced,
        ),
      )["tokens.small.input"],
    ).toBe("2.00");
  });

  it.each([
    ["      tokens: { included: 1000000 }", "      tokens: { included: 1000000, limit: 5000000 }", "dimension.limit"],
    [
      "    meter: storage\n    price: { model: per-unit, unitPrice: 0.25 }",
      "    meter: storage\n    prices: [{ price: { model: per-unit, unitPrice: 0.25 } }]",
      "dimension.prices",
    ],
    ["match: { model: small, direction: output }", "match: { model: tiny, direction: output }", "dimension.match"],
    [
      "      - { match: { model: small, direction: output }, price: { model: per-unit, unitPrice: 0.60, per: 1000000 } }\n",
      "",
      "dimension.unpriced",
    ],
  ])("checks the rules: %s → %s (%s)", (find, replace, code) => {
    expect(problemsOf(() => edited(find, replace)).map((p) => p.code)).toContain(code);
  });
});

describe("credits in a forecast", () => {
  it("carry what one month leaves to the next, never used twice", () => {
    const forecast = quoteMonths(api, {
      ruleset: "example-api",
      edition: "team",
      credits: [{ id: "grant", balance: "50" }],
      months: ["2026-10", "2026-11", "2026-12"].map((period) => ({ period, usage: { requests: 0, seats: 2 } })),
    } as unknown as UsageDocument);
    expect(forecast.months.map((q) => [q.total, q.lines.find((l) => l.kind === "credit")!.note])).toEqual([
      ["0.00", "10.00 USD left"],
      ["30.00", "0.00 USD left"],
      ["40.00", "0.00 USD left"],
    ]);
    expect(forecast.total).toBe("70.00");
  });
});
