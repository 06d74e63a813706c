import { describe, expect, it } from "vitest";
import { amounts, problemsOf, saasQuote } from "./helpers.js";

/** Hand-computed quotes for the sample SaaS rule set (EUR, half-even rounding). */
describe("example-saas", () => {
  const cases: [string, Record<string, unknown>, string, Record<string, string>][] = [
    [
      "Business within its quotas",
      { edition: "business", usage: { emails: 10_000, seats: 3, storage: 0 } },
      "49.00",
      { emails: "0.00", seats: "0.00" },
    ],
    // 60,000 above the quota: 50,000 × 0.0008 + 10,000 × 0.0006 = 40 + 6
    [
      "graduated: two tiers",
      { edition: "business", usage: { emails: 70_000, seats: 3, storage: 0 } },
      "95.00",
      { emails: "46.00" },
    ],
    // 600,000 above: 40 + 450,000 × 0.0006 + 100,000 × 0.0004 = 40 + 270 + 40
    [
      "graduated: all three tiers",
      { edition: "business", usage: { emails: 610_000, seats: 3, storage: 0 } },
      "399.00",
      { emails: "350.00" },
    ],
    [
      "graduated: daily values are summed",
      { edition: "business", usage: { emails: [30_000, 30_000, 10_000], seats: 3, storage: 0 } },
      "95.00",
      { emails: "46.00" },
    ],
    [
      "volume: 10 GB in tier 1 at 0.25",
      { edition: "business", usage: { emails: 0, seats: 3, storage: 10 } },
      "51.50",
      { storage: "2.50" },
    ],
    [
      "volume: 10.5 GB all at tier 2's 0.20",
      { edition: "business", usage: { emails: 0, seats: 3, storage: 10.5 } },
      "51.10",
      { storage: "2.10" },
    ],
    [
      "volume: 150 GB at 0.15 plus the tier's flat 5",
      { edition: "business", usage: { emails: 0, seats: 3, storage: 150 } },
      "76.50",
      { storage: "27.50" },
    ],
    [
      "volume: the latest daily value counts",
      { edition: "business", usage: { emails: 0, seats: 3, storage: [500, 12, 150] } },
      "76.50",
      { storage: "27.50" },
    ],
    [
      "half-even: 2.005 rounds to 2.00",
      { edition: "business", usage: { emails: 0, seats: 3, storage: "10.025" } },
      "51.00",
      { storage: "2.00" },
    ],
    [
      "half-even: 2.015 rounds to 2.02",
      { edition: "business", usage: { emails: 0, seats: 3, storage: "10.075" } },
      "51.02",
      { storage: "2.02" },
    ],
    [
      "per-unit seats above the included 3",
      { edition: "business", usage: { emails: 0, seats: 5, storage: 0 } },
      "65.00",
      { seats: "16.00" },
    ],
    [
      "Enterprise storage above its 50 GB",
      { edition: "enterprise", usage: { emails: 0, seats: 1, storage: 60 } },
      "501.50",
      { storage: "2.50" },
    ],
    [
      "launch offer: inbound parsing free before 2026-01-01",
      { period: "2025-12", edition: "business", usage: { emails: 0, seats: 3, storage: 0, inbound: 2_500 } },
      "49.00",
      { inbound: "0.00" },
    ],
    [
      "after the offer: 2,500 → 3 blocks of 1,000 × 0.5",
      { edition: "business", usage: { emails: 0, seats: 3, storage: 0, inbound: 2_500 } },
      "50.50",
      { inbound: "1.50" },
    ],
    [
      "SSO on Business",
      { edition: "business", usage: { emails: 0, seats: 3, storage: 0 }, addons: { sso: true } },
      "148.00",
      { sso: "99.00" },
    ],
    [
      "SSO is included in Enterprise",
      { edition: "enterprise", usage: { emails: 0, seats: 1, storage: 0 }, addons: { sso: true } },
      "499.00",
      { sso: "0.00" },
    ],
    [
      "audit log with SSO",
      {
        edition: "business",
        usage: { emails: 0, seats: 3, storage: 0 },
        addons: { sso: true, "audit-log": { retention: 365 } },
      },
      "207.99",
      { "audit-log": "59.99" },
    ],
    [
      "audit log on Enterprise without buying SSO",
      { edition: "enterprise", usage: { emails: 0, seats: 1, storage: 0 }, addons: { "audit-log": { retention: 90 } } },
      "518.99",
      { "audit-log": "19.99" },
    ],
    [
      "dedicated IP on the free Starter",
      { usage: { emails: 100, seats: 1 }, addons: { "dedicated-ip": { activatedAt: "2026-09-01" } } },
      "29.50",
      { starter: "0.00", "dedicated-ip": "29.50" },
    ],
  ];
  it.each(cases)("%s", (_name, usage, total, lines) => {
    const q = saasQuote(usage);
    expect(q.currency).toBe("EUR");
    expect(q.total).toBe(total);
    expect(amounts(q)).toMatchObject(lines);
  });

  it("a trial ending on the 10th: the remaining 21 of 31 days are charged by day", () => {
    // 29.50 × 21/31 = 19.9838… → 19.98 (half-even)
    const q = saasQuote({ usage: { emails: 0, seats: 1 }, addons: { "dedicated-ip": { activatedAt: "2026-09-27" } } });
    expect(q.lines.find((l) => l.id === "dedicated-ip")).toMatchObject({
      quantity: "21",
      amount: "19.98",
      description: "Dedicated IP address (11 Oct–31 Oct)",
    });
    expect(q.total).toBe("19.98");
  });

  it("an add-on bought mid-month is charged from that day; one cancelled is charged until then", () => {
    const q = saasQuote({
      edition: "business",
      usage: { emails: 0, seats: 3, storage: 0 },
      addons: { sso: true },
      changes: [{ on: "2026-10-11", addons: { sso: false, "dedicated-ip": { activatedAt: "2026-08-01" } } }],
    });
    // SSO 99 × 10/31 = 31.935… → 31.94; dedicated IP 29.50 × 21/31 = 19.98
    expect(q.lines.map((l) => [l.id, l.amount])).toEqual([
      ["business", "49.00"],
      ["emails", "0.00"],
      ["storage", "0.00"],
      ["seats", "0.00"],
      ["sso", "31.94"],
      ["dedicated-ip", "19.98"],
    ]);
  });

  it("an add-on bought in units: 3 extra domains × 2.00", () => {
    const q = saasQuote({
      edition: "business",
      usage: { emails: 0, seats: 3, storage: 0 },
      addons: { "extra-domains": { quantity: 3 } },
    });
    expect(q.lines.find((l) => l.id === "extra-domains")).toMatchObject({
      quantity: "3",
      unit: "domain",
      unitPrice: "2.00",
      amount: "6.00",
    });
    expect(q.total).toBe("55.00");
  });

  it.each([
    [{}, "give quantity", "usage.option"],
    [{ quantity: 0 }, "from 1 to 50", "usage.option"],
    [{ quantity: 51 }, "from 1 to 50", "usage.quantity"],
    [{ quantity: 2.5 }, "whole number", "usage.option"],
  ])("refuses an add-on quantity of %j", (settings, words, code) => {
    const problems = problemsOf(() =>
      saasQuote({
        edition: "business",
        usage: { emails: 0, seats: 3, storage: 0 },
        addons: { "extra-domains": settings },
      }),
    );
    expect(problems.map((p) => p.code)).toEqual([code]);
    expect(problems[0]!.message).toContain(words);
  });

  it("refuses the audit log without SSO: an add-on with a dependency", () => {
    const problems = problemsOf(() =>
      saasQuote({
        edition: "business",
        usage: { emails: 0, seats: 3, storage: 0 },
        addons: { "audit-log": { retention: 90 } },
      }),
    );
    expect(problems.map((p) => [p.code, p.message])).toEqual([
      ["usage.addon-not-eligible", expect.stringContaining("needs the single sign-on add-on")],
    ]);
  });

  it("sums daily counts exactly past 2^53", () => {
    const max = Number.MAX_SAFE_INTEGER;
    const q = saasQuote({ edition: "business", usage: { emails: [max, max, 1], seats: 3, storage: 0 } });
    expect(q.trace!.find((s) => s.rule === "meter/emails")!.text).toBe(
      "total emails sent 18,014,398,509,481,983, the sum of 3 daily values",
    );
    expect(q.lines.find((l) => l.id === "emails")!.quantity).toBe("18014398509471983");
  });

  it("explains graduated tiers step by step", () => {
    const q = saasQuote({ edition: "business", usage: { emails: 70_000, seats: 3, storage: 0 } });
    expect(q.trace!.map((s) => s.text)).toContain(
      "total emails sent 70,000 − 10,000 included = 60,000 → graduated tiers: 50,000 × 0.0008 + 10,000 × 0.0006 = 46.00",
    );
  });

  it("settles within the first 5 days of the next month", () => {
    expect(saasQuote({ usage: { emails: 0, seats: 1 } }).settlement).toMatchObject({
      from: "2026-11-01",
      to: "2026-11-05",
    });
  });
});
