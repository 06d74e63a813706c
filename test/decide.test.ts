import fc from "fast-check";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compare, parseNeed, parseUsage, quoteMonths, recommend, type UsageDocument } from "../src/index.js";
import type { Comparison } from "../src/decide/choose.js";
import { evaluateOption } from "../src/decide/evaluate-option.js";
import { renderComparison } from "../src/render/decisions.js";
import { addonSets } from "../src/decide/options.js";
import type { AddonChoices } from "../src/model/usage.js";
import { Decimal } from "../src/money/decimal.js";
import { loadPlan } from "../src/rulesets/load-ruleset.js";
import { BUNDLED_DIRS, cli, problemsOf, ROOT, RULES, tencent } from "./helpers.js";
import { inlineRuleSet } from "./inline-rules.js";
import { HEAVY } from "./timeouts.js";

const needs = (...texts: string[]) => texts.map((t) => parseNeed(t));
/** A document with the fields given; one given as undefined is unset (a forecast has no period or usage of its own). */
const doc = (over: { [K in keyof UsageDocument]?: UsageDocument[K] | undefined }): UsageDocument =>
  ({
    ruleset: "tencent-im",
    period: "2026-10",
    usage: {},
    ...over,
  }) as UsageDocument;
const row = (o: { mode: string; edition: string; total?: { toFixed(n: number): string }; reason?: string }) => [
  o.mode,
  o.edition,
  o.reason ? "not possible" : o.total!.toFixed(2),
];

describe("compare", () => {
  it("an original-mode app whose cheapest choice is the current mode", () => {
    // Pro 449.99 + 2 DAU blocks 899.98 + 1 group block 449.99 + members 239.99 = 2,039.95;
    // Premium 699 + 50,000 MAU × 0.015 = 1,449.00 and already has 2,000 members per group.
    const result = compare(
      tencent,
      doc({
        app: { createdAt: "2022-06-01" },
        edition: "pro",
        usage: { dau: 23_456, groups: 120_000, mau: 60_000 },
        addons: { "group-members": true },
      }),
    );
    expect(result.current).toMatchObject({ mode: "original", edition: "pro" });
    expect(result.current.total.toFixed(2)).toBe("2039.95");
    expect(result.options.map(row)).toEqual([
      ["current", "premium", "1449.00"],
      ["original", "pro", "2039.95"],
      ["original", "ultimate", "2249.96"],
      ["original", "free", "not possible"],
      ["current", "developer", "not possible"],
      ["current", "standard", "not possible"],
    ]);
    expect(result.options[0]!.difference!.toFixed(2)).toBe("-590.95");
    expect(result.options.find((o) => o.edition === "standard")!.reason).toBe("members-per-group is 200, needs >=2000");
  });

  it("says which options bill a fee or commitment in advance that a month's total leaves out", () => {
    const monitor = loadPlan(join(RULES, "infra-monitor"));
    const hosts = (count: number) => Array.from({ length: 30 * 24 }, () => count);
    const november = {
      ruleset: "infra-monitor",
      period: "2026-11",
      edition: "enterprise-annual",
      usage: { hosts: hosts(70) },
    };
    const text = renderComparison(compare(monitor, november), "USD", 2);
    expect(text.split("\n").slice(-3)).toEqual([
      "Billed in advance, not in these totals:",
      "  by-host / enterprise-annual: Enterprise (annual)'s commitment is billed a year in advance; 2026-11 bills none of it, the next is due in January 2027",
      "",
    ]);
    const january = { ...november, period: "2027-01", usage: { hosts: Array.from({ length: 31 * 24 }, () => 70) } };
    expect(renderComparison(compare(monitor, january), "USD", 2)).not.toContain("Billed in advance");
  });

  it("an original-mode app whose cheapest choice is to stay", () => {
    // Pro 449.99 + 1 DAU block 449.99 = 899.98; Standard 399 + 70,000 × 0.015 = 1,449.00
    const result = compare(
      tencent,
      doc({ app: { createdAt: "2022-06-01" }, edition: "pro", usage: { dau: 12_000, groups: 0, mau: 80_000 } }),
    );
    expect(result.options.map(row).slice(0, 4)).toEqual([
      ["original", "pro", "899.98"],
      ["original", "ultimate", "1349.98"],
      ["current", "standard", "1449.00"],
      ["current", "premium", "1749.00"],
    ]);
    expect(result.options[0]!.difference!.toFixed(2)).toBe("0.00");
  });

  it("respects the one-way migration and the retired mode's rule for new apps", () => {
    const migrated = compare(
      tencent,
      doc({
        app: { createdAt: "2022-06-01", migratedAt: "2024-01-10" },
        edition: "standard",
        usage: { dau: 0, groups: 0, mau: 20_000 },
      }),
    );
    expect(migrated.options.filter((o) => o.mode === "original").every((o) => o.reason?.includes("one-way"))).toBe(
      true,
    );
    const created = compare(
      tencent,
      doc({ app: { createdAt: "2023-05-01" }, edition: "standard", usage: { dau: 0, groups: 0, mau: 20_000 } }),
    );
    expect(
      created.options.filter((o) => o.mode === "original").every((o) => o.reason?.includes("retired on 2022-12-26")),
    ).toBe(true);
  });

  it("finds the usage at which the cheapest choice changes", () => {
    const result = compare(
      tencent,
      doc({ app: { createdAt: "2022-06-01" }, edition: "pro", usage: { dau: 12_000, groups: 0, mau: 30_000 } }),
    );
    // Pro: 899.98 at 12,000 DAU, one block more every 10,000; Standard: 399 + (MAU − 10,000) × 0.015.
    expect(result.breakEvens.length).toBeGreaterThan(0);
    for (const b of result.breakEvens) expect(b.from).not.toBe(b.to);
  });
});

