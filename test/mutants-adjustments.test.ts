import { describe, expect, it } from "vitest";
import { quote, type Quote, type UsageDocument } from "../src/index.js";
import { problemsOf } from "./helpers.js";
import { inlineRuleSet } from "./inline-yaml.js";

/**
 * Edges of the adjustments and limits, each a case a plausible slip in src/evaluate or
 * src/compile gets wrong (found by mutation testing, `npm run mutate`). Every figure below is
 * worked out by hand from this rule set:
 *   fee 10; calls: 100 included, hard limit 1,000, graduated on the billable calls:
 *   the first 100 at 0.10 + 5.00 flat, the rest at 0.05 + 2.00 flat; jobs: 7.00 flat when any;
 *   seats add-on 6.00 each, at most 3; minimum spend 50, maximum spend 80.
 */
const MODE = `meters:
  - { id: calls, name: Calls, unit: call, aggregate: sum }
  - { id: jobs, name: Jobs, unit: job, aggregate: sum }
editions:
  - id: basic
    name: Basic
    fee: 10
    default: true
    quotas: { calls: { included: 100, limit: 1000 } }
    minimumSpend: 50
    maximumSpend: 80
charges:
  - id: calls
    name: Calls
    meter: calls
    price:
      model: graduated
      tiers:
        - { upTo: 100, unitPrice: 0.10, flatPrice: 5 }
        - { unitPrice: 0.05, flatPrice: 2 }
  - { id: jobs, name: Jobs, meter: jobs, price: { model: flat, amount: 7 } }
addons:
  - id: seats
    name: Extra seats
    quantity: { unit: seat, plural: seats, max: 3 }
    price: 6
discounts:
  - { id: fee-off, name: Half the fee, percent: 50, on: fee, coupon: true }
  - { id: jobs-off, name: 100 off jobs, amount: 100, on: { charge: jobs }, coupon: true }
`;

const doc = (usage: { calls: number; jobs: number }, extra: Partial<UsageDocument> = {}): UsageDocument => ({
  ruleset: "probe",
  period: "2026-10",
  usage,
  ...extra,
});
/** Each line as "kind id amount", in order. */
const lines = (q: Quote) => q.lines.map((line) => `${line.kind} ${line.id} ${line.amount}`);

