import { describe, expect, it } from "vitest";
import { compare, parseUsage, quote, quoteMonths, recommend, type Quote } from "../src/index.js";
import { quotePath } from "../src/evaluate/quote-frames.js";
import { inMemory } from "../src/load/source-document.js";
import { problemsOf } from "./helpers.js";
import { inlineRuleSet } from "./inline-rules.js";

/**
 * Seats billed a year (or a quarter) in advance from the month of sign-up, 40.00 a seat per
 * interval; the app signed up in January 2026, so its years run January to December and its
 * quarters January–March, April–June, and so on.
 */
const rules = inlineRuleSet({
  meters: [{ id: "seats", name: "Seats", unit: "seat", aggregate: "max" }],
  editions: [
    {
      id: "team",
      name: "Team",
      fee: { unitPrice: 40, per: "seats" },
      feeInterval: { months: 12, anchor: "signup" },
      default: true,
    },
    {
      id: "quarterly",
      name: "Quarterly",
      fee: { unitPrice: 40, per: "seats" },
      feeInterval: { months: 3, anchor: "signup" },
    },
    { id: "monthly", name: "Monthly", fee: { unitPrice: 4, per: "seats" } },
    { id: "annual", name: "Annual", fee: 400, feeInterval: { months: 12 } },
  ],
  charges: [],
});

const APP = { createdAt: "2026-01-10" };

function month(period: string, seats: number, extra: Record<string, unknown> = {}) {
  return { ruleset: "inline", period, app: APP, edition: "team", usage: { seats }, ...extra };
}

/** The quote's fee lines as `id amount`. */
function fees(q: Quote): string[] {
  return q.lines.filter((line) => line.kind === "fee").map((line) => `${line.id} ${line.amount}`);
}

