import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { quote, type Quote, type UsageDocument } from "../src/index.js";
import { loadPlan } from "../src/rulesets/load-ruleset.js";
import { problemsOf } from "./helpers.js";
import { inlineRuleSet } from "./inline-yaml.js";

/**
 * What src/compile fills in when a rule file leaves a property out (the schema's defaults), and
 * per-edition add-on offers, seen through quotes (cases chosen by mutation testing, `npm run mutate`).
 * Amounts worked out by hand in the comments.
 */
const MODE = `meters:
  - { id: calls, name: Calls, unit: call, aggregate: sum }
  - { id: disk, name: Disk, unit: GB, aggregate: average, integer: false, required: false }
editions:
  - { id: starter, name: Starter, fee: free, default: true }
  - { id: forever, name: Forever, fee: free, validity: permanent }
  - { id: pro, name: Pro, fee: 31 }
charges:
  - { id: calls, name: Calls, meter: calls, price: { model: per-unit, unitPrice: 1 } }
  - { id: disk, name: Disk, meter: disk, price: { model: per-unit, unitPrice: 1 } }
addons:
  - id: packs
    name: Packs
    status: beta
    quantity: { unit: pack }
    price: 2
  - id: vault
    name: Vault
    trial: { days: 5 }
    editions:
      pro: { price: 4 }
      forever: { included: true, reason: Forever keeps everything }
      starter: { offered: false, reason: Starter has no vault }
`;
const doc = (extra: Partial<UsageDocument>): UsageDocument => ({
  ruleset: "defaults",
  period: "2026-10",
  usage: { calls: 2 },
  ...extra,
});
const lines = (q: Quote) => q.lines.map((line) => [line.id, line.description, line.amount, line.note ?? ""]);

describe("defaults a rule file may leave out", () => {
  it("a free edition's note says whether it is permanent", () => {
    const rules = inlineRuleSet("defaults", MODE);
    expect(lines(quote(rules, doc({})))).toEqual([
      ["starter", "Starter plan fee", "0.00", "Free"],
      ["calls", "Calls", "2.00", ""],
    ]);
    expect(lines(quote(rules, doc({ edition: "forever" })))[0]).toEqual([
      "forever",
      "Forever plan fee",
      "0.00",
      "Free, permanent",
    ]);
  });

  it("a meter counts whole units, in the plural the unit makes, and is required", () => {
    const rules = inlineRuleSet("defaults", MODE);
    expect(quote(rules, doc({ usage: { calls: 2 } }), { explain: true }).lines[1]!.explanation).toBe(
      "Total calls: 2 calls. All 2 calls are billed at 1.00 each = 2.00 USD.",
    );
    expect(problemsOf(() => quote(rules, doc({ usage: { calls: "1.5" } }))).map((p) => p.code)).toEqual([
      "usage.value",
    ]);
    expect(problemsOf(() => quote(rules, doc({ usage: {} }))).map((p) => p.code)).toEqual(["usage.meter-missing"]);
  });

  it("an average counts missing days as zero, to 6 decimals, from one value or daily values", () => {
    const rules = inlineRuleSet("defaults", MODE);
    // (1 + 2) / 31 = 0.0967741935… → 0.096774; the line: 0.096774 × 1.00 = 0.10
    expect(
      quote(rules, doc({ usage: { calls: 0, disk: [1, 2] } })).lines.find((line) => line.id === "disk"),
    ).toMatchObject({ quantity: "0.096774", amount: "0.10" });
    expect(
      quote(rules, doc({ usage: { calls: 0, disk: "2.5" } })).lines.find((line) => line.id === "disk"),
    ).toMatchObject({ quantity: "2.5", amount: "2.50" });
  });

  it("an add-on bought by units names them in the plural its unit makes, and a beta add-on says so", () => {
    const q = quote(inlineRuleSet("defaults", MODE), doc({ edition: "pro", addons: { packs: { quantity: 3 } } }), {
      explain: true,
    });
    expect(q.lines.find((line) => line.id === "packs")).toMatchObject({
      description: "Packs [beta]",
      quantity: "3",
      unit: "pack",
      amount: "6.00",
      explanation: "Packs: 3 packs at 2.00 USD a month each = 6.00 USD.",
    });
  });

  it("changes of edition are not prorated, and a change to a free edition is allowed", () => {
    const q = quote(
      inlineRuleSet("defaults", MODE),
      doc({ edition: "pro", changes: [{ on: "2026-10-11", edition: "starter" }] }),
    );
    expect(lines(q)).toEqual([
      ["starter", "Starter plan fee", "0.00", "Free"],
      ["calls", "Calls", "2.00", ""],
    ]);
  });
});

