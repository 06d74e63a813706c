import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRuleSet, quote } from "../src/index.js";
import { Decimal } from "../src/money/decimal.js";
import { groupText } from "../src/money/format.js";
import { roundAmount, type MoneyPolicy } from "../src/money/policy.js";
import { RULES } from "./helpers.js";

const policy = (rounding: MoneyPolicy["rounding"], scale = 2): MoneyPolicy => ({
  currency: "USD",
  scale,
  rounding,
  roundAt: "line",
});

describe("rounding modes", () => {
  const cases: [MoneyPolicy["rounding"], string, string][] = [
    ["half-up", "2.005", "2.01"],
    ["half-up", "2.0049", "2.00"],
    ["half-even", "2.005", "2.00"],
    ["half-even", "2.015", "2.02"],
    ["half-down", "2.005", "2.00"],
    ["half-down", "2.0051", "2.01"],
    ["up", "2.001", "2.01"],
    ["down", "2.009", "2.00"],
  ];
  it.each(cases)("%s rounds %s to %s", (mode, amount, expected) => {
    expect(roundAmount(new Decimal(amount), policy(mode)).toFixed(2)).toBe(expected);
  });

  it("scale 0 for currencies without minor units", () => {
    expect(roundAmount(new Decimal("1234.5"), policy("half-up", 0)).toFixed(0)).toBe("1235");
  });

  it("groups thousands without touching decimals", () => {
    expect(groupText("1234567.0150")).toBe("1,234,567.0150");
    expect(groupText("999")).toBe("999");
  });
});

describe("roundAt: total", () => {
  it("keeps lines exact and rounds only the total", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "ratecard-money-")), "example-saas");
    cpSync(join(RULES, "example-saas"), dir, { recursive: true });
    const file = join(dir, "ruleset.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("roundAt: line", "roundAt: total"));
    const q = quote(loadRuleSet(dir), {
      ruleset: "example-saas",
      period: "2026-10",
      edition: "business",
      usage: { emails: 0, seats: 3, storage: "10.025" },
    });
    // storage 10.025 GB × 0.20 = 2.005 stays exact on its line; 49 + 2.005 = 51.005 → half-even 51.00
    expect(q.lines.find((l) => l.id === "storage")!.amount).toBe("2.005");
    expect(q.total).toBe("51.00");
  });
});