describe("feeUnitsPaid: units added to a per-unit fee billed in advance", () => {
  it.each([
    // February is the 2nd month of the year: 11 months left. 3 × 40 × 11/12 = 110.00
    ["12 → 15 seats in February", month("2026-02", 15, { feeUnitsPaid: 12 }), ["team-added-seats 110.00"]],
    // No more seats than were billed: nothing; fewer: nothing either (no refund)
    ["15 seats, 15 paid", month("2026-02", 15, { feeUnitsPaid: 15 }), []],
    ["10 seats, 12 paid", month("2026-02", 10, { feeUnitsPaid: "12" }), []],
    // December, the last month: 1 left. 3 × 40 × 1/12 = 10.00
    ["the year's last month", month("2026-12", 15, { feeUnitsPaid: 12 }), ["team-added-seats 10.00"]],
    // The billing month bills every seat: 15 × 40 = 600.00
    ["the billing month", month("2027-01", 15), ["team 600.00"]],
    // Quarter April–June, May is its 2nd month: 2 left. 3 × 40 × 2/3 = 80.00
    [
      "a quarter's 2nd month",
      month("2026-05", 15, { edition: "quarterly", feeUnitsPaid: 12 }),
      ["quarterly-added-seats 80.00"],
    ],
    // March, the quarter's last month: 1 × 40 × 1/3 = 13.333… → 13.33 (half-up, per line)
    [
      "a quarter's last month",
      month("2026-03", 13, { edition: "quarterly", feeUnitsPaid: 12 }),
      ["quarterly-added-seats 13.33"],
    ],
    // Half a seat more (a decimal feeUnitsPaid): 0.5 × 40 × 11/12 = 18.333… → 18.33
    ["a decimal feeUnitsPaid", month("2026-02", 15, { feeUnitsPaid: "14.5" }), ["team-added-seats 18.33"]],
    // Without feeUnitsPaid, as before: nothing billed in a later month
    ["no feeUnitsPaid", month("2026-02", 15), []],
  ])("%s", (_, doc, expected) => {
    const q = quote(rules, doc);
    expect(fees(q)).toEqual(expected);
    expect(q.total).toBe(expected.length ? expected[0]!.split(" ")[1] : "0.00");
  });

  it("words the added seats in the line, its explanation and the trace", () => {
    const q = quote(rules, month("2026-02", 15, { feeUnitsPaid: 12 }), { explain: true });
    expect(q.lines[0]).toMatchObject({
      id: "team-added-seats",
      kind: "fee",
      description: "Team plan fee: 3 seats added since the year was billed (11/12 months left)",
      quantity: "3",
      unit: "seats × 11/12 months left",
      unitPrice: "40.00",
      amount: "110.00",
      explanation:
        "Team costs 40.00 USD per seat a year, billed in advance; this year was billed for 12 and there are 15 now: 3 seats added since the year was billed × 40.00 USD × 11/12 months left = 110.00 USD.",
    });
    expect(q.trace!.map((step) => step.text)).toContain(
      "Team: 3 seats added since the year was billed × 40.00 × 11/12 months left = 110.00",
    );
    expect(q.warnings).toEqual([
      {
        code: "fee.in-advance",
        message:
          "Team's fee is billed a year in advance; 2026-02 bills only the seats added since the year was billed, the next is due in January 2027",
      },
    ]);
  });

  it.each([
    [
      "a per-unit fee",
      "team",
      "Team's fee is billed a year in advance; 2026-02 bills none of it, the next is due in January 2027; seats added since the year was billed are billed only when the document gives feeUnitsPaid",
    ],
    [
      "a flat fee",
      "annual",
      "Annual's fee is billed a year in advance; 2026-02 bills none of it, the next is due in January 2027",
    ],
  ])("without feeUnitsPaid, the warning for %s says how added units are billed, if they are", (_, edition, message) => {
    expect(quote(rules, month("2026-02", 15, { edition })).warnings).toEqual([{ code: "fee.in-advance", message }]);
  });

  it.each([
    ["negative", "-1", "feeUnitsPaid is -1; expected an exact non-negative decimal amount"],
    ["text", "twelve", 'feeUnitsPaid is "twelve"; expected an exact non-negative decimal amount'],
  ])("refuses a %s feeUnitsPaid where it is written", (_, value, message) => {
    const yaml = `ruleset: inline\nperiod: 2026-02\napp: { createdAt: "2026-01-10" }\nusage: { seats: 15 }\nfeeUnitsPaid: ${value}\n`;
    const [problem, ...more] = problemsOf(() => quote(rules, parseUsage(yaml, "seats.yaml")));
    expect(more).toEqual([]);
    expect(problem).toMatchObject({ code: "schema.invalid", path: ["feeUnitsPaid"], source: { line: 5, col: 15 } });
    expect(problem!.message).toContain(message);
  });

  it("refuses a number the schema admits but that is too large to keep exactly", () => {
    expect(problemsOf(() => quote(rules, month("2026-02", 15, { feeUnitsPaid: 1e30 })))).toEqual([
      {
        code: "usage.value",
        message: "feeUnitsPaid is 1e+30, which is above the limit of 24 digits before the decimal point",
        path: ["feeUnitsPaid"],
      },
    ]);
  });

  it.each([
    [
      "a monthly per-unit fee",
      month("2026-02", 15, { edition: "monthly", feeUnitsPaid: 12 }),
      "feeUnitsPaid is the units of a per-unit fee billed in advance for several months; Monthly's fee is billed month by month",
    ],
    [
      "a flat yearly fee",
      month("2026-02", 15, { edition: "annual", feeUnitsPaid: 12 }),
      "feeUnitsPaid is the units of a per-unit fee billed in advance for several months; Annual's fee is not per unit",
    ],
    // The billing month bills every seat: a count of seats paid there can only be a mistake (a wrong createdAt, say)
    [
      "the month that bills the interval",
      month("2027-01", 15, { feeUnitsPaid: 12 }),
      "feeUnitsPaid is for the later months of an interval billed in advance; 2027-01 starts Team's year and bills all its units",
    ],
    // The fee follows the month-end edition: a change away from Team leaves no interval fee to have paid
    [
      "a month that ends on a monthly edition",
      month("2026-02", 15, { feeUnitsPaid: 12, changes: [{ on: "2026-02-15", edition: "monthly" }] }),
      "feeUnitsPaid is the units of a per-unit fee billed in advance for several months; Monthly's fee is billed month by month",
    ],
  ])("refuses feeUnitsPaid for %s, saying why", (_, doc, message) => {
    expect(problemsOf(() => quote(rules, doc))).toEqual([{ code: "usage.value", message, path: ["feeUnitsPaid"] }]);
  });

  it("bills the added seats on the month-end edition after a change within the month", () => {
    // Monthly until 14 February, Team from the 15th (proration: none, the month-end edition's
    // fee for the month): 3 × 40 × 11/12 = 110.00, and no monthly fee
    const doc = month("2026-02", 15, {
      edition: "monthly",
      feeUnitsPaid: 12,
      changes: [{ on: "2026-02-15", edition: "team" }],
    });
    expect(fees(quote(rules, doc))).toEqual(["team-added-seats 110.00"]);
  });
});