describe("an add-on offered edition by edition", () => {
  it("is priced where it has a price, after its trial (with the default trial note)", () => {
    const rules = inlineRuleSet("defaults", MODE);
    expect(
      quote(rules, doc({ edition: "pro", addons: { vault: { activatedAt: "2026-09-01" } } })).lines.find(
        (line) => line.id === "vault",
      )!.amount,
    ).toBe("4.00");
    expect(
      quote(rules, doc({ edition: "pro", addons: { vault: { activatedAt: "2026-10-30" } } })).lines.find(
        (line) => line.id === "vault",
      ),
    ).toMatchObject({
      amount: "0.00",
      note: "Free trial of 5 days",
    });
  });

  it("is included where the edition includes it, with the reason", () => {
    const q = quote(
      inlineRuleSet("defaults", MODE),
      doc({ edition: "forever", addons: { vault: { activatedAt: "2026-09-01" } } }),
      { explain: true },
    );
    expect(q.lines.find((line) => line.id === "vault")).toMatchObject({
      amount: "0.00",
      note: "Included in the edition",
      explanation: "Vault is included in Forever: no charge.",
    });
    expect(q.trace!.find((step) => step.rule === "addon/vault")!.text).toBe("Vault: Forever keeps everything");
  });

  it("is refused where it is not offered, with the reason", () => {
    const problems = problemsOf(() =>
      quote(
        inlineRuleSet("defaults", MODE),
        doc({ edition: "starter", addons: { vault: { activatedAt: "2026-09-01" } } }),
      ),
    );
    expect(problems.map((p) => [p.code, p.message])).toEqual([
      ["usage.addon-not-offered", "Vault (vault) is not offered with Starter: Starter has no vault"],
    ]);
  });
});

describe("a flat charge and an ended free offer, in words", () => {
  const MODE = `meters:
  - { id: calls, name: Calls, unit: call, aggregate: sum }
  - { id: jobs, name: Jobs, unit: job, aggregate: sum }
editions:
  - { id: only, name: Only, fee: free, default: true }
charges:
  - { id: calls, name: Calls, meter: calls, price: { model: flat, amount: 9.5 } }
  - { id: jobs, name: Jobs, meter: jobs, price: { model: free, note: Launch offer, until: 2026-09-01 } }
`;
  it("a flat charge bills one month at its amount; an offer ended without a later price bills nothing and says so", () => {
    const q = quote(
      inlineRuleSet("flat", MODE),
      { ruleset: "flat", period: "2026-10", usage: { calls: 3, jobs: 4 } },
      { explain: true },
    );
    expect(q.lines[1]).toMatchObject({
      id: "calls",
      quantity: "1",
      unit: "month",
      unitPrice: "9.50",
      amount: "9.50",
      explanation: "Total calls: 3 calls. All 3 calls are billed at a flat 9.50 = 9.50 USD.",
    });
    expect(q.lines.map((line) => line.id)).toEqual(["only", "calls"]);
    expect(q.trace!.filter((step) => step.rule.startsWith("charge/")).map((step) => step.text)).toEqual([
      "total calls 3 → flat 9.50",
      'total jobs 4 → offer "Launch offer" ended 2026-09-01; no published price',
    ]);
    expect(q.warnings).toEqual([
      {
        code: "offer.ended",
        message:
          'the offer "Launch offer" for Jobs ended on 2026-09-01 and no later price is published; 4 jobs are not priced in this quote',
      },
    ]);
  });
});

