import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buyableAddons } from "../src/evaluate/buyable.js";
import { quoteOptions } from "../src/evaluate/quote.js";
import { quote, RatecardError, type Quote, type UsageDocument } from "../src/index.js";
import type { AddonPlan, ModePlan } from "../src/model/plan.js";
import { problemsOf } from "./helpers.js";
import { inlineRuleSet as inlineRules } from "./inline-rules.js";
import { HEAVY } from "./timeouts.js";
import { inlineRuleSet } from "./inline-yaml.js";

/**
 * How src/evaluate words and prices the lines of a quote, in cases chosen by mutation testing
 * (`npm run mutate`): each case compares whole lines, trace steps and warnings. Amounts worked out
 * by hand: packs 3.10 × 3 × 21/31 = 6.30; vault 6.20 × 24/31 = 4.80 (a 5-day trial from 3 Oct
 * ends on 7 Oct, so 8–31 Oct are paid).
 */
const ADDONS = `planChanges: { proration: daily }
meters:
  - { id: calls, name: Calls, unit: call, aggregate: sum }
editions:
  - { id: basic, name: Basic, fee: 31, default: true }
charges:
  - { id: calls, name: Calls, meter: calls, price: { model: per-unit, unitPrice: 1 } }
addons:
  - { id: packs, name: Packs, quantity: { unit: pack }, price: 3.1 }
  - id: vault
    name: Vault
    trial: { days: 5 }
    option: { id: days, name: Retention, unit: day }
    options: { 30: included, 90: 6.2 }
  - id: lab
    name: Lab
    trial: { days: 10 }
    editions:
      basic: { note: Price on request }
  - id: desk
    name: Desk
    editions:
      basic: { note: Price on request }
  - { id: tier, name: Tier, option: { id: level, name: Level }, options: { gold: 6.2 } }
  - { id: care, name: Care, editions: { basic: { included: true } } }
`;

type Line = [
  description: string,
  quantity: string,
  unit: string,
  unitPrice: string,
  amount: string,
  note: string,
  explanation: string,
];

describe("add-on lines under daily proration (October: 31 days)", () => {
  const cases: [string, Record<string, unknown>, Line[], string[], { code: string; message: string }[]][] = [
    [
      "bought by units part of the month: by day from its activation",
      { packs: { quantity: 3, activatedAt: "2026-10-11" } },
      [
        [
          "Packs (11 Oct–31 Oct)",
          "21",
          "days of 31",
          "3.10",
          "6.30",
          "",
          "Packs is charged by day for 21 of 31 days (11 Oct–31 Oct), from its activation on 2026-10-11: 3.10 USD per pack × 3 × 21/31 = 6.30 USD.",
        ],
      ],
      ["Packs, 11 Oct–31 Oct: 3.10 per pack × 3 × 21/31 = 6.30 (charged by day, from its activation on 2026-10-11)"],
      [],
    ],
    [
      "one unit for the whole month",
      { packs: { quantity: 1 } },
      [["Packs", "1", "pack", "3.10", "3.10", "", "Packs: 1 pack at 3.10 USD a month each = 3.10 USD."]],
      ["Packs: 1 pack × 3.10 = 3.10"],
      [],
    ],
    [
      "an option after its trial: by day from the day after",
      { vault: { days: 90, activatedAt: "2026-10-03" } },
      [
        [
          "Vault (90 days) (8 Oct–31 Oct)",
          "24",
          "days of 31",
          "6.20",
          "4.80",
          "",
          "Vault (90 days) is charged by day for 24 of 31 days (8 Oct–31 Oct), after its free trial ended on 2026-10-07: 6.20 USD × 24/31 = 4.80 USD.",
        ],
      ],
      ["Vault (90 days), 8 Oct–31 Oct: 6.20 × 24/31 = 4.80 (charged by day, after its free trial ended on 2026-10-07)"],
      [],
    ],
    [
      "an option cell included, with the default reason",
      { vault: { days: 30, activatedAt: "2026-10-03" } },
      [
        [
          "Vault (30 days)",
          "1",
          "month",
          "0.00",
          "0.00",
          "Included in the edition",
          "Vault (30 days) is included in Basic: no charge.",
        ],
      ],
      ["Vault (30 days): included in Basic"],
      [],
    ],
    [
      "a trial with no published price after it",
      { lab: { activatedAt: "2026-10-20" } },
      [
        [
          "Lab",
          "1",
          "month",
          "0.00",
          "0.00",
          "Free trial of 10 days",
          "Lab is free until the end of its trial on 2026-10-29; no price is published for the days after it.",
        ],
      ],
      ["Lab: free trial until 2026-10-29; no published price after it"],
      [
        {
          code: "addon.unpriced",
          message:
            "Lab (lab) has no published price after its free trial ends on 2026-10-29; it is not priced in this quote",
        },
      ],
    ],
    [
      "no published price after a trial that has ended: no line",
      { lab: { activatedAt: "2026-09-01" } },
      [],
      [],
      [
        {
          code: "addon.unpriced",
          message:
            "Lab (lab) has no published price after its free trial ends on 2026-09-10; it is not priced in this quote",
        },
      ],
    ],
    [
      "no published price and no trial: no line",
      { desk: true },
      [],
      [],
      [
        {
          code: "addon.unpriced",
          message: "Desk (desk) has no published price with Basic in these prices; it is not priced in this quote",
        },
      ],
    ],
    [
      "units written as digits, the whole month",
      { packs: { quantity: "2" } },
      [["Packs", "2", "pack", "3.10", "6.20", "", "Packs: 2 packs at 3.10 USD a month each = 6.20 USD."]],
      ["Packs: 2 packs × 3.10 = 6.20"],
      [],
    ],
    [
      "a trial that lasts past the month: free, days counted",
      { vault: { days: 90, activatedAt: "2026-10-29" } },
      [
        [
          "Vault (90 days)",
          "1",
          "month",
          "0.00",
          "0.00",
          "Free trial of 5 days",
          "Vault is in its free trial (day 1–3 of 5, activated 2026-10-29, last free day 2026-11-02): no charge.",
        ],
      ],
      ["Vault: free trial, day 1–3 of 5 (from 2026-10-29, ends 2026-11-02)"],
      [],
    ],
    [
      "an option without a unit",
      { tier: { level: "gold" } },
      [["Tier (gold)", "1", "month", "6.20", "6.20", "", "Tier (gold) costs 6.20 USD a month with Basic."]],
      ["Tier (gold): 1 month × 6.20"],
      [],
    ],
    [
      "included in the edition, without a reason given",
      { care: true },
      [["Care", "1", "month", "0.00", "0.00", "Included in the edition", "Care is included in Basic: no charge."]],
      ["Care: included in Basic"],
      [],
    ],
  ];
  it.each(cases)("%s", (_name, addons, lines, trace, warnings) => {
    const q = quote(
      inlineRuleSet("addons", ADDONS),
      { ruleset: "addons", period: "2026-10", usage: { calls: 0 }, addons } as UsageDocument,
      { explain: true },
    );
    expect(
      q.lines
        .slice(2)
        .map((l) => [l.description, l.quantity, l.unit, l.unitPrice, l.amount, l.note ?? "", l.explanation]),
    ).toEqual(lines);
    expect(q.trace!.filter((step) => step.rule.startsWith("addon/")).map((step) => step.text)).toEqual(trace);
    expect(q.warnings).toEqual(warnings);
  });
});

