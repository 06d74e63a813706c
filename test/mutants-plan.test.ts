import { describe, expect, it } from "vitest";
import { inlineRuleSet } from "./inline-yaml.js";

/**
 * What src/compile makes of a mode file: one mode that uses every property the compiler reads,
 * compared whole with the plan written out by hand from the file (cases chosen by mutation
 * testing, `npm run mutate`: most of src/compile runs while rule files load, where only an
 * assertion on the plan itself can see a mutant).
 */
const MODE = `description: Every compiled property
effective: { from: 2026-01-01, note: New prices }
retired: { on: 2027-01-01, note: Closed to new customers }
available: { when: { "!": { var: app.late } }, message: Not for late apps }
meters:
  - { id: calls, name: Calls, description: API calls, unit: call, aggregate: sum }
  - { id: hosts, name: Hosts, unit: host, aggregate: percentile, percentile: 99, input: hourly, integer: false, required: false }
  - id: tokens
    name: Tokens
    unit: token
    aggregate: sum
    dimensions:
      - { id: model, name: Model, values: [large, small] }
      - { id: tier, name: Tier, values: [batch], unknown: default }
  - { id: disk, name: Disk, unit: GB, plural: GB, aggregate: average, missingDays: ignore, decimals: 2, required: false }
entitlements:
  - { id: seats, name: Seats, unit: seat }
editions:
  - id: starter
    name: Starter
    description: To begin
    fee: free
    validity: permanent
    default: true
    quotas:
      calls: { included: 100, limit: 1000, note: Fair use }
    entitlements: { seats: 3 }
  - id: team
    name: Team
    fee: { unitPrice: 5, per: hosts }
    minimumSpend: 50
    maximumSpend: 900
    feeInterval: { months: 12 }
    quotas:
      calls: { included: { per: hosts, amount: 10 } }
    entitlements: { seats: unlimited }
  - id: pro
    name: Pro
    fee: 30
    maximumSpend: { amount: 500, on: [calls] }
    commitment: { quantity: 40, meter: hosts, unitPrice: 12.5 }
    feeInterval: { months: 3, anchor: signup }
  - { id: metered, name: Metered, fee: none, maximumSpend: { amount: 70, on: usage } }
charges:
  - { id: calls, name: Calls, description: Every call, meter: calls, editions: [team, pro], price: { model: per-unit, unitPrice: 0.5 }, cap: 800 }
  - { id: hosts, name: Hosts, meter: hosts, editions: [pro], price: { model: per-unit, unitPrice: 15 } }
  - id: tokens
    name: Tokens
    meter: tokens
    prices:
      - { match: { model: large }, price: { model: per-unit, unitPrice: 2 } }
      - { price: { model: per-unit, unitPrice: 1 } }
addons:
  - id: sso
    name: SSO
    description: Single sign-on
    status: beta
    eligible: { when: { "==": [{ var: addons.vault }, true] }, message: SSO needs the vault. }
    editions:
      starter: { offered: false, reason: Not on Starter }
      team: { included: true, reason: Team has it }
      pro: { price: 9, note: Pro price, grants: { seats: 2 } }
  - id: vault
    name: Vault
    option: { id: days, name: Retention, unit: day }
    options: { 30: included, 90: 4, 365: not-offered }
    grants: { seats: 1 }
    trial: { days: 7, note: A week free }
  - { id: packs, name: Packs, quantity: { unit: pack, max: 5 }, price: 2 }
  - id: boxes
    name: Boxes
    eligible: { when: { ">": [{ var: usage.calls }, 10] }, message: Needs 11 calls. }
    quantity: { unit: box, plural: boxes, max: { usage: calls } }
    price: 1
  - id: keys
    name: Keys
    eligible: { when: { ">=": [{ var: addons.packs.quantity }, 2] }, message: Needs 2 packs. }
    quantity: { unit: key, max: { addon: packs } }
    price: 1
  - id: any
    name: Any
    eligible: { when: { missing: [addons.packs] }, message: Not with packs. }
    price: 1
  - id: computed
    name: Computed
    eligible: { when: { "!!": { var: addons } }, message: Needs an add-on. }
    price: 1
discounts:
  - { id: launch, name: Launch, percent: 10, on: total, editions: [pro], from: 2026-01-01, until: 2027-01-01, firstMonths: 3, coupon: true }
  - { id: fee-off, name: Fee off, amount: 5, on: fee }
  - { id: calls-off, name: Calls off, percent: 20, on: { charge: calls } }
  - { id: vault-off, name: Vault off, amount: 1, on: { addon: vault } }
`;