describe("feeUnitsPaid in forecasts", () => {
  const forecast = (months: Record<string, unknown>[], edition = "team") =>
    quoteMonths(rules, { ruleset: "inline", app: APP, edition, months } as never).months.map(fees);

  it.each([
    [
      "seats 10, 10, 12, 15 from the year's first month",
      [
        { period: "2026-01", usage: { seats: 10 } },
        { period: "2026-02", usage: { seats: 10 } },
        { period: "2026-03", usage: { seats: 12 } },
        { period: "2026-04", usage: { seats: 15 } },
      ],
      "team",
      // January bills the year: 10 × 40 = 400.00; February: 10 of 10 paid, nothing;
      // March: 2 × 40 × 10/12 = 66.666… → 66.67; April: 12 paid, 3 × 40 × 9/12 = 90.00
      [["team 400.00"], [], ["team-added-seats 66.67"], ["team-added-seats 90.00"]],
    ],
    [
      "a month's own feeUnitsPaid wins over the carried one",
      [
        { period: "2026-02", usage: { seats: 12 }, feeUnitsPaid: 10 },
        { period: "2026-03", usage: { seats: 12 } },
        { period: "2026-04", usage: { seats: 15 }, feeUnitsPaid: 14 },
      ],
      "team",
      // February: 2 × 40 × 11/12 = 73.333… → 73.33; March: 12 carried, nothing;
      // April: 14 given (not 12 carried), 1 × 40 × 9/12 = 30.00
      [["team-added-seats 73.33"], [], ["team-added-seats 30.00"]],
    ],
    [
      "fewer seats are not refunded, and the most billed is carried",
      [
        { period: "2026-01", usage: { seats: 12 } },
        { period: "2026-02", usage: { seats: 8 } },
        { period: "2026-03", usage: { seats: 13 } },
      ],
      "team",
      // January: 12 × 40 = 480.00; February: 8 < 12, nothing; March: 12 still paid, 1 × 40 × 10/12 = 33.333… → 33.33
      [["team 480.00"], [], ["team-added-seats 33.33"]],
    ],
    [
      "a new interval starts over",
      [
        { period: "2026-03", usage: { seats: 12 }, feeUnitsPaid: 10 },
        { period: "2026-04", usage: { seats: 12 } },
        { period: "2026-05", usage: { seats: 15 } },
      ],
      "quarterly",
      // March, the quarter's last month: 2 × 40 × 1/3 = 26.666… → 26.67; April bills the new
      // quarter: 12 × 40 = 480.00; May: 12 carried from April, 3 × 40 × 2/3 = 80.00
      [["quarterly-added-seats 26.67"], ["quarterly 480.00"], ["quarterly-added-seats 80.00"]],
    ],
    [
      "nothing is carried across a gap into another interval",
      [
        { period: "2026-01", usage: { seats: 10 } },
        { period: "2027-02", usage: { seats: 15 } },
      ],
      "team",
      // January 2026 bills 10 × 40 = 400.00; February 2027 is in the next year, which January 2026 did not bill
      [["team 400.00"], []],
    ],
    [
      "nothing is carried to another edition",
      [
        { period: "2026-01", usage: { seats: 10 } },
        { period: "2026-02", usage: { seats: 15 }, edition: "quarterly" },
      ],
      "team",
      // January bills Team's year: 10 × 40 = 400.00; February is Quarterly's (Jan–Mar) 2nd month, whose seats nobody said were billed
      [["team 400.00"], []],
    ],
  ])("%s", (_, months, edition, expected) => {
    expect(forecast(months, edition)).toEqual(expected);
  });

  it("refuses a feeUnitsPaid beside months, where it is written: each month gives its own", () => {
    const yaml = `ruleset: inline\napp: { createdAt: "2026-01-10" }\nfeeUnitsPaid: 12\nmonths:\n  - { period: 2026-02, usage: { seats: 15 } }\n`;
    expect(problemsOf(() => quoteMonths(rules, parseUsage(yaml, "forecast.yaml")))).toEqual([
      {
        code: "usage.value",
        message:
          "feeUnitsPaid beside months would hold for every month; give it in the month it is for (months[i].feeUnitsPaid), later months carry it",
        path: ["feeUnitsPaid"],
        source: { file: "forecast.yaml", line: 3, col: 15 },
      },
    ]);
  });
});

