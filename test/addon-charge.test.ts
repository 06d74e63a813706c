import { describe, expect, it } from "vitest";
import { addonCharge, type AddonCharge } from "../src/evaluate/addon-charge.js";
import type { AddonPlan, Offer } from "../src/model/plan.js";
import { Decimal } from "../src/money/decimal.js";
import type { SelectedAddon } from "../src/usage/select-addons.js";
import { inlineRuleSet } from "./inline-yaml.js";

/** An add-on at 31.00 a month with a 10-day trial, seats at 3.00 each, and one with no published price. */
const mode = inlineRuleSet(
  "charges",
  `meters:
  - { id: calls, name: Calls, unit: call, aggregate: sum }
editions:
  - { id: pro, name: Pro, fee: 10, default: true }
addons:
  - { id: backup, name: Backup, price: 31.00, trial: { days: 10 } }
  - { id: seats, name: Seats, price: 3.00, quantity: { unit: seat } }
  - id: sso
    name: SSO
    editions: { pro: { included: true, reason: part of Pro } }
  - id: vault
    name: Vault
    editions: { pro: { offered: true } }
`,
).versions[0]!;
const pro = mode.editions.get("pro")!;
const October = { from: "2026-10-01", to: "2026-10-31" };

function bought(id: string, extra: Partial<SelectedAddon> = {}): SelectedAddon {
  const addon: AddonPlan = mode.addons.get(id)!;
  return { addon, offer: addon.offers.get("pro") as Exclude<Offer, { kind: "not-offered" }>, quantity: 1, ...extra };
}

/** The charge with its Decimals as text, so a table can state it. */
function plain(charge: AddonCharge): Record<string, unknown> {
  return JSON.parse(JSON.stringify(charge)) as Record<string, unknown>;
}

describe("an add-on's charge for a window of the month, before any words", () => {
  it.each([
    ["included in the edition", bought("sso"), October, false, { kind: "included", reason: "part of Pro" }],
    ["no published price", bought("vault"), October, false, { kind: "unpriced" }],
    ["a whole month", bought("backup"), October, false, { kind: "whole", unitPrice: "31", units: 1, amount: "31" }],
    [
      "three seats",
      bought("seats", { quantity: 3 }),
      October,
      false,
      { kind: "whole", unitPrice: "3", units: 3, amount: "9" },
    ],
    [
      "activated on the 22nd, by day: 2 seats × 3.00 × 10/31 days = 60/31",
      bought("seats", { quantity: 2, activatedAt: "2026-10-22" }),
      October,
      true,
      {
        kind: "prorated",
        unitPrice: "3",
        units: 2,
        paidFrom: "2026-10-22",
        paidDays: 10,
        monthDays: 31,
        amount: String(new Decimal(60).div(31)),
      },
    ],
    [
      "activated on the 22nd, whole months: the full price",
      bought("seats", { activatedAt: "2026-10-22" }),
      October,
      false,
      { kind: "whole", unitPrice: "3", units: 1, amount: "3" },
    ],
    [
      "every day of the window in the trial",
      bought("backup", { activatedAt: "2026-10-25" }),
      October,
      true,
      {
        kind: "free-trial",
        activeFrom: "2026-10-25",
        trial: { activatedAt: "2026-10-25", last: "2026-11-03", inWindow: true },
      },
    ],
    [
      "a trial that ends on the 5th, by day: paid from the 6th",
      bought("backup", { activatedAt: "2026-09-26" }),
      October,
      true,
      {
        kind: "prorated",
        unitPrice: "31",
        units: 1,
        paidFrom: "2026-10-06",
        paidDays: 26,
        monthDays: 31,
        amount: "26",
        trial: { activatedAt: "2026-09-26", last: "2026-10-05", inWindow: true },
      },
    ],
    [
      "the same trial, whole months: the full price, the trial still in the window",
      bought("backup", { activatedAt: "2026-09-26" }),
      October,
      false,
      {
        kind: "whole",
        unitPrice: "31",
        units: 1,
        amount: "31",
        trial: { activatedAt: "2026-09-26", last: "2026-10-05", inWindow: true },
      },
    ],
    [
      "a trial over before the window",
      bought("backup", { activatedAt: "2026-08-01" }),
      October,
      true,
      {
        kind: "whole",
        unitPrice: "31",
        units: 1,
        amount: "31",
        trial: { activatedAt: "2026-08-01", last: "2026-08-10", inWindow: false },
      },
    ],
  ])("%s", (_name, item, window, daily, expected) => {
    expect(plain(addonCharge(item, pro, window, 31, daily))).toEqual(expected);
  });

  it("a window that is only part of the month prorates over the month's days, not the window's", () => {
    const charge = addonCharge(bought("backup"), pro, { from: "2026-10-01", to: "2026-10-15" }, 31, true);
    expect(plain(charge)).toMatchObject({ kind: "prorated", paidDays: 15, monthDays: 31, amount: "15" });
  });
});