describe("adjustments and limits at their edges (hand-computed)", () => {
  const cases: [string, UsageDocument, string[], string][] = [
    [
      "a graduated tier bills its flat price; a flat charge bills nothing at zero usage; the minimum spend is trued up",
      doc({ calls: 150, jobs: 0 }),
      // calls: 50 billable × 0.10 + 5.00 = 10.00; lines 20.00 → true-up 30.00
      ["fee basic 10.00", "usage calls 10.00", "usage jobs 0.00", "commitment basic 30.00"],
      "50.00",
    ],
    [
      "usage above the hard limit is capped, not billed",
      doc({ calls: 1500, jobs: 1 }),
      // capped at 1,000 → 900 billable: 100 × 0.10 + 5 + 800 × 0.05 + 2 = 57.00
      ["fee basic 10.00", "usage calls 57.00", "usage jobs 7.00"],
      "74.00",
    ],
    [
      "lines exactly at the minimum spend: no true-up line",
      doc({ calls: 520, jobs: 1 }),
      // 420 billable: 15 + 320 × 0.05 + 2 = 33.00; 10 + 33 + 7 = 50.00
      ["fee basic 10.00", "usage calls 33.00", "usage jobs 7.00"],
      "50.00",
    ],
    [
      "lines exactly at the maximum spend: no cap line",
      doc({ calls: 1000, jobs: 1 }, { addons: { seats: { quantity: 1 } } }),
      ["fee basic 10.00", "usage calls 57.00", "usage jobs 7.00", "addon seats 6.00"],
      "80.00",
    ],
    [
      "lines above the maximum spend are capped; exactly the maximum quantity may be bought",
      doc({ calls: 1000, jobs: 1 }, { addons: { seats: { quantity: 3 } } }),
      // 10 + 57 + 7 + 18 = 92.00 → −12.00
      ["fee basic 10.00", "usage calls 57.00", "usage jobs 7.00", "addon seats 18.00", "cap basic -12.00"],
      "80.00",
    ],
    [
      "a percentage on the fee takes only the fee line; an amount off larger than its line takes the line, no more",
      doc({ calls: 520, jobs: 1 }, { coupons: ["fee-off", "jobs-off"] }),
      // −5.00 (50% of 10.00), −7.00 (not −100); lines 38.00 → true-up 12.00
      [
        "fee basic 10.00",
        "usage calls 33.00",
        "usage jobs 7.00",
        "discount fee-off -5.00",
        "discount jobs-off -7.00",
        "commitment basic 12.00",
      ],
      "50.00",
    ],
    [
      "credits are drawn in order down to zero: the next one draws nothing",
      doc(
        { calls: 520, jobs: 1 },
        {
          credits: [
            { id: "first", balance: "20" },
            { id: "second", balance: "100" },
            { id: "third", balance: "5" },
          ],
        },
      ),
      [
        "fee basic 10.00",
        "usage calls 33.00",
        "usage jobs 7.00",
        "credit first -20.00",
        "credit second -30.00",
        "credit third 0.00",
      ],
      "0.00",
    ],
  ];

  it.each(cases)("%s", (_name, usage, expected, total) => {
    const q = quote(inlineRuleSet("probe", MODE), usage);
    expect(lines(q)).toEqual(expected);
    expect(q.total).toBe(total);
  });

  it("warns about usage above the hard limit, and only then", () => {
    const probe = inlineRuleSet("probe", MODE);
    expect(quote(probe, doc({ calls: 1001, jobs: 0 })).warnings.map((w) => w.code)).toEqual(["limit.exceeded"]);
    expect(quote(probe, doc({ calls: 1000, jobs: 0 })).warnings).toEqual([]);
  });

  it("says what each credit leaves", () => {
    const q = quote(
      inlineRuleSet("probe", MODE),
      doc(
        { calls: 520, jobs: 1 },
        {
          credits: [
            { id: "first", balance: "20" },
            { id: "second", balance: "100" },
          ],
        },
      ),
    );
    expect(q.lines.filter((line) => line.kind === "credit").map((line) => line.note)).toEqual([
      "0.00 USD left",
      "70.00 USD left",
    ]);
  });

  it("refuses one more than the maximum quantity, and none", () => {
    const probe = inlineRuleSet("probe", MODE);
    // Above the maximum has its own code; none at all is not one of the quantities on offer.
    const codes = (quantity: number) =>
      problemsOf(() => quote(probe, doc({ calls: 0, jobs: 0 }, { addons: { seats: { quantity } } }))).map(
        (p) => p.code,
      );
    expect([codes(4), codes(0)]).toEqual([["usage.quantity"], ["usage.option"]]);
  });

  it("explains the tiers, the hard limit and each adjustment in words", () => {
    const probe = inlineRuleSet("probe", MODE);
    const explained = (usage: UsageDocument) =>
      Object.fromEntries(
        quote(probe, usage, { explain: true }).lines.map((line) => [`${line.kind} ${line.id}`, line.explanation]),
      );
    expect(explained(doc({ calls: 150, jobs: 0 }))).toMatchObject({
      "usage calls":
        "Total calls: 150 calls. Basic includes 100 calls; the 50 calls above it are billed in graduated tiers: the first 50 at 0.10 plus 5.00 = 10.00 USD.",
      "commitment basic":
        "Basic commits to at least 50.00 USD a month; this month's charges come to 20.00 USD, so the difference of 30.00 USD is billed.",
    });
    expect(explained(doc({ calls: 101, jobs: 0 }))["usage calls"]).toContain("the 1 call above it is billed");
    expect(explained(doc({ calls: 1500, jobs: 1 }, { addons: { seats: { quantity: 3 } } }))).toMatchObject({
      "usage calls":
        "Total calls: 1,500 calls. Basic is capped at 1,000 calls; the 500 above the cap are blocked, not billed. Basic includes 100 calls; the 900 calls above it are billed in graduated tiers: the first 100 at 0.10 plus 5.00, the next 800 at 0.05 plus 2.00 = 57.00 USD.",
      "usage jobs": "Total jobs: 1 job. The 1 job is billed at a flat 7.00 = 7.00 USD.",
      "addon seats": "Extra seats: 3 seats at 6.00 USD a month each = 18.00 USD.",
      "cap basic": "Basic bills at most 80.00 USD a month; the 12.00 USD above it is not billed.",
    });
    expect(
      explained(doc({ calls: 520, jobs: 1 }, { coupons: ["fee-off"], credits: [{ id: "first", balance: "20" }] })),
    ).toMatchObject({
      "discount fee-off": "Half the fee: 50% off 10.00 USD = −5.00 USD.",
      "credit first": "Prepaid credit first: 20.00 USD used this month; 0.00 USD left.",
    });
  });
});