describe("feeUnitsPaid when comparing editions", () => {
  // February, Team, 15 seats of which 12 were billed in January
  const doc = month("2026-02", 15, { feeUnitsPaid: 12 });

  it("counts the seats paid for the document's edition only: other editions are quoted without them", () => {
    const totals = Object.fromEntries(
      compare(rules, doc).options.map((o) => [o.edition, o.reason ?? o.total?.toFixed(2)]),
    );
    // Team: 3 × 40 × 11/12 = 110.00; Monthly: 15 × 4 = 60.00; Quarterly (Jan–Mar) and Annual
    // (flat, January) bill no fee in February: 0.00
    expect(totals).toEqual({ team: "110.00", monthly: "60.00", quarterly: "0.00", annual: "0.00" });
  });

  it("recommends from the usage without the document's edition or the seats paid for it", () => {
    const { best, options } = recommend(rules, doc, []);
    expect(options.filter((o) => o.reason)).toEqual([]);
    expect(best?.total?.toFixed(2)).toBe("0.00");
  });
});

describe("quote frames and feeUnitsPaid", () => {
  it("never reuses a frame across documents that differ in feeUnitsPaid", () => {
    const options = { explain: false };
    const a = month("2026-02", 15, { feeUnitsPaid: 12 });
    const b = month("2026-02", 15, { feeUnitsPaid: 14 });
    const c = month("2026-02", 16, { feeUnitsPaid: 12 });
    // 3 × 40 × 11/12 = 110.00
    expect(fees(quote(rules, a, options))).toEqual(["team-added-seats 110.00"]);
    // Another shape: quoted anew. 1 × 40 × 11/12 = 36.666… → 36.67
    expect(quotePath(rules, inMemory(b), options)).toBe("general");
    expect(fees(quote(rules, b, options))).toEqual(["team-added-seats 36.67"]);
    // a's shape, other seats: through a's frame, with a's 12 paid. 4 × 40 × 11/12 = 146.666… → 146.67
    expect(quotePath(rules, inMemory(c), options)).toBe("frame");
    expect(fees(quote(rules, c, options))).toEqual(["team-added-seats 146.67"]);
    // And back to b's shape: b's 14 paid, not a's 12
    expect(fees(quote(rules, b, options))).toEqual(["team-added-seats 36.67"]);
  });
});