describe("an add-on bought by a change inside the month", () => {
  it("is charged by day from the change, one unit without a multiplier: 3.10 × 21/31 = 2.10", () => {
    const q = quote(
      inlineRuleSet("addons", ADDONS),
      {
        ruleset: "addons",
        period: "2026-10",
        usage: { calls: 0 },
        changes: [{ on: "2026-10-11", addons: { packs: { quantity: 1 } } }],
      },
      { explain: true },
    );
    expect(q.lines.slice(2).map((l) => [l.description, l.quantity, l.unit, l.amount, l.explanation])).toEqual([
      [
        "Packs (11 Oct–31 Oct)",
        "21",
        "days of 31",
        "2.10",
        "Packs is charged by day for 21 of 31 days (11 Oct–31 Oct): 3.10 USD per pack × 21/31 = 2.10 USD.",
      ],
    ]);
    expect(q.trace!.filter((step) => step.rule.startsWith("addon/")).map((step) => step.text)).toEqual([
      "Packs, 11 Oct–31 Oct: 3.10 per pack × 21/31 = 2.10 (charged by day)",
    ]);
  });
});

describe("the add-ons an edition can buy (checks and pricing pages)", () => {
  const MODE = `meters:
  - { id: calls, name: Calls, unit: call, aggregate: sum }
editions:
  - { id: e0, name: E0, fee: 1, default: true }
  - { id: e1, name: E1, fee: 2 }
addons:
  - { id: a, name: A, price: 1 }
  - { id: b, name: B, editions: { e0: { price: 1 }, e1: { offered: false } } }
  - { id: c, name: C, price: 1, eligible: { when: { "!!": { var: addons.d } }, message: with D } }
  - { id: d, name: D, price: 1, eligible: { when: { "!!": { var: addons.c } }, message: with C } }
  - { id: e, name: E, price: 1, eligible: { when: { "!!": { var: addons.a } }, message: with A } }
  - { id: f, name: F, price: 1, eligible: { when: { "!": { var: addons.e } }, message: not with E } }
  - { id: g, name: G, price: 1, eligible: { when: { ">": [{ var: usage.calls }, 5] }, message: more calls } }
  - { id: h, name: H, price: 1, eligible: { when: { "!=": [{ var: edition }, e1] }, message: not on E1 } }
  - { id: i, name: I, price: 1, eligible: { when: { missing: [addons.a] }, message: not with A } }
`;
  // C and D each need the other (neither is ever bought first); E needs A, which is always buyable; F excludes E;
  // G depends on usage, which some document meets; I excludes A, as every add-on read through `missing`.
  it.each([
    ["e0", ["a", "b", "e", "g", "h"]],
    ["e1", ["a", "e", "g"]],
  ])("%s", (edition, buyable) => {
    const mode = inlineRuleSet("buyable", MODE).versions[0]!;
    expect([...buyableAddons(mode, edition)].sort()).toEqual(buyable);
    expect([...buyableAddons(mode, edition)].sort()).toEqual(buyable);
  });

  it("when every add-on depends on another and none settles, is what one pass per add-on leaves", () => {
    // X excludes Y and Y excludes X, W needs X: passes give {X, Y}, {W}, {X, Y}, {W}; after 3 passes (one per add-on), {W}.
    const mode = inlineRuleSet(
      "cycle",
      `meters:
  - { id: calls, name: Calls, unit: call, aggregate: sum }
editions:
  - { id: e0, name: E0, fee: 1, default: true }
addons:
  - { id: x, name: X, price: 1, eligible: { when: { "!": { var: addons.y } }, message: not with Y } }
  - { id: y, name: Y, price: 1, eligible: { when: { "!": { var: addons.x } }, message: not with X } }
  - { id: w, name: W, price: 1, eligible: { when: { "!!": { var: addons.x } }, message: with X } }
`,
    ).versions[0]!;
    expect([...buyableAddons(mode, "e0")]).toEqual(["w"]);
  });
});

