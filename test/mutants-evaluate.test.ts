import { describe, expect, it } from "vitest";
import { quote } from "../src/index.js";
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
`;

type Line = [description: string, quantity: string, unit: string, unitPrice: string, amount: string, note: string, explanation: string];

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
      [["Vault (30 days)", "1", "month", "0.00", "0.00", "Included in the edition", "Vault (30 days) is included in Basic: no charge."]],
      ["Vault (30 days): included in Basic"],
      [],
    ],
    [
      "a trial with no published price after it",
      { lab: { activatedAt: "2026-10-20" } },
      [["Lab", "1", "month", "0.00", "0.00", "Free trial of 10 days", "Lab is free until the end of its trial on 2026-10-29; no price is published for the days after it."]],
      ["Lab: free trial until 2026-10-29; no published price after it"],
      [{ code: "addon.unpriced", message: "Lab (lab) has no published price after its free trial ends on 2026-10-29; it is not priced in this quote" }],
    ],
    [
      "no published price after a trial that has ended: no line",
      { lab: { activatedAt: "2026-09-01" } },
      [],
      [],
      [{ code: "addon.unpriced", message: "Lab (lab) has no published price after its free trial ends on 2026-09-10; it is not priced in this quote" }],
    ],
    [
      "no published price and no trial: no line",
      { desk: true },
      [],
      [],
      [{ code: "addon.unpriced", message: "Desk (desk) has no published price with Basic in these prices; it is not priced in this quote" }],
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
      [["Vault (90 days)", "1", "month", "0.00", "0.00", "Free trial of 5 days", "Vault is in its free trial (day 1–3 of 5, activated 2026-10-29, last free day 2026-11-02): no charge."]],
      ["Vault: free trial, day 1–3 of 5 (from 2026-10-29, ends 2026-11-02)"],
      [],
    ],
  ];
  it.each(cases)("%s", (_name, addons, lines, trace, warnings) => {
    const q = quote(inlineRuleSet("addons", ADDONS), { ruleset: "addons", period: "2026-10", usage: { calls: 0 }, addons }, { explain: true });
    expect(q.lines.slice(2).map((l) => [l.description, l.quantity, l.unit, l.unitPrice, l.amount, l.note ?? "", l.explanation])).toEqual(lines);
    expect(q.trace!.filter((step) => step.rule.startsWith("addon/")).map((step) => step.text)).toEqual(trace);
    expect(q.warnings).toEqual(warnings);
  });
});
