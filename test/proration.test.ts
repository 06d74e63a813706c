import { describe, expect, it } from "vitest";
import { quote, type UsageDocument } from "../src/index.js";
import { inlineRuleSet } from "./inline-yaml.js";

/**
 * Under daily proration a commitment and a minimum spend are billed like the plan fee: each
 * edition's for its days. November has 30 days; a change on the 16th splits it 15 + 15. What a
 * commitment covers follows the charges, which are the month-end edition's, as quotas do.
 */
const MODE = (proration: "daily" | "none") => `planChanges: { proration: ${proration} }
meters:
  - { id: requests, name: Requests, unit: request, aggregate: sum }
editions:
  - { id: payg, name: PAYG, fee: 0, default: true }
  - { id: committed, name: Committed, fee: 10, commitment: { quantity: 100, meter: requests, unitPrice: 0.015 } }
  - { id: floor, name: Floor, fee: 0, minimumSpend: 20 }
  - { id: floor2, name: Floor 2, fee: 0, minimumSpend: 40 }
charges:
  - id: requests
    name: Requests
    meter: requests
    price: { model: per-unit, unitPrice: 0.01 }
`;
const daily = inlineRuleSet("proration", MODE("daily"));
const none = inlineRuleSet("proration", MODE("none"));

function doc(edition: string, to: string, requests: number): UsageDocument {
  return {
    ruleset: "proration",
    period: "2026-11",
    edition,
    usage: { requests },
    changes: [{ on: "2026-11-16", edition: to }],
  };
}

describe("commitments and minimum spends under daily proration", () => {
  const cases: [string, UsageDocument, [string, string][], string][] = [
    [
      "leaving a commitment on the 16th: 15 days of it (100 × 0.015 × 15/30 = 0.75); PAYG's charges bill all 300",
      doc("committed", "payg", 300),
      [
        ["committed", "5.00"],
        ["payg", "0.00"],
        ["committed-commitment", "0.75"],
        ["requests", "3.00"],
      ],
      "8.75",
    ],
    [
      "joining a commitment on the 16th: 15 days of it; its 100 units cover the month's usage",
      doc("payg", "committed", 300),
      [
        ["payg", "0.00"],
        ["committed", "5.00"],
        ["committed-commitment", "0.75"],
        ["requests", "2.00"],
      ],
      "7.75",
    ],
    [
      "joining a minimum spend on the 16th: 20 × 15/30 = 10.00, less the 1.00 of lines",
      doc("payg", "floor", 100),
      [
        ["payg", "0.00"],
        ["floor", "0.00"],
        ["requests", "1.00"],
        ["floor", "9.00"],
      ],
      "10.00",
    ],
    [
      "leaving a minimum spend on the 16th: its 15 days still count",
      doc("floor", "payg", 100),
      [
        ["floor", "0.00"],
        ["payg", "0.00"],
        ["requests", "1.00"],
        ["floor", "9.00"],
      ],
      "10.00",
    ],
    [
      "two minimums, each for its days: 20 × 15/30 + 40 × 15/30 = 30.00",
      doc("floor", "floor2", 100),
      [
        ["floor", "0.00"],
        ["floor2", "0.00"],
        ["requests", "1.00"],
        ["floor2", "29.00"],
      ],
      "30.00",
    ],
  ];
  it.each(cases)("%s", (_name, usage, lines, total) => {
    const q = quote(daily, usage);
    expect(q.lines.map((line) => [line.id, line.amount])).toEqual(lines);
    expect(q.total).toBe(total);
  });

  it("words a prorated commitment and minimum, the rate as written (0.015, not 0.02)", () => {
    const q = quote(daily, doc("committed", "floor", 100), { explain: true });
    expect(q.lines.find((line) => line.id === "committed-commitment")?.explanation).toBe(
      "Committed commits to 100 requests at 0.015 USD each, 1.50 USD a month; for 15 of 30 days (1 Nov–15 Nov), charged by day: 0.75 USD.",
    );
    expect(q.trace?.map((step) => step.text)).toContain(
      "Floor: minimum spend 10.00 (Floor 15/30 of 20.00, by day) − lines 6.75 = 3.25",
    );
  });

  it("without proration the month-end edition's commitment and minimum count for the whole month", () => {
    expect(quote(none, doc("committed", "payg", 300)).total).toBe("3.00");
    expect(quote(none, doc("payg", "committed", 300)).total).toBe("13.50");
    expect(quote(none, doc("floor", "payg", 100)).total).toBe("1.00");
    expect(quote(none, doc("payg", "floor", 100)).total).toBe("20.00");
  });
});