describe("discounts in order, each on what is left (fee 10.00, 100 calls at 1.00)", () => {
  const MODE = (discounts: string) => `meters:
  - { id: calls, name: Calls, unit: call, aggregate: sum }
editions:
  - { id: basic, name: Basic, fee: 10, default: true }
charges:
  - { id: calls, name: Calls, meter: calls, price: { model: per-unit, unitPrice: 1 } }
discounts:
${discounts}`;
  const cases: [string, string, string[][], string[], string][] = [
    [
      "two discounts on the total: each on what is left of the quote",
      "  - { id: t1, name: T1, percent: 10, on: total }\n  - { id: t2, name: T2, amount: 5, on: total }\n",
      [
        ["t1", "-11.00", "T1: 10% off 110.00 USD = −11.00 USD."],
        ["t2", "-5.00", "T2: 5.00 USD off 99.00 USD = −5.00 USD."],
      ],
      ["T1: 10% of 110.00 = −11.00", "T2: 5.00 off 99.00 = −5.00"],
      "94.00",
    ],
    [
      "two discounts on one charge: the second on what the first left",
      "  - { id: c1, name: C1, percent: 50, on: { charge: calls } }\n  - { id: c2, name: C2, percent: 50, on: { charge: calls } }\n",
      [
        ["c1", "-50.00", "C1: 50% off 100.00 USD = −50.00 USD."],
        ["c2", "-25.00", "C2: 50% off the 50.00 USD left after earlier discounts = −25.00 USD."],
      ],
      ["C1: 50% of 100.00 = −50.00", "C2: 50% of 50.00 left = −25.00"],
      "35.00",
    ],
    [
      "a discount on a charge, capped by what is left of the quote",
      "  - { id: t, name: T, amount: 95, on: total }\n  - { id: c, name: C, percent: 50, on: { charge: calls } }\n",
      [
        ["t", "-95.00", "T: 95.00 USD off 110.00 USD = −95.00 USD."],
        ["c", "-15.00", "C: 50% off 100.00 USD, at most the 15.00 USD left to discount = −15.00 USD."],
      ],
      ["T: 95.00 off 110.00 = −95.00", "C: 50% of 100.00, at most the 15.00 left of the quote = −15.00"],
      "0.00",
    ],
    [
      "an amount off larger than its charge, capped by the charge",
      "  - { id: big, name: Big, amount: 1000, on: { charge: calls } }\n",
      [["big", "-100.00", "Big: 1,000.00 USD off 100.00 USD, at most the 100.00 USD left to discount = −100.00 USD."]],
      ["Big: 1,000.00 off 100.00 = −100.00"],
      "10.00",
    ],
  ];
  it.each(cases)("%s", (_name, discounts, lines, trace, total) => {
    const q = quote(
      inlineRuleSet("discounts", MODE(discounts)),
      { ruleset: "discounts", period: "2026-10", usage: { calls: 100 } },
      { explain: true },
    );
    expect(q.lines.slice(2).map((l) => [l.id, l.amount, l.explanation])).toEqual(lines);
    expect(q.trace!.filter((step) => step.rule.startsWith("discount/")).map((step) => step.text)).toEqual(trace);
    expect(q.total).toBe(total);
  });
});