describe("recommend", () => {
  const small = doc({ app: { createdAt: "2022-06-01" }, usage: { dau: 5_000, groups: 1_000, mau: 5_000 } });

  it("a recommendation that needs an add-on: Pro + 2,000 members per group (689.98) beats Premium (699)", () => {
    const result = recommend(tencent, small, needs("members-per-group>=2000"));
    expect([result.best?.mode, result.best?.edition, result.best?.addons, result.best?.total?.toFixed(2)]).toEqual([
      "original",
      "pro",
      { "group-members": true },
      "689.98",
    ]);
    expect(result.options.find((o) => o.edition === "standard")!.reason).toBe("members-per-group is 200, needs >=2000");
  });

  it("a recommendation that needs a higher edition: 30-day retention in the current mode is Premium", () => {
    const result = recommend(
      tencent,
      doc({ app: { createdAt: "2023-05-01" }, usage: { mau: 5_000 } }),
      needs("retention-days>=30"),
    );
    expect([result.best?.mode, result.best?.edition, result.best?.total?.toFixed(2)]).toEqual([
      "current",
      "premium",
      "699.00",
    ]);
    expect(result.options.find((o) => o.edition === "standard")!.reason).toBe("retention-days is 7, needs >=30");
  });

  it("unlimited audio-video groups: Ultimate includes them, Pro buys them", () => {
    const result = recommend(
      tencent,
      doc({ app: { createdAt: "2021-05-01" }, usage: { dau: 5_000, groups: 0 } }),
      needs("av-groups=unlimited"),
    );
    expect(result.options.filter((o) => !o.reason).map((o) => [o.edition, o.addons, o.total!.toFixed(2)])).toEqual(
      [
        ["ultimate", {}, "899.99"],
        ["pro", { "avchatroom-unlimited": true }, "899.98"],
      ].sort((a, b) => Number(a[2]) - Number(b[2])),
    );
  });

  it("is never dearer than any option that meets the same needs (property)", HEAVY, () => {
    const needPool = [
      "members-per-group>=2000",
      "groups-per-user>=1000",
      "retention-days>=90",
      "av-groups=unlimited",
      "retention-days>=30",
    ];
    fc.assert(
      fc.property(
        fc.subarray(needPool, { minLength: 1, maxLength: 3 }),
        fc.nat(60_000),
        fc.nat(250_000),
        fc.nat(90_000),
        (texts, dau, groups, mau) => {
          const usage = doc({ app: { createdAt: "2022-06-01" }, usage: { dau, groups, mau } });
          const wanted = needs(...texts);
          const result = recommend(tencent, usage, wanted);
          const cheaper: string[] = [];
          for (const [modeId, versions] of tencent.modes) {
            const version = versions.at(-1)!;
            for (const edition of version.editions.values()) {
              for (const addons of addonSets(version, edition, wanted)) {
                const option = evaluateOption(tencent, usage, modeId, edition.id, addons, wanted);
                if (!option.reason && option.total!.lt(result.best!.total!))
                  cheaper.push(`${modeId} ${edition.id} ${option.total!.toFixed(2)}`);
              }
            }
          }
          expect(cheaper, `best: ${result.best!.total!.toFixed(2)}`).toEqual([]);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("refuses a need it cannot read", async () => {
    const { code, stderr } = await cli([
      "recommend",
      "examples/tencent-im-should-i-migrate.yaml",
      "--need",
      "members-per-group>lots",
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain("write KEY>=NUMBER or KEY=unlimited");
  });
});

describe("forecast", () => {
  const months = doc({
    period: undefined,
    app: { createdAt: "2022-06-01" },
    edition: "pro",
    usage: undefined,
    months: [
      { period: "2026-10", usage: { dau: 10_000, groups: 0 } },
      { period: "2026-11", usage: { dau: 20_001, groups: 0 } },
      { period: "2026-12", usage: { dau: [15_000, 23_456], groups: 0 } },
    ],
  });

  it("quotes each month and the sum: 449.99 + 1,349.97 + 1,349.97", () => {
    const forecast = quoteMonths(tencent, months);
    expect(forecast.months.map((q) => [q.period.month, q.total])).toEqual([
      ["2026-10", "449.99"],
      ["2026-11", "1349.97"],
      ["2026-12", "1349.97"],
    ]);
    expect(forecast.total).toBe("3149.93");
  });

  it("compares options over all the months", () => {
    const result = compare(tencent, {
      ...months,
      months: months.months!.map((m) => ({ ...m, usage: { ...m.usage, mau: 30_000 } })),
    });
    // Premium: 3 × (699 + 20,000 × 0.015) = 2,997.00
    expect(result.options.find((o) => o.edition === "premium")!.total!.toFixed(2)).toBe("2997.00");
    expect(result.current.total.toFixed(2)).toBe("3149.93");
  });

  it("quote() refuses a forecast document and points to quoteMonths", async () => {
    const { quote } = await import("../src/index.js");
    expect(problemsOf(() => quote(tencent, months)).map((p) => p.code)).toEqual(["usage.months"]);
  });
});

describe("compare keeps what the current add-ons buy", () => {
  // basic 10, plus 20 (retention 90 days), max 26 (support included; no vault), lite 5 (no support, no EU region).
  const shop = inlineRuleSet({
    meters: [{ id: "calls", name: "Calls", unit: "call", aggregate: "sum" }],
    entitlements: [{ id: "retention-days", name: "Retention", unit: "day" }],
    editions: [
      { id: "basic", name: "Basic", fee: 10, default: true, entitlements: { "retention-days": 7 } },
      { id: "plus", name: "Plus", fee: 20, entitlements: { "retention-days": 90 } },
      { id: "max", name: "Max", fee: 26, entitlements: { "retention-days": 7 } },
      { id: "lite", name: "Lite", fee: 5, entitlements: { "retention-days": 7 } },
    ],
    charges: [{ id: "calls", name: "Calls", meter: "calls", price: { model: "per-unit", unitPrice: 0.01 } }],
    addons: [
      {
        id: "support",
        name: "Support",
        editions: {
          basic: { price: 15 },
          plus: { price: 15 },
          max: { included: true, reason: "Max includes support." },
          lite: { offered: false, reason: "Lite comes without support." },
        },
      },
      {
        id: "region",
        name: "Data region",
        option: { id: "region", name: "Region" },
        editions: {
          basic: { options: { eu: 3, us: 2 } },
          plus: { options: { eu: 3, us: 2 } },
          max: { options: { eu: 3, us: 2 } },
          lite: { options: { eu: "not-offered", us: 2 } },
        },
      },
      {
        id: "archive",
        name: "Archive",
        option: { id: "days", name: "Retention", unit: "day", grants: "retention-days" },
        options: { 30: 4, 90: 9 },
      },
      { id: "packs", name: "Packs", quantity: { unit: "pack" }, price: 1 },
      {
        id: "vault",
        name: "Vault",
        trial: { days: 14 },
        editions: {
          basic: { price: 6, grants: { "retention-days": 365 } },
          plus: { price: 6, grants: { "retention-days": 365 } },
          lite: { price: 6, grants: { "retention-days": 365 } },
        },
      },
    ],
  });
  const shopDoc = (addons: AddonChoices): UsageDocument => ({
    ruleset: "inline",
    period: "2026-10",
    edition: "basic",
    usage: { calls: 0 },
    addons,
  });
  const rows = (result: Comparison) =>
    result.options.map((o) => [o.edition, o.addons, o.reason ?? o.total!.toFixed(2)]);

  it.each<[string, AddonChoices, string, unknown[][]]>([
    [
      "an add-on that grants nothing is bought again; an edition that includes it does without; one that cannot buy it is not possible",
      { support: true },
      "25.00",
      [
        ["basic", { support: true }, "25.00"],
        ["max", {}, "26.00"],
        ["plus", { support: true }, "35.00"],
        ["lite", { support: true }, "Support (support) is not offered with Lite: Lite comes without support."],
      ],
    ],
    [
      "an add-on that grants an entitlement: an edition that includes it needs no add-on",
      { archive: { days: 30 } },
      "14.00",
      [
        ["lite", { archive: { days: 30 } }, "9.00"],
        ["basic", { archive: { days: 30 } }, "14.00"],
        ["plus", {}, "20.00"],
        ["max", { archive: { days: 30 } }, "30.00"],
      ],
    ],
    [
      "an option value and a quantity carry over as bought (EU, not the cheaper US; 3 packs, not 1)",
      { region: { region: "eu" }, packs: { quantity: 3 } },
      "16.00",
      [
        ["basic", { region: { region: "eu" }, packs: { quantity: 3 } }, "16.00"],
        ["plus", { region: { region: "eu" }, packs: { quantity: 3 } }, "26.00"],
        ["max", { region: { region: "eu" }, packs: { quantity: 3 } }, "32.00"],
        [
          "lite",
          { region: { region: "eu" }, packs: { quantity: 3 } },
          "region region eu is not offered; choose one of: us",
        ],
      ],
    ],
    [
      "an add-on that grants, bought on a trial: its start carries over to every edition that buys it",
      { vault: { activatedAt: "2026-10-10" } },
      "16.00",
      [
        ["lite", { vault: { activatedAt: "2026-10-10" } }, "11.00"],
        ["basic", { vault: { activatedAt: "2026-10-10" } }, "16.00"],
        ["plus", { vault: { activatedAt: "2026-10-10" } }, "26.00"],
        ["max", {}, "retention-days is 7, needs >=365"],
      ],
    ],
    [
      "an add-on that grants beside one bought by the unit: an edition that includes the grant buys only the units",
      { archive: { days: 90 }, packs: { quantity: 2 } },
      "21.00",
      [
        ["lite", { packs: { quantity: 2 }, archive: { days: 90 } }, "16.00"],
        ["basic", { packs: { quantity: 2 }, archive: { days: 90 } }, "21.00"],
        ["plus", { packs: { quantity: 2 } }, "22.00"],
        ["max", { packs: { quantity: 2 }, archive: { days: 90 } }, "37.00"],
      ],
    ],
  ])("%s", (_name, addons, now, expected) => {
    const result = compare(shop, shopDoc(addons));
    expect(result.current.total.toFixed(2)).toBe(now);
    expect(rows(result)).toEqual(expected);
  });

  it.each<[string, string, string, unknown[][]]>([
    [
      "example-api",
      "team-seats.yaml",
      "480.00",
      [
        ["team", { sso: true, sandbox: { quantity: 2 } }, "480.00"],
        ["scale", { sso: true, sandbox: { quantity: 2 } }, "2000.00"],
        [
          "payg",
          { sso: true, sandbox: { quantity: 2 } },
          "Single sign-on (sso) cannot be bought with Pay as you go: Single sign-on comes with the Team and Scale plans.",
        ],
      ],
    ],
    [
      "object-store",
      "flat-rate-egress-allotment.yaml",
      "17.04",
      [
        ["flat", { "managed-keys": { quantity: 3 } }, "17.04"],
        [
          "standard",
          { "managed-keys": { quantity: 3 } },
          "pay-as-you-go has no add-on managed-keys, which the current subscription buys",
        ],
        [
          "reserved",
          { "managed-keys": { quantity: 3 } },
          "pay-as-you-go has no add-on managed-keys, which the current subscription buys",
        ],
      ],
    ],
    [
      "example-saas",
      "business-everything.yaml",
      "233.99",
      [
        ["business", { sso: true, "audit-log": { retention: 90 } }, "233.99"],
        ["enterprise", {}, "500.50"],
        [
          "starter",
          { sso: true },
          "Single sign-on (sso) cannot be bought with Starter: Single sign-on needs the Business or Enterprise edition.",
        ],
      ],
    ],
  ])("%s/examples/%s: the add-ons bought are kept", (ruleSet, file, now, expected) => {
    const dir = join(RULES, ruleSet);
    const result = compare(loadPlan(dir), parseUsage(readFileSync(join(dir, "examples", file), "utf8"), file));
    expect(result.current.total.toFixed(2)).toBe(now);
    expect(rows(result)).toEqual(expected);
  });

  it("the table groups the digits of the usage at a break-even", () => {
    const file = join(ROOT, "examples", "tencent-im-should-i-migrate.yaml");
    const result = compare(tencent, parseUsage(readFileSync(file, "utf8"), file));
    const lines = renderComparison(result, "USD", 2)
      .split("\n")
      .filter((line) => line.includes("× your usage, to within 1% ("));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/\(dau \d{1,3}(,\d{3})*, groups \d{1,3}(,\d{3})*,/);
    // Several values move: the changes are searched for, and say so.
    expect(result.breakEvens.map((b) => b.exact)).toEqual(lines.map(() => false));
  });

  it("the table names the kept add-ons beside the needs", () => {
    const dir = join(RULES, "example-api");
    const file = join(dir, "examples", "team-seats.yaml");
    const result = compare(loadPlan(dir), parseUsage(readFileSync(file, "utf8"), file));
    expect(renderComparison(result, "USD", 2).split("\n")[1]).toBe("Kept from the add-ons you buy: sso, sandbox");
  });

  /** A document whose edition or add-ons change within the period: its own edition's row is that edition for the whole period. */
  const changesChoices = (doc: UsageDocument) =>
    Boolean(doc.changes || doc.months?.some((m) => m.changes || m.edition || m.addons));

  it("the current edition's row is the current subscription, for every bundled example (property)", HEAVY, () => {
    let compared = 0;
    for (const dir of BUNDLED_DIRS) {
      const plan = loadPlan(dir);
      for (const file of readdirSync(join(dir, "examples")).filter((f) => f.endsWith(".yaml"))) {
        const source = parseUsage(readFileSync(join(dir, "examples", file), "utf8"), file);
        const doc = source.data as UsageDocument & { expect?: { error?: string } };
        if (doc.expect?.error || changesChoices(doc)) continue;
        const result = compare(plan, source);
        const own = result.options.find((o) => o.mode === result.current.mode && o.edition === result.current.edition);
        const now = quoteMonths(plan, source, { otherModesMeters: "ignore" });
        // An edition over its hard limit is not possible, for the breach the quote itself warns about.
        const breaches = now.months.flatMap((q) => q.warnings).filter((w) => w.code === "limit.exceeded");
        const breach = breaches[0]?.message;
        expect([file, result.current.total.toFixed(plan.money.scale), own?.forecast?.total, own?.reason]).toEqual([
          file,
          now.total,
          now.total,
          breach,
        ]);
        expect([file, own?.difference?.toFixed(plan.money.scale)]).toEqual([
          file,
          breach ? undefined : new Decimal(0).toFixed(plan.money.scale),
        ]);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(30);
  });

  it("a document whose edition changes within the month: its edition's row is that edition for the whole month", () => {
    const dir = join(RULES, "tencent-im");
    const file = "current-upgrade-mid-month.yaml";
    const result = compare(loadPlan(dir), parseUsage(readFileSync(join(dir, "examples", file), "utf8"), file));
    // Now: Standard for 15 days then Premium = 583.83; Premium all month: 699 + 2,000 MAU × 0.015 = 729.00.
    expect(result.current.total.toFixed(2)).toBe("583.83");
    expect(result.options.find((o) => o.edition === "premium")!.total!.toFixed(2)).toBe("729.00");
  });
});
