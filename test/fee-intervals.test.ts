import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRuleSet, quote } from "../src/index.js";
import { problemsOf, ROOT } from "./helpers.js";

/** The minimal fixture with Plus billed 120.00 a year (or another interval), in advance. */
function yearly(interval: string, extra = "") {
  const dir = join(mkdtempSync(join(tmpdir(), "ratecard-interval-")), "minimal");
  cpSync(join(ROOT, "test", "fixtures", "minimal"), dir, { recursive: true });
  const mode = join(dir, "modes", "main.yaml");
  writeFileSync(
    mode,
    readFileSync(mode, "utf8").replace("    fee: 10\n", `    fee: 120\n    feeInterval: ${interval}\n`) + extra,
  );
  return loadRuleSet(dir);
}

const plus = (period: string, createdAt?: string) => ({
  ruleset: "minimal",
  period,
  edition: "plus",
  usage: { calls: 1500 },
  ...(createdAt ? { app: { createdAt } } : {}),
});

describe("fees billed for several months in advance", () => {
  it.each([
    ["{ months: 12 }", "2027-01", "120.00", []],
    ["{ months: 12 }", "2026-10", null, ["fee.in-advance"]],
    ["{ months: 3 }", "2026-10", "120.00", []],
    ["{ months: 3 }", "2026-11", null, ["fee.in-advance"]],
  ])("%s in %s: fee %s", (interval, period, fee, warnings) => {
    const q = quote(yearly(interval), plus(period));
    expect(q.lines.find((l) => l.kind === "fee")?.amount ?? null).toBe(fee);
    expect(q.warnings.map((w) => w.code)).toEqual(warnings);
    // Usage is billed every month, in arrears: 500 calls above the 1,000 included at 0.01
    expect(q.lines.find((l) => l.id === "calls")!.amount).toBe("5.00");
  });

  it("counts from the month of sign-up, and says when the fee is next due", () => {
    const rules = yearly("{ months: 12, anchor: signup }");
    expect(quote(rules, plus("2026-03", "2025-03-20")).lines[0]).toMatchObject({
      kind: "fee",
      unit: "year",
      amount: "120.00",
      description: "Plus plan fee (a year in advance)",
    });
    expect(quote(rules, plus("2026-10", "2025-03-20")).warnings.map((w) => w.message)).toEqual([
      "Plus's fee is billed a year in advance; 2026-10 bills none of it, the next is due in March 2027",
    ]);
    expect(problemsOf(() => quote(rules, plus("2026-10"))).map((p) => p.code)).toEqual(["usage.date"]);
  });

  it.each([
    ["{ months: 12 }", "year"],
    ["{ months: 3 }", "quarter"],
  ])("words a fee of %s as the interval's, not a month's", (interval, word) => {
    const q = quote(yearly(interval), plus("2027-01"), { explain: true });
    expect(q.lines[0]!.explanation).toBe(
      `Plus costs 120.00 USD a ${word}, billed in advance in the first month of each ${word}.`,
    );
    expect(q.trace!.map((step) => step.text)).toContain(`Plus: 1 ${word} × 120.00, in advance`);
  });

  it("is refused with daily proration", () => {
    expect(
      problemsOf(() => yearly("{ months: 12 }", "planChanges: { proration: daily }\n")).map((p) => p.code),
    ).toEqual(["fee.interval"]);
  });
});