describe("plan fees under daily proration: 31.00 × 10/31 = 10.00; 3.10 × 2 seats × 21/31 = 4.20", () => {
  const MODE = `planChanges: { proration: daily }
meters:
  - { id: seats, name: Seats, unit: seat, aggregate: max }
editions:
  - { id: basic, name: Basic, fee: 31, default: true }
  - { id: team, name: Team, fee: { unitPrice: 3.1, per: seats } }
  - { id: off, name: Off, fee: none }
`;
  const cases: [string, Record<string, unknown>, string[][], string[]][] = [
    [
      "a flat fee then a fee per seat, each for its days (2 seats)",
      { edition: "basic", usage: { seats: 2 }, changes: [{ on: "2026-10-11", edition: "team" }] },
      [
        [
          "Basic plan fee (1 Oct–10 Oct)",
          "10",
          "days of 31",
          "10.00",
          "Basic for 10 of 31 days (1 Oct–10 Oct), charged by day: 31.00 USD × 10/31 = 10.00 USD.",
        ],
        [
          "Team plan fee (11 Oct–31 Oct)",
          "21",
          "days of 31 × 2 seats",
          "4.20",
          "Team for 21 of 31 days (11 Oct–31 Oct), charged by day: 3.10 USD × 2 seats × 21/31 = 4.20 USD.",
        ],
      ],
      [
        "edition Basic: named in the usage document",
        "edition Team: named in the usage document from 2026-10-11",
        "Basic, 1 Oct–10 Oct: 31.00 × 10/31 = 10.00 (charged by day)",
        "Team, 11 Oct–31 Oct: 3.10 × 2 seats × 21/31 = 4.20 (charged by day)",
        "total 10.00 + 4.20 = 14.20 USD",
      ],
    ],
    [
      "the same with 1 seat",
      { edition: "basic", usage: { seats: 1 }, changes: [{ on: "2026-10-11", edition: "team" }] },
      [
        [
          "Basic plan fee (1 Oct–10 Oct)",
          "10",
          "days of 31",
          "10.00",
          "Basic for 10 of 31 days (1 Oct–10 Oct), charged by day: 31.00 USD × 10/31 = 10.00 USD.",
        ],
        [
          "Team plan fee (11 Oct–31 Oct)",
          "21",
          "days of 31 × 1 seat",
          "2.10",
          "Team for 21 of 31 days (11 Oct–31 Oct), charged by day: 3.10 USD × 1 seat × 21/31 = 2.10 USD.",
        ],
      ],
      [
        "edition Basic: named in the usage document",
        "edition Team: named in the usage document from 2026-10-11",
        "Basic, 1 Oct–10 Oct: 31.00 × 10/31 = 10.00 (charged by day)",
        "Team, 11 Oct–31 Oct: 3.10 × 1 seat × 21/31 = 2.10 (charged by day)",
        "total 10.00 + 2.10 = 12.10 USD",
      ],
    ],
    [
      "no fee at all: no line, and the total of no lines",
      { edition: "off", usage: { seats: 1 } },
      [],
      ["edition Off: named in the usage document", "total 0 = 0.00 USD"],
    ],
  ];
  it.each(cases)("%s", (_name, doc, lines, trace) => {
    const q = quote(inlineRuleSet("fees", MODE), { ruleset: "fees", period: "2026-10", ...doc } as UsageDocument, {
      explain: true,
    });
    expect(q.lines.map((l) => [l.description, l.quantity, l.unit, l.amount, l.explanation])).toEqual(lines);
    expect(
      q.trace!.filter((step) => step.rule.startsWith("edition/") || step.rule === "money").map((step) => step.text),
    ).toEqual(trace);
  });
});

describe("quote options", () => {
  it("refuse an explain that is not true or false, saying so", () => {
    const rules = inlineRuleSet(
      "options",
      "meters:\n  - { id: calls, name: Calls, unit: call, aggregate: sum }\neditions:\n  - { id: only, name: Only, fee: 1, default: true }\n",
    );
    const problems = problemsOf(() =>
      quote(rules, { ruleset: "options", period: "2026-10", usage: { calls: 1 } }, { explain: "yes" } as never),
    );
    expect(problems.map((p) => [p.code, p.message])).toEqual([
      ["api.argument", "options.explain must be true or false"],
    ]);
  });
});