describe("versions of one mode", () => {
  it("are kept oldest first whatever the order of the mode files (a version without from is the oldest), and each prices its own months", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "ratecard-versions-")), "versions");
    mkdirSync(join(dir, "modes"), { recursive: true });
    writeFileSync(
      join(dir, "ruleset.yaml"),
      "id: versions\nname: Versions\nmoney: { currency: USD, scale: 2, rounding: half-up, roundAt: line }\nbilling: { cycle: calendar-month }\nmodes: [modes/c.yaml, modes/a.yaml, modes/b.yaml]\nselection: { default: main }\n",
    );
    const version = (file: string, effective: string, fee: number) =>
      writeFileSync(
        join(dir, "modes", file),
        `id: main\nname: Main\neffective: ${effective}\nmeters:\n  - { id: calls, name: Calls, unit: call, aggregate: sum }\neditions:\n  - { id: only, name: Only, fee: ${fee}, default: true }\n`,
      );
    version("a.yaml", "{ until: 2025-01-01 }", 1);
    version("b.yaml", "{ from: 2025-01-01, until: 2026-01-01 }", 2);
    version("c.yaml", "{ from: 2026-01-01 }", 3);
    const plan = loadPlan(dir);
    expect(plan.modes.get("main")!.map((v) => v.effective)).toEqual([
      { until: "2025-01-01" },
      { from: "2025-01-01", until: "2026-01-01" },
      { from: "2026-01-01" },
    ]);
    expect(
      ["2024-10", "2025-10", "2026-10"].map(
        (period) => quote(plan, { ruleset: "versions", period, usage: { calls: 1 } }).total,
      ),
    ).toEqual(["1.00", "2.00", "3.00"]);
  });
});