/** A plan as plain data: Maps as entry lists, Sets as lists, Decimals as their text, functions by kind. */
function plain(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_key, v: unknown) =>
      v instanceof Map ? [...v] : v instanceof Set ? [...v] : typeof v === "function" ? "function" : v,
    ),
  );
}

describe("the plan a rule set compiles to", () => {
  it("holds every property the mode file gives, and the defaults of those it leaves out", () => {
    expect(plain(inlineRuleSet("plan", MODE).versions[0])).toEqual(EXPECTED);
  });

  it("has empty lists for the lists a mode leaves out, and the edition marked default even when it is not the first", () => {
    const mode = inlineRuleSet(
      "bare",
      "meters:\n  - { id: calls, name: Calls, unit: call, aggregate: sum }\neditions:\n  - { id: a, name: A, fee: 1 }\n  - { id: b, name: B, fee: 2, default: true }\n",
    ).versions[0]!;
    expect(
      plain({
        entitlements: mode.entitlements,
        defaultEdition: mode.defaultEdition,
        charges: mode.charges,
        addons: mode.addons,
        discounts: mode.discounts,
      }),
    ).toEqual({
      entitlements: [],
      defaultEdition: "b",
      charges: [],
      addons: [],
      discounts: [],
    });
  });
});

const EXPECTED = {
  id: "main",
  name: "Main",
  planChanges: { proration: "none", downgradeToFree: true },
  meters: [
    [
      "calls",
      {
        id: "calls",
        name: "Calls",
        description: "API calls",
        unit: "call",
        plural: "calls",
        aggregate: "sum",
        missingDays: "zero",
        decimals: 6,
        input: "any",
        integer: true,
        required: true,
        dimensions: [],
      },
    ],
    [
      "hosts",
      {
        id: "hosts",
        name: "Hosts",
        unit: "host",
        plural: "hosts",
        aggregate: "percentile",
        percentile: "99",
        missingDays: "zero",
        decimals: 6,
        input: "hourly",
        integer: false,
        required: false,
        dimensions: [],
      },
    ],
    [
      "tokens",
      {
        id: "tokens",
        name: "Tokens",
        unit: "token",
        plural: "tokens",
        aggregate: "sum",
        missingDays: "zero",
        decimals: 6,
        input: "any",
        integer: true,
        required: true,
        dimensions: [
          { id: "model", name: "Model", values: ["large", "small"], unknown: "refuse" },
          { id: "tier", name: "Tier", values: ["batch"], unknown: "default" },
        ],
      },
    ],
    [
      "disk",
      {
        id: "disk",
        name: "Disk",
        unit: "GB",
        plural: "GB",
        aggregate: "average",
        missingDays: "ignore",
        decimals: 2,
        input: "any",
        integer: true,
        required: false,
        dimensions: [],
      },
    ],
  ],
  entitlements: [["seats", { id: "seats", name: "Seats", unit: "seat" }]],
  editions: [
    [
      "starter",
      {
        id: "starter",
        name: "Starter",
        description: "To begin",
        fee: { kind: "free" },
        validity: "permanent",
        quotas: [["calls", { included: "100", limit: "1000", note: "Fair use" }]],
        entitlements: [["seats", "3"]],
      },
    ],
    [
      "team",
      {
        id: "team",
        name: "Team",
        fee: { kind: "per-unit", unitPrice: "5", meter: "hosts" },
        minimumSpend: "50",
        maximumSpend: "900",
        feeInterval: { months: 12, anchor: "calendar" },
        validity: "monthly",
        quotas: [["calls", { included: "0", includedPer: { meter: "hosts", amount: "10" } }]],
        entitlements: [["seats", "unlimited"]],
      },
    ],
    [
      "pro",
      {
        id: "pro",
        name: "Pro",
        fee: { kind: "flat", amount: "30" },
        maximumSpend: "500",
        maximumSpendOn: ["calls"],
        commitment: { quantity: "40", meter: "hosts", unitPrice: "12.5" },
        feeInterval: { months: 3, anchor: "signup" },
        validity: "monthly",
        quotas: [],
        entitlements: [],
      },
    ],
    [
      "metered",
      {
        id: "metered",
        name: "Metered",
        fee: { kind: "none" },
        maximumSpend: "70",
        maximumSpendOn: "usage",
        validity: "monthly",
        quotas: [],
        entitlements: [],
      },
    ],
  ],
  defaultEdition: "starter",
  charges: [
    {
      id: "calls",
      name: "Calls",
      description: "Every call",
      meter: "calls",
      editions: ["team", "pro"],
      model: "per-unit",
      price: "function",
      cap: "800",
    },
    { id: "hosts", name: "Hosts", meter: "hosts", editions: ["pro"], model: "per-unit", price: "function" },
    {
      id: "tokens",
      name: "Tokens",
      meter: "tokens",
      model: "by cell",
      prices: [
        { match: [["model", "large"]], price: "function" },
        { match: [], price: "function" },
      ],
    },
  ],
  addons: [
    [
      "sso",
      {
        id: "sso",
        index: 0,
        name: "SSO",
        status: "beta",
        eligible: [{ when: "function", message: "SSO needs the vault.", readsUsage: false, addonsRead: ["vault"] }],
        offers: [
          ["starter", { kind: "not-offered", reason: "Not on Starter" }],
          ["team", { kind: "included", grants: [], reason: "Team has it" }],
          ["pro", { kind: "priced", grants: [["seats", "2"]], price: "9", note: "Pro price", written: { price: 9 } }],
          ["metered", { kind: "not-offered" }],
        ],
        description: "Single sign-on",
      },
    ],
    [
      "vault",
      {
        id: "vault",
        index: 1,
        name: "Vault",
        status: "ga",
        eligible: [],
        offers: [
          [
            "starter",
            {
              kind: "priced",
              grants: [["seats", "1"]],
              options: [
                ["30", "included"],
                ["90", "4"],
                ["365", "not-offered"],
              ],
              written: { options: { 30: "included", 90: 4, 365: "not-offered" } },
            },
          ],
          [
            "team",
            {
              kind: "priced",
              grants: [["seats", "1"]],
              options: [
                ["30", "included"],
                ["90", "4"],
                ["365", "not-offered"],
              ],
              written: { options: { 30: "included", 90: 4, 365: "not-offered" } },
            },
          ],
          [
            "pro",
            {
              kind: "priced",
              grants: [["seats", "1"]],
              options: [
                ["30", "included"],
                ["90", "4"],
                ["365", "not-offered"],
              ],
              written: { options: { 30: "included", 90: 4, 365: "not-offered" } },
            },
          ],
          [
            "metered",
            {
              kind: "priced",
              grants: [["seats", "1"]],
              options: [
                ["30", "included"],
                ["90", "4"],
                ["365", "not-offered"],
              ],
              written: { options: { 30: "included", 90: 4, 365: "not-offered" } },
            },
          ],
        ],
        option: { id: "days", name: "Retention", unit: "day" },
        trial: { days: 7, note: "A week free" },
      },
    ],
    [
      "packs",
      {
        id: "packs",
        index: 2,
        name: "Packs",
        status: "ga",
        eligible: [],
        offers: [
          ["starter", { kind: "priced", grants: [], price: "2", written: { price: 2 } }],
          ["team", { kind: "priced", grants: [], price: "2", written: { price: 2 } }],
          ["pro", { kind: "priced", grants: [], price: "2", written: { price: 2 } }],
          ["metered", { kind: "priced", grants: [], price: "2", written: { price: 2 } }],
        ],
        quantity: { unit: "pack", plural: "packs", max: { kind: "fixed", value: 5 } },
      },
    ],
    [
      "boxes",
      {
        id: "boxes",
        index: 3,
        name: "Boxes",
        status: "ga",
        eligible: [{ when: "function", message: "Needs 11 calls.", readsUsage: true, addonsRead: [] }],
        offers: [
          ["starter", { kind: "priced", grants: [], price: "1", written: { price: 1 } }],
          ["team", { kind: "priced", grants: [], price: "1", written: { price: 1 } }],
          ["pro", { kind: "priced", grants: [], price: "1", written: { price: 1 } }],
          ["metered", { kind: "priced", grants: [], price: "1", written: { price: 1 } }],
        ],
        quantity: { unit: "box", plural: "boxes", max: { kind: "usage", meter: "calls" } },
      },
    ],
    [
      "keys",
      {
        id: "keys",
        index: 4,
        name: "Keys",
        status: "ga",
        eligible: [{ when: "function", message: "Needs 2 packs.", readsUsage: true, addonsRead: ["packs"] }],
        offers: [
          ["starter", { kind: "priced", grants: [], price: "1", written: { price: 1 } }],
          ["team", { kind: "priced", grants: [], price: "1", written: { price: 1 } }],
          ["pro", { kind: "priced", grants: [], price: "1", written: { price: 1 } }],
          ["metered", { kind: "priced", grants: [], price: "1", written: { price: 1 } }],
        ],
        quantity: { unit: "key", plural: "keys", max: { kind: "addon", id: "packs" } },
      },
    ],
    [
      "any",
      {
        id: "any",
        index: 5,
        name: "Any",
        status: "ga",
        eligible: [{ when: "function", message: "Not with packs.", readsUsage: false, addonsRead: "all" }],
        offers: [
          ["starter", { kind: "priced", grants: [], price: "1", written: { price: 1 } }],
          ["team", { kind: "priced", grants: [], price: "1", written: { price: 1 } }],
          ["pro", { kind: "priced", grants: [], price: "1", written: { price: 1 } }],
          ["metered", { kind: "priced", grants: [], price: "1", written: { price: 1 } }],
        ],
      },
    ],
    [
      "computed",
      {
        id: "computed",
        index: 6,
        name: "Computed",
        status: "ga",
        eligible: [{ when: "function", message: "Needs an add-on.", readsUsage: false, addonsRead: "all" }],
        offers: [
          ["starter", { kind: "priced", grants: [], price: "1", written: { price: 1 } }],
          ["team", { kind: "priced", grants: [], price: "1", written: { price: 1 } }],
          ["pro", { kind: "priced", grants: [], price: "1", written: { price: 1 } }],
          ["metered", { kind: "priced", grants: [], price: "1", written: { price: 1 } }],
        ],
      },
    ],
  ],
  discounts: [
    {
      id: "launch",
      name: "Launch",
      off: { kind: "percent", percent: "10" },
      on: { kind: "total" },
      editions: ["pro"],
      from: "2026-01-01",
      until: "2027-01-01",
      firstMonths: 3,
      firstMonthsFrom: "signup-month",
      coupon: true,
    },
    { id: "fee-off", name: "Fee off", off: { kind: "amount", amount: "5" }, on: { kind: "fee" }, coupon: false },
    {
      id: "calls-off",
      name: "Calls off",
      off: { kind: "percent", percent: "20" },
      on: { kind: "usage", id: "calls" },
      coupon: false,
    },
    {
      id: "vault-off",
      name: "Vault off",
      off: { kind: "amount", amount: "1" },
      on: { kind: "addon", id: "vault" },
      coupon: false,
    },
  ],
  description: "Every compiled property",
  retired: { on: "2027-01-01", note: "Closed to new customers" },
  available: { when: "function", message: "Not for late apps" },
  effective: { from: "2026-01-01", note: "New prices" },
};