describe("minimum spend, spend limits and credits, in words", () => {
  const MODE = `meters:
  - { id: calls, name: Calls, unit: call, aggregate: sum }
  - { id: jobs, name: Jobs, unit: job, aggregate: sum }
editions:
  - { id: low, name: Low, fee: 10, default: true, minimumSpend: 50 }
  - { id: usage, name: Usage, fee: 10, maximumSpend: { amount: 60, on: usage } }
  - { id: calls, name: Calls, fee: 10, maximumSpend: { amount: 30, on: [calls] } }
charges:
  - { id: calls, name: Calls, meter: calls, price: { model: per-unit, unitPrice: 1 } }
  - { id: jobs, name: Jobs, meter: jobs, price: { model: per-unit, unitPrice: 2 } }
`;
  const cases: [string, Record<string, unknown>, string[][], string[], string][] = [
    [
      "minimum spend 50.00 \u2212 lines 25.00: a true-up of 25.00",
      { edition: "low", usage: { calls: 5, jobs: 5 } },
      [
        ["low", "Low plan fee", "10.00", "", "Low costs 10.00 USD a month."],
        ["calls", "Calls", "5.00", "", "Total calls: 5 calls. All 5 calls are billed at 1.00 each = 5.00 USD."],
        ["jobs", "Jobs", "10.00", "", "Total jobs: 5 jobs. All 5 jobs are billed at 2.00 each = 10.00 USD."],
        [
          "low",
          "Low minimum spend true-up",
          "25.00",
          "",
          "Low commits to at least 50.00 USD a month; this month's charges come to 25.00 USD, so the difference of 25.00 USD is billed.",
        ],
      ],
      ["Low: minimum spend 50.00 − lines 25.00 = 25.00"],
      "50.00",
    ],
    [
      "a spend limit of 60.00 on usage (90.00): \u221230.00, both usage lines trimmed",
      { edition: "usage", usage: { calls: 50, jobs: 20 } },
      [
        ["usage", "Usage plan fee", "10.00", "", "Usage costs 10.00 USD a month."],
        [
          "calls",
          "Calls",
          "50.00",
          "trimmed by the spend limit on usage of 60.00",
          "Total calls: 50 calls. All 50 calls are billed at 1.00 each = 50.00 USD.",
        ],
        [
          "jobs",
          "Jobs",
          "40.00",
          "trimmed by the spend limit on usage of 60.00",
          "Total jobs: 20 jobs. All 20 jobs are billed at 2.00 each = 40.00 USD.",
        ],
        [
          "usage",
          "Usage spend limit on usage",
          "-30.00",
          "",
          "Usage bills at most 60.00 USD a month for usage; the 30.00 USD above it is not billed.",
        ],
      ],
      ["Usage: usage lines 90.00 − cap 60.00 = −30.00"],
      "70.00",
    ],
    [
      "a spend limit of 30.00 on calls (50.00): \u221220.00; a credit of 100.00 takes the 80.00 left",
      { edition: "calls", usage: { calls: 50, jobs: 20 }, credits: [{ id: "c1", balance: "100" }] },
      [
        ["calls", "Calls plan fee", "10.00", "", "Calls costs 10.00 USD a month."],
        [
          "calls",
          "Calls",
          "50.00",
          "trimmed by the spend limit on calls of 30.00",
          "Total calls: 50 calls. All 50 calls are billed at 1.00 each = 50.00 USD.",
        ],
        ["jobs", "Jobs", "40.00", "", "Total jobs: 20 jobs. All 20 jobs are billed at 2.00 each = 40.00 USD."],
        [
          "calls",
          "Calls spend limit on calls",
          "-20.00",
          "",
          "Calls bills at most 30.00 USD a month for calls; the 20.00 USD above it is not billed.",
        ],
        [
          "c1",
          "Prepaid credit c1",
          "-80.00",
          "20.00 USD left",
          "Prepaid credit c1: 80.00 USD used this month; 20.00 USD left.",
        ],
      ],
      ["Calls: calls lines 50.00 − cap 30.00 = −20.00", "c1: 80.00 of 100.00 used, 20.00 left"],
      "0.00",
    ],
  ];
  it.each(cases)("%s", (_name, doc, lines, trace, total) => {
    const q = quote(inlineRuleSet("limits", MODE), { ruleset: "limits", period: "2026-10", ...doc } as UsageDocument, {
      explain: true,
    });
    expect(q.lines.map((l) => [l.id, l.description, l.amount, l.note ?? "", l.explanation])).toEqual(lines);
    expect(q.trace!.filter((step) => /^(commitment|cap|credit)\//.test(step.rule)).map((step) => step.text)).toEqual(
      trace,
    );
    expect(q.total).toBe(total);
  });
});

describe("buyable add-ons equal a pass-by-pass search (negative, circular and `missing` conditions)", () => {
  /** The search buyableAddons is an optimisation of: every add-on judged on every pass, with the ones bought in the pass before. */
  function searched(mode: ModePlan, edition: string): Set<string> {
    const eligible = (addon: AddonPlan, addons: Record<string, boolean>) =>
      addon.offers.get(edition)?.kind !== "not-offered" &&
      addon.eligible.every(
        (rule) => rule.readsUsage || rule.when({ app: {}, mode: mode.id, edition, period: "", addons, usage: {} }),
      );
    let buyable = new Set<string>();
    for (let pass = 0; pass <= mode.addons.size; pass++) {
      const bought = Object.fromEntries([...buyable].map((id) => [id, true]));
      const next = new Set(
        [...mode.addons.values()].filter((addon) => eligible(addon, { ...bought, [addon.id]: true })).map((a) => a.id),
      );
      if (next.size === buyable.size && [...next].every((id) => buyable.has(id))) return next;
      buyable = next;
    }
    return buyable;
  }
  const condition = (k: number, count: number) =>
    fc.oneof(
      fc.integer({ min: 0, max: count - 1 }).map((other) => ({ "!!": { var: `addons.a${other}` } })),
      fc.integer({ min: 0, max: count - 1 }).map((other) => ({ "!": { var: `addons.a${other}` } })),
      fc.constantFrom(0, 1).map((e) => ({ "!=": [{ var: "edition" }, `e${e}`] })),
      fc.constant({ missing: [`addons.a${(k + 1) % count}`] }),
      fc.constant({ ">=": [{ var: "usage.calls" }, 5] }),
    );
  it("on 60 generated modes", HEAVY, () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5 })
          .chain((count) =>
            fc.tuple(
              fc.constant(count),
              fc.tuple(
                ...Array.from({ length: count }, (_, k) =>
                  fc.tuple(fc.array(condition(k, count), { maxLength: 2 }), fc.boolean()),
                ),
              ),
            ),
          ),
        ([count, addons]) => {
          const rules = inlineRules({
            meters: [{ id: "calls", name: "Calls", unit: "call", aggregate: "sum" }],
            editions: [
              { id: "e0", name: "E0", fee: 1, default: true },
              { id: "e1", name: "E1", fee: 2 },
            ],
            addons: Array.from({ length: count }, (_, k) => ({
              id: `a${k}`,
              name: `A${k}`,
              ...(addons[k]![1] ? { editions: { e0: { price: 1 }, e1: { offered: false } } } : { price: 1 }),
              ...(addons[k]![0].length ? { eligible: addons[k]![0].map((when) => ({ when, message: "no" })) } : {}),
            })),
          });
          const mode = rules.versions[0]!;
          for (const edition of ["e0", "e1"])
            expect([...buyableAddons(mode, edition)].sort()).toEqual([...searched(mode, edition)].sort());
        },
      ),
      { numRuns: 60, seed: 19 },
    );
  });
});