describe("each pricing model's line, in words", () => {
  // 5,000 calls (the hard limit) × 2.50 per 1,000 = 12.50; 10 × 2.5% = 0.25, raised to 1.00; 8,000 × 2.5% = 200.00, capped at 100.00;
  // disk 4 × 1.00 = 4.00 (tier 1), 12 × 0.50 + 2.00 = 8.00 (tier 2).
  const MODE = `meters:
  - { id: calls, name: Calls, unit: call, aggregate: sum }
  - { id: sales, name: Sales, unit: USD, plural: USD, aggregate: sum, integer: false, required: false }
  - { id: disk, name: Disk, unit: GB, plural: GB, aggregate: sum, required: false }
  - { id: jobs, name: Jobs, unit: job, aggregate: sum, required: false }
  - { id: mins, name: Minutes, unit: minute, aggregate: sum, required: false }
editions:
  - { id: only, name: Only, fee: free, default: true, quotas: { calls: { limit: 5000 } } }
charges:
  - { id: calls, name: Calls, meter: calls, price: { model: per-unit, unitPrice: 2.5, per: 1000 } }
  - { id: sales, name: Sales, meter: sales, price: { model: percentage, percent: 2.5, minimum: 1, maximum: 100 } }
  - id: disk
    name: Disk
    meter: disk
    price: { model: volume, tiers: [{ upTo: 10, unitPrice: 1 }, { unitPrice: 0.5, flatPrice: 2 }] }
  - { id: jobs, name: Jobs, meter: jobs, price: { model: free, note: Launch offer, until: 2026-10-15 } }
  - id: mins
    name: Minutes
    meter: mins
    price: { model: graduated, tiers: [{ upTo: 10, unitPrice: 1 }, { unitPrice: 0.5, flatPrice: 2 }] }
`;
  type Line = [
    id: string,
    quantity: string,
    unit: string,
    unitPrice: string,
    amount: string,
    note: string,
    explanation: string,
  ];
  const cases: [string, Record<string, unknown>, Line[], string[], { code: string; message: string }[]][] = [
    [
      "calls above the hard limit, a sale below the minimum, the first volume tier, an offer ending inside the month, no minutes",
      { calls: 6000, sales: "10", disk: 4, jobs: 3, mins: 0 },
      [
        [
          "calls",
          "5",
          "1,000 calls",
          "2.50",
          "12.50",
          "",
          "Total calls: 6,000 calls. Only is capped at 5,000 calls; the 1,000 above the cap are blocked, not billed. All 5,000 calls are billed at 2.50 per 1,000 = 12.50 USD.",
        ],
        [
          "sales",
          "10",
          "USD",
          "0.025",
          "1.00",
          "",
          "Total sales: 10 USD. All 10 USD are billed at 2.5%, raised to the minimum 1.00 = 1.00 USD.",
        ],
        [
          "disk",
          "4",
          "GB",
          "1.00",
          "4.00",
          "",
          "Total disk: 4 GB. All 4 GB are billed at 1.00 each, the volume price for up to 10 GB = 4.00 USD.",
        ],
        [
          "jobs",
          "3",
          "job",
          "0.00",
          "0.00",
          "Launch offer",
          "Total jobs: 3 jobs. All 3 jobs are free of charge (Launch offer).",
        ],
        [
          "mins",
          "0",
          "minute",
          "",
          "0.00",
          "",
          "Total minutes: 0 minutes. Only includes 0 minutes, so nothing is billed.",
        ],
      ],
      [
        "total calls 6,000, capped at the hard limit 5,000 × 2.50 per 1,000 = 12.50",
        "total sales 10 × 2.5% = 0.25, raised to the minimum 1.00",
        "total disk 4 → volume tier 1 (up to 10): 4 × 1.00 = 4.00",
        "total jobs 3 → Launch offer",
        "total minutes 0 → graduated tiers: 0 = 0.00",
      ],
      [
        {
          code: "limit.exceeded",
          message:
            "total calls 6,000 exceeds Only's hard limit of 5,000; the 1,000 above it are blocked by the service, not billed",
        },
        {
          code: "offer.ended",
          message:
            'the offer "Launch offer" for Jobs ends on 2026-10-15, inside this month; the whole month is quoted free',
        },
      ],
    ],
    [
      "per 1,000 calls, a sale above the maximum, the last volume tier with its flat price, meters not reported",
      { calls: 2000, sales: "8000", disk: 12 },
      [
        [
          "calls",
          "2",
          "1,000 calls",
          "2.50",
          "5.00",
          "",
          "Total calls: 2,000 calls. All 2,000 calls are billed at 2.50 per 1,000 = 5.00 USD.",
        ],
        [
          "sales",
          "8000",
          "USD",
          "0.025",
          "100.00",
          "",
          "Total sales: 8,000 USD. All 8,000 USD are billed at 2.5%, capped at the maximum 100.00 = 100.00 USD.",
        ],
        [
          "disk",
          "12",
          "GB",
          "0.50",
          "8.00",
          "",
          "Total disk: 12 GB. All 12 GB are billed at 0.50 each, the volume price above 10 GB, plus 2.00 = 8.00 USD.",
        ],
      ],
      [
        "total calls 2,000 × 2.50 per 1,000 = 5.00",
        "total sales 8,000 × 2.5% = 200.00, capped at the maximum 100.00",
        "total disk 12 → volume tier 2 (above 10): 12 × 0.50 + 2.00 = 8.00",
        "Jobs: Jobs not reported, nothing charged",
        "Minutes: Minutes not reported, nothing charged",
      ],
      [],
    ],
    [
      "nothing billable: zero calls and zero disk",
      { calls: 0, disk: 0, sales: "100" },
      [
        [
          "calls",
          "0",
          "1,000 calls",
          "2.50",
          "0.00",
          "",
          "Total calls: 0 calls. Only includes 0 calls, so nothing is billed.",
        ],
        [
          "sales",
          "100",
          "USD",
          "0.025",
          "2.50",
          "",
          "Total sales: 100 USD. All 100 USD are billed at 2.5% = 2.50 USD.",
        ],
        ["disk", "0", "GB", "", "0.00", "", "Total disk: 0 GB. Only includes 0 GB, so nothing is billed."],
      ],
      [
        "total calls 0 × 2.50 per 1,000 = 0.00",
        "total sales 100 × 2.5% = 2.50",
        "total disk 0 → nothing to bill",
        "Jobs: Jobs not reported, nothing charged",
        "Minutes: Minutes not reported, nothing charged",
      ],
      [],
    ],
  ];
  it.each(cases)("%s", (_name, usage, lines, trace, warnings) => {
    const q = quote(inlineRuleSet("models", MODE), { ruleset: "models", period: "2026-10", usage } as UsageDocument, {
      explain: true,
    });
    expect(
      q.lines.slice(1).map((l) => [l.id, l.quantity, l.unit, l.unitPrice ?? "", l.amount, l.note ?? "", l.explanation]),
    ).toEqual(lines);
    expect(q.trace!.filter((step) => step.rule.startsWith("charge/")).map((step) => step.text)).toEqual(trace);
    expect(q.warnings).toEqual(warnings);
  });
});
