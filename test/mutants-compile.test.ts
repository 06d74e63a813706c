import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRuleSet, quote, type Quote, type UsageDocument } from "../src/index.js";
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
const doc = (extra: Partial<UsageDocument>): UsageDocument => ({ ruleset: "defaults", period: "2026-10", usage: { calls: 2 }, ...extra });
const lines = (q: Quote) => q.lines.map((line) => [line.id, line.description, line.amount, line.note ?? ""]);

describe("defaults a rule file may leave out", () => {
  it("a free edition's note says whether it is permanent", () => {
    const rules = inlineRuleSet("defaults", MODE);
    expect(lines(quote(rules, doc({})))).toEqual([
      ["starter", "Starter plan fee", "0.00", "Free"],
      ["calls", "Calls", "2.00", ""],
    ]);
    expect(lines(quote(rules, doc({ edition: "forever" })))[0]).toEqual(["forever", "Forever plan fee", "0.00", "Free, permanent"]);
  });

  it("a meter counts whole units, in the plural the unit makes, and is required", () => {
    const rules = inlineRuleSet("defaults", MODE);
    expect(quote(rules, doc({ usage: { calls: 2 } }), { explain: true }).lines[1]!.explanation).toBe("Total calls: 2 calls. All 2 calls are billed at 1.00 each = 2.00 USD.");
    expect(problemsOf(() => quote(rules, doc({ usage: { calls: "1.5" } }))).map((p) => p.code)).toEqual(["usage.value"]);
    expect(problemsOf(() => quote(rules, doc({ usage: {} }))).map((p) => p.code)).toEqual(["usage.meter-missing"]);
  });

  it("an average counts missing days as zero, to 6 decimals, from one value or daily values", () => {
    const rules = inlineRuleSet("defaults", MODE);
    // (1 + 2) / 31 = 0.0967741935… → 0.096774; the line: 0.096774 × 1.00 = 0.10
    expect(quote(rules, doc({ usage: { calls: 0, disk: [1, 2] } })).lines.find((line) => line.id === "disk")).toMatchObject({ quantity: "0.096774", amount: "0.10" });
    expect(quote(rules, doc({ usage: { calls: 0, disk: "2.5" } })).lines.find((line) => line.id === "disk")).toMatchObject({ quantity: "2.5", amount: "2.50" });
  });

  it("an add-on bought by units names them in the plural its unit makes, and a beta add-on says so", () => {
    const q = quote(inlineRuleSet("defaults", MODE), doc({ edition: "pro", addons: { packs: { quantity: 3 } } }), { explain: true });
    expect(q.lines.find((line) => line.id === "packs")).toMatchObject({
      description: "Packs [beta]",
      quantity: "3",
      unit: "pack",
      amount: "6.00",
      explanation: "Packs: 3 packs at 2.00 USD a month each = 6.00 USD.",
    });
  });

  it("changes of edition are not prorated, and a change to a free edition is allowed", () => {
    const q = quote(inlineRuleSet("defaults", MODE), doc({ edition: "pro", changes: [{ on: "2026-10-11", edition: "starter" }] }));
    expect(lines(q)).toEqual([
      ["starter", "Starter plan fee", "0.00", "Free"],
      ["calls", "Calls", "2.00", ""],
    ]);
  });
});

describe("an add-on offered edition by edition", () => {
  it("is priced where it has a price, after its trial (with the default trial note)", () => {
    const rules = inlineRuleSet("defaults", MODE);
    expect(quote(rules, doc({ edition: "pro", addons: { vault: { activatedAt: "2026-09-01" } } })).lines.find((line) => line.id === "vault")!.amount).toBe("4.00");
    expect(quote(rules, doc({ edition: "pro", addons: { vault: { activatedAt: "2026-10-30" } } })).lines.find((line) => line.id === "vault")).toMatchObject({
      amount: "0.00",
      note: "Free trial of 5 days",
    });
  });

  it("is included where the edition includes it, with the reason", () => {
    const q = quote(inlineRuleSet("defaults", MODE), doc({ edition: "forever", addons: { vault: { activatedAt: "2026-09-01" } } }), { explain: true });
    expect(q.lines.find((line) => line.id === "vault")).toMatchObject({ amount: "0.00", note: "Included in the edition", explanation: "Vault is included in Forever: no charge." });
    expect(q.trace!.find((step) => step.rule === "addon/vault")!.text).toBe("Vault: Forever keeps everything");
  });

  it("is refused where it is not offered, with the reason", () => {
    const problems = problemsOf(() => quote(inlineRuleSet("defaults", MODE), doc({ edition: "starter", addons: { vault: { activatedAt: "2026-09-01" } } })));
    expect(problems.map((p) => [p.code, p.message])).toEqual([["usage.addon-not-offered", "Vault (vault) is not offered with Starter: Starter has no vault"]]);
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
    const q = quote(inlineRuleSet("flat", MODE), { ruleset: "flat", period: "2026-10", usage: { calls: 3, jobs: 4 } }, { explain: true });
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
    expect(q.warnings).toEqual([{ code: "offer.ended", message: 'the offer "Launch offer" for Jobs ended on 2026-09-01 and no later price is published; 4 jobs are not priced in this quote' }]);
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
    const plan = loadRuleSet(dir);
    expect(plan.modes.get("main")!.map((v) => v.effective)).toEqual([{ until: "2025-01-01" }, { from: "2025-01-01", until: "2026-01-01" }, { from: "2026-01-01" }]);
    expect(["2024-10", "2025-10", "2026-10"].map((period) => quote(plan, { ruleset: "versions", period, usage: { calls: 1 } }).total)).toEqual(["1.00", "2.00", "3.00"]);
  });
});