/**
 * The words of fee, commitment and cap lines and of the warnings about fees, read off the code's
 * templates: fee 2.00 per seat; a yearly fee of 120.00 and 10 committed calls at 12.00 a year;
 * 10 committed calls at 0.50 a month; caps of 15.00 on the whole quote and 3.00 on calls or usage.
 * Every document has 12 calls at 1.00 and no jobs.
 */
const WORDS = `meters:
  - { id: calls, name: Calls, unit: call, aggregate: sum }
  - { id: jobs, name: Jobs, unit: job, aggregate: sum }
  - { id: seats, name: Seats, unit: seat, aggregate: max }
editions:
  - { id: free, name: Free, fee: free, default: true }
  - { id: forever, name: Forever, fee: free, validity: permanent }
  - { id: seat, name: Seat, fee: { unitPrice: 2, per: seats } }
  - { id: seatyear, name: Seatyear, fee: { unitPrice: 24, per: seats }, feeInterval: { months: 12 } }
  - { id: ask, name: Ask, fee: none, feeOnRequest: Contact sales }
  - { id: none, name: None, fee: none }
  - id: yearly
    name: Yearly
    fee: 120
    feeInterval: { months: 12 }
    commitment: { quantity: 10, meter: calls, unitPrice: 12 }
  - { id: committed, name: Committed, fee: 5, commitment: { quantity: 10, meter: calls, unitPrice: 0.5 } }
  - { id: capped, name: Capped, fee: 10, maximumSpend: 15 }
  - { id: limited, name: Limited, fee: 10, maximumSpend: { amount: 3, on: [calls] } }
  - { id: usagecap, name: Usagecap, fee: 10, maximumSpend: { amount: 3, on: usage } }
charges:
  - { id: calls, name: Calls, meter: calls, price: { model: per-unit, unitPrice: 1 } }
  - { id: jobs, name: Jobs, meter: jobs, price: { model: per-unit, unitPrice: 1 } }
`;

