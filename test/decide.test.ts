import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compare, parseNeed, quoteMonths, recommend, type UsageDocument } from "../src/index.js";
import { evaluateOption } from "../src/decide/evaluate-option.js";
import { addonSets } from "../src/decide/options.js";
import { cli, problemsOf, tencent } from "./helpers.js";
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
