import { describe, expect, it } from "vitest";
import { quote, type Quote, type UsageDocument } from "../src/index.js";
import { problemsOf } from "./helpers.js";
import { inlineRuleSet } from "./inline-yaml.js";

/**
 * When discounts apply (dates, editions, a customer's first months, coupons) and how fees and
 * add-ons are prorated by day, trials included (cases chosen by mutation testing, `npm run mutate`).
 * Prices are chosen so that October's 31 days divide evenly; each amount is worked out by hand:
 *   Pro 31.00 a month (1.00 a day); Team 3.10 per seat; Backup 6.20 (0.20 a day) after a
 *   10-day trial; Extra 3.10 a pack (0.10 a day).
 */
const MODE = `planChanges: { proration: daily }
meters:
  - { id: seats, name: Seats, unit: seat, aggregate: max }
editions:
  - { id: free, name: Free, fee: free, default: true }
  - { id: pro, name: Pro, fee: 31 }
  - { id: team, name: Team, fee: { unitPrice: 3.10, per: seats } }
charges: []
addons:
  - { id: backup, name: Backup, price: 6.20, trial: { days: 10 } }
  - { id: extra, name: Extra, quantity: { unit: pack, plural: packs }, price: 3.10 }
discounts:
  - { id: dated, name: October on Pro, percent: 10, on: fee, from: 2026-10-31, until: 2026-11-01, editions: [pro] }
  - { id: welcome, name: Welcome, percent: 50, on: fee, firstMonths: 2, editions: [team] }
  - { id: spring, name: Spring coupon, amount: 5, on: fee, coupon: true, editions: [pro] }
`;

const OLD = { createdAt: "2020-01-01" };
const doc = (period: string, extra: Partial<UsageDocument>): UsageDocument => ({
  ruleset: "terms",
  period,
  usage: { seats: 2 },
  ...extra,
});
const lines = (q: Quote) => q.lines.map((line) => `${line.kind} ${line.id} ${line.amount}`);

describe("which discounts apply to a month", () => {
  const cases: [string, UsageDocument, string[]][] = [
    [
      "dated: starts on the month's last day, so it applies",
      doc("2026-10", { edition: "pro" }),
      ["fee pro 31.00", "discount dated -3.10"],
    ],
    ["dated: ends on the next month's first day, so not then", doc("2026-11", { edition: "pro" }), ["fee pro 31.00"]],
    ["dated: not before it starts", doc("2026-09", { edition: "pro" }), ["fee pro 31.00"]],
    ["by edition: not for another edition", doc("2026-10", { edition: "team", app: OLD }), ["fee team 6.20"]],
    [
      "first months: the month the customer started",
      doc("2026-09", { edition: "team", app: { createdAt: "2026-09-15" } }),
      ["fee team 6.20", "discount welcome -3.10"],
    ],
    [
      "first months: the second month",
      doc("2026-10", { edition: "team", app: { createdAt: "2026-09-15" } }),
      ["fee team 6.20", "discount welcome -3.10"],
    ],
    [
      "first months: not the third",
      doc("2026-11", { edition: "team", app: { createdAt: "2026-09-15" } }),
      ["fee team 6.20"],
    ],
    [
      "a coupon: only when the document holds it",
      doc("2026-11", { edition: "pro", coupons: ["spring"] }),
      ["fee pro 31.00", "discount spring -5.00"],
    ],
  ];
  it.each(cases)("%s", (_name, usage, expected) => {
    expect(lines(quote(inlineRuleSet("terms", MODE), usage))).toEqual(expected);
  });

  it("refuses a coupon the mode does not offer, and a first-months discount without app.createdAt", () => {
    const rules = inlineRuleSet("terms", MODE);
    expect(
      problemsOf(() => quote(rules, doc("2026-11", { edition: "pro", coupons: ["autumn"] }))).map((p) => [
        p.code,
        p.path,
      ]),
    ).toEqual([["usage.coupon", ["coupons", 0]]]);
    expect(problemsOf(() => quote(rules, doc("2026-10", { edition: "team" }))).map((p) => [p.code, p.path])).toEqual([
      ["usage.date", ["app"]],
    ]);
  });
});

describe("proration by day", () => {
  const cases: [string, UsageDocument, string[]][] = [
    [
      "a change of edition splits the fee: Pro for 10 days, Team (2 seats) for 21",
      doc("2026-10", { edition: "pro", app: OLD, changes: [{ on: "2026-10-11", edition: "team" }] }),
      ["fee pro 10.00", "fee team 4.20"], // 31 × 10/31; 6.20 × 21/31
    ],
    [
      "a trial that ends inside the month: the paid days only",
      doc("2026-10", { edition: "pro", addons: { backup: { activatedAt: "2026-10-20" } } }),
      ["fee pro 31.00", "addon backup 0.40", "discount dated -3.10"],
    ], // free 20–29 Oct, 30–31 paid: 6.20 × 2/31
    [
      "a trial that ends after the month: free",
      doc("2026-10", { edition: "pro", addons: { backup: { activatedAt: "2026-10-25" } } }),
      ["fee pro 31.00", "addon backup 0.00", "discount dated -3.10"],
    ],
    [
      "a trial that ended before the month: the whole month",
      doc("2026-11", { edition: "pro", addons: { backup: { activatedAt: "2026-09-10" } } }),
      ["fee pro 31.00", "addon backup 6.20"],
    ],
    [
      "a trial that ends on the month's 4th day: 27 paid days",
      doc("2026-10", { edition: "pro", addons: { backup: { activatedAt: "2026-09-25" } } }),
      ["fee pro 31.00", "addon backup 5.40", "discount dated -3.10"],
    ], // 6.20 × 27/31
    [
      "a trial that ends on the month's last day: free",
      doc("2026-10", { edition: "pro", addons: { backup: { activatedAt: "2026-10-22" } } }),
      ["fee pro 31.00", "addon backup 0.00", "discount dated -3.10"],
    ],
    [
      "packs for the whole month",
      doc("2026-11", { edition: "pro", addons: { extra: { quantity: 3 } } }),
      ["fee pro 31.00", "addon extra 9.30"],
    ],
    [
      "packs from the 22nd: 10 days",
      doc("2026-11", { edition: "pro", addons: { extra: { quantity: 3, activatedAt: "2026-11-21" } } }),
      ["fee pro 31.00", "addon extra 3.10"],
    ], // 9.30 × 10/30
    [
      "packs activated on the 1st: the whole month",
      doc("2026-11", { edition: "pro", addons: { extra: { quantity: 3, activatedAt: "2026-11-01" } } }),
      ["fee pro 31.00", "addon extra 9.30"],
    ],
  ];
  it.each(cases)("%s", (_name, usage, expected) => {
    expect(lines(quote(inlineRuleSet("terms", MODE), usage))).toEqual(expected);
  });

  it("refuses an add-on activated after the month, and a trial add-on without its activation date", () => {
    const rules = inlineRuleSet("terms", MODE);
    expect(
      problemsOf(() =>
        quote(rules, doc("2026-10", { edition: "pro", addons: { extra: { quantity: 1, activatedAt: "2026-11-01" } } })),
      ).map((p) => p.code),
    ).toEqual(["usage.date"]);
    expect(
      problemsOf(() => quote(rules, doc("2026-10", { edition: "pro", addons: { backup: true } }))).map((p) => p.code),
    ).toEqual(["usage.date"]);
  });
});