describe("words of fee, commitment and cap lines (read off the code's templates)", () => {
  const rules = inlineRuleSet("words", WORDS);
  const quoted = (edition: string, seats = 1, period = "2026-10", explain = true): Quote =>
    quote(rules, { ruleset: "words", period, edition, usage: { calls: 12, jobs: 0, seats } }, { explain });
  const line = (q: Quote, rule: string) => q.lines.find((l) => l.rule === rule)!;
  const step = (q: Quote, rule: string) => [...q.trace!].reverse().find((s) => s.rule === rule)!.text;
  const calls =
    "Total calls: 12 calls. Committed includes 10 committed = 10 calls; the 2 calls above it are billed at 1.00 each = 2.00 USD.";

  it.each<[string, () => unknown, unknown]>([
    [
      "a free edition",
      () => [line(quoted("free"), "edition/free").explanation, step(quoted("free"), "edition/free")],
      ["Free is free.", "Free is free"],
    ],
    [
      "a permanent free edition",
      () => [line(quoted("forever"), "edition/forever").explanation, step(quoted("forever"), "edition/forever")],
      ["Forever is free, with no time limit.", "Forever is free (permanent)"],
    ],
    ["a fee for one seat", () => step(quoted("seat", 1), "edition/seat"), "Seat: 1 seat × 2.00 = 2.00"],
    ["a fee for two seats", () => step(quoted("seat", 2), "edition/seat"), "Seat: 2 seats × 2.00 = 4.00"],
    [
      "a yearly fee per seat keeps its unit",
      () => line(quoted("seatyear", 2, "2027-01"), "edition/seatyear").unit,
      "seat",
    ],
    ["a yearly fee's unit is the year", () => line(quoted("yearly", 1, "2027-01"), "edition/yearly").unit, "year"],
    [
      "a fee on request",
      () => quoted("ask").warnings,
      [{ code: "fee.on-request", message: "Ask has no public price (Contact sales); its fee is not in this quote" }],
    ],
    ["no fee, none on request", () => quoted("none").warnings, []],
    [
      "a yearly fee and commitment out of their month",
      () => quoted("yearly").warnings,
      [
        {
          code: "fee.in-advance",
          message:
            "Yearly's fee is billed a year in advance; 2026-10 bills none of it, the next is due in January 2027",
        },
        {
          code: "fee.in-advance",
          message:
            "Yearly's commitment is billed a year in advance; 2026-10 bills none of it, the next is due in January 2027",
        },
      ],
    ],
    [
      "a yearly commitment in its month",
      () => [
        line(quoted("yearly", 1, "2027-01"), "edition/yearly/commitment"),
        step(quoted("yearly", 1, "2027-01"), "edition/yearly/commitment"),
      ],
      [
        {
          id: "yearly-commitment",
          kind: "fee",
          description: "Yearly committed calls (a year in advance)",
          quantity: "10",
          unit: "call",
          unitPrice: "12.00",
          amount: "120.00",
          rule: "edition/yearly/commitment",
          explanation:
            "Yearly commits to 10 calls at 12.00 USD each, 120.00 USD a year, in advance, whatever the usage; calls above it are billed every month at the usual price.",
        },
        "Yearly: 10 committed calls × 12.00 = 120.00, billed a year in advance whatever the usage",
      ],
    ],
    [
      "a monthly commitment",
      () => [
        line(quoted("committed"), "edition/committed/commitment"),
        step(quoted("committed"), "edition/committed/commitment"),
        line(quoted("committed"), "charge/calls").explanation,
      ],
      [
        {
          id: "committed-commitment",
          kind: "fee",
          description: "Committed committed calls",
          quantity: "10",
          unit: "call",
          unitPrice: "0.50",
          amount: "5.00",
          rule: "edition/committed/commitment",
          explanation:
            "Committed commits to 10 calls at 0.50 USD each, 5.00 USD a month whatever the usage; calls above it are billed every month at the usual price.",
        },
        "Committed: 10 committed calls × 0.50 = 5.00, billed whatever the usage",
        calls,
      ],
    ],
    [
      "a monthly spend cap",
      () => [line(quoted("capped"), "cap/capped"), step(quoted("capped"), "cap/capped")],
      [
        {
          id: "capped",
          kind: "cap",
          description: "Capped monthly spend cap",
          quantity: "1",
          unit: "month",
          unitPrice: "-7.00",
          amount: "-7.00",
          rule: "cap/capped",
          explanation: "Capped bills at most 15.00 USD a month; the 7.00 USD above it is not billed.",
        },
        "Capped: lines 22.00 − cap 15.00 = −7.00",
      ],
    ],
    [
      "a spend limit on a charge: its lines say they are trimmed",
      () => {
        const q = quoted("limited");
        return [line(q, "cap/limited").description, step(q, "cap/limited"), q.lines.map((l) => l.note ?? "")];
      },
      [
        "Limited spend limit on calls",
        "Limited: calls lines 12.00 − cap 3.00 = −9.00",
        ["", "trimmed by the spend limit on calls of 3.00", "", ""],
      ],
    ],
    [
      "a spend limit on usage: a line of 0.00 is not trimmed",
      () => {
        const q = quoted("usagecap");
        return [line(q, "cap/usagecap").explanation, step(q, "cap/usagecap"), q.lines.map((l) => l.note ?? "")];
      },
      [
        "Usagecap bills at most 3.00 USD a month for usage; the 9.00 USD above it is not billed.",
        "Usagecap: usage lines 12.00 − cap 3.00 = −9.00",
        ["", "trimmed by the spend limit on usage of 3.00", "", ""],
      ],
    ],
  ])("%s", (_name, actual, expected) => expect(actual()).toEqual(expected));

  it("a lean quote has no trace, and its lines no explanation nor empty note", () => {
    const q = quoted("committed", 1, "2026-10", false);
    expect(Object.hasOwn(q, "trace")).toBe(false);
    expect(q.lines.map((l) => [Object.hasOwn(l, "explanation"), Object.hasOwn(l, "note")])).toEqual(
      q.lines.map(() => [false, false]),
    );
    expect(Object.keys(q.settlement!).sort()).toEqual(["from", "to"]);
  });

  it("rounded at the total, a line shows its amount unrounded", () => {
    const money = "{ currency: USD, scale: 2, rounding: half-up, roundAt: total }";
    const exact = inlineRuleSet(
      "exact",
      `meters:\n  - { id: calls, name: Calls, unit: call, aggregate: sum }\neditions:\n  - { id: basic, name: Basic, fee: free, default: true }\ncharges:\n  - { id: calls, name: Calls, meter: calls, price: { model: per-unit, unitPrice: 0.111 } }\n`,
      money,
    );
    const q = quote(exact, { ruleset: "exact", period: "2026-10", usage: { calls: 3 } });
    expect([q.lines.map((l) => l.amount), q.total]).toEqual([["0", "0.333"], "0.33"]);
  });
});

describe("quote options refused with their reason", () => {
  const rules = inlineRuleSet("words", WORDS);
  const doc = { ruleset: "words", period: "2026-10", usage: { calls: 1, jobs: 1, seats: 1 } };
  it.each<[string, unknown, string]>([
    ["not a mapping", 5, "options must be quote options ({ explain, otherModesMeters }), not a number"],
    [
      "a misspelt option",
      { explian: true },
      'options has no "explian"; quote options are explain and otherModesMeters',
    ],
    ["an unknown policy", { otherModesMeters: "loud" }, "options.otherModesMeters must be warn, ignore, refuse"],
    [
      "a getter that throws",
      {
        get explain() {
          throw new Error("boom");
        },
      },
      "options cannot be read (boom)",
    ],
  ])("%s", (_name, options, message) => {
    expect(() => quote(rules, doc, options as never)).toThrow(
      expect.objectContaining({ problems: [{ code: "api.argument", message, path: [] }] }) as RatecardError,
    );
  });

  it("options given as undefined are left out of the copy", () =>
    expect(quoteOptions({ explain: undefined, otherModesMeters: undefined })).toStrictEqual({}));
});

describe("free trials at the edges of the month (October: 31 days, charged by day)", () => {
  const rules = inlineRuleSet(
    "trials",
    `planChanges: { proration: daily }
meters:
  - { id: calls, name: Calls, unit: call, aggregate: sum }
editions:
  - { id: basic, name: Basic, fee: 31, default: true }
addons:
  - { id: pack, name: Pack, price: 3.1, trial: { days: 1 } }
  - { id: vault, name: Vault, price: 6.2, trial: { days: 5 } }
`,
  );
  it.each<[string, Record<string, { activatedAt: string }>, string, string, string]>([
    [
      "a one-day trial from the 11th: paid from the 12th, 3.10 × 20/31",
      { pack: { activatedAt: "2026-10-11" } },
      "20",
      "2.00",
      "Pack is charged by day for 20 of 31 days (12 Oct–31 Oct), after its free trial ended on 2026-10-11: 3.10 USD × 20/31 = 2.00 USD.",
    ],
    [
      "a trial ending the day before the last: one day paid, 6.20 × 1/31",
      { vault: { activatedAt: "2026-10-26" } },
      "1",
      "0.20",
      "Vault is charged by day for 1 of 31 days (31 Oct–31 Oct), after its free trial ended on 2026-10-30: 6.20 USD × 1/31 = 0.20 USD.",
    ],
    [
      "a trial ending on the 1st: paid from the 2nd, 6.20 × 30/31",
      { vault: { activatedAt: "2026-09-27" } },
      "30",
      "6.00",
      "Vault is charged by day for 30 of 31 days (2 Oct–31 Oct), after its free trial ended on 2026-10-01: 6.20 USD × 30/31 = 6.00 USD.",
    ],
  ])("%s", (_name, addons, quantity, amount, explanation) => {
    const q = quote(rules, { ruleset: "trials", period: "2026-10", usage: { calls: 1 }, addons }, { explain: true });
    const line = q.lines.find((l) => l.kind === "addon")!;
    expect([line.quantity, line.amount, line.explanation]).toEqual([quantity, amount, explanation]);
  });
});

describe("what a charge includes, and usage above a hard limit", () => {
  const rules = inlineRuleSet(
    "included",
    `meters:
  - { id: calls, name: Calls, unit: call, aggregate: sum }
  - { id: jobs, name: Jobs, unit: job, aggregate: sum }
  - { id: seats, name: Seats, unit: seat, aggregate: max, required: false }
editions:
  - id: both
    name: Both
    fee: 5
    default: true
    quotas: { calls: { included: { per: seats, amount: 5 } } }
    commitment: { quantity: 10, meter: calls, unitPrice: 0.5 }
  - { id: limit, name: Limit, fee: 5, quotas: { calls: { limit: 11 } } }
charges:
  - { id: calls, name: Calls, meter: calls, price: { model: per-unit, unitPrice: 1 } }
  - { id: jobs, name: Jobs, meter: jobs, price: { model: per-unit, unitPrice: 1 } }
`,
  );
  it.each<[string, string, Record<string, number>, string[]]>([
    [
      "an allotment per seat and a commitment add up; the commitment is of its meter only",
      "both",
      { calls: 12, jobs: 3, seats: 1 },
      [
        "Total calls: 12 calls. Both includes 5 calls per seat × 1 seat + 10 committed = 15 calls, so nothing is billed.",
        "Total jobs: 3 jobs. All 3 jobs are billed at 1.00 each = 3.00 USD.",
      ],
    ],
    [
      "an allotment per seats not reported: none",
      "both",
      { calls: 12, jobs: 0 },
      [
        "Total calls: 12 calls. Both includes 5 calls per seat × 0 seats + 10 committed = 10 calls; the 2 calls above it are billed at 1.00 each = 2.00 USD.",
        "Total jobs: 0 jobs. Both includes 0 jobs, so nothing is billed.",
      ],
    ],
    [
      "one call above the hard limit",
      "limit",
      { calls: 12, jobs: 0 },
      [
        "Total calls: 12 calls. Limit is capped at 11 calls; the 1 above the cap is blocked, not billed. All 11 calls are billed at 1.00 each = 11.00 USD.",
        "Total jobs: 0 jobs. Limit includes 0 jobs, so nothing is billed.",
      ],
    ],
    [
      "two calls above the hard limit",
      "limit",
      { calls: 13, jobs: 0 },
      [
        "Total calls: 13 calls. Limit is capped at 11 calls; the 2 above the cap are blocked, not billed. All 11 calls are billed at 1.00 each = 11.00 USD.",
        "Total jobs: 0 jobs. Limit includes 0 jobs, so nothing is billed.",
      ],
    ],
  ])("%s", (_name, edition, usage, explanations) => {
    const q = quote(rules, { ruleset: "included", period: "2026-10", edition, usage }, { explain: true });
    expect(q.lines.filter((l) => l.kind === "usage").map((l) => l.explanation)).toEqual(explanations);
  });
});
