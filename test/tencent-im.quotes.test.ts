import { describe, expect, it } from "vitest";
import { RatecardError } from "../src/index.js";
import { amounts, problemsOf, tencentQuote } from "./helpers.js";

const OLD_APP = { createdAt: "2022-06-01" };
const NEW_APP = { createdAt: "2023-03-15" };

/**
 * Every case is worked out by hand from the seed price lists:
 * original mode — Pro 449.99, Ultimate 899.99, 10,000 DAU and 100,000 groups included,
 * overage 449.99 per block of 10,000 DAU / 100,000 groups, partial blocks billed whole;
 * current mode — Standard 399, Premium 699, 10,000 MAU included, then 0.015 per user.
 */
describe("original mode: plan fees and DAU blocks", () => {
  const cases: [string, string, number, number, string, Record<string, string>][] = [
    // name, edition, dau, groups, total, lines
    [
      "Pro at the DAU quota",
      "pro",
      10_000,
      100_000,
      "449.99",
      { pro: "449.99", "dau-overage": "0.00", "groups-overage": "0.00" },
    ],
    ["Pro one DAU above the quota", "pro", 10_001, 100_000, "899.98", { "dau-overage": "449.99" }],
    ["Pro a full block above", "pro", 20_000, 100_000, "899.98", { "dau-overage": "449.99" }],
    ["Pro a block and one above", "pro", 20_001, 100_000, "1349.97", { "dau-overage": "899.98" }],
    ["Pro, the README's example: 23,456 DAU → 2 blocks", "pro", 23_456, 0, "1349.97", { "dau-overage": "899.98" }],
    ["Pro at the group quota", "pro", 0, 100_000, "449.99", { "groups-overage": "0.00" }],
    ["Pro one group above", "pro", 0, 100_001, "899.98", { "groups-overage": "449.99" }],
    ["Pro a full group block above", "pro", 0, 200_000, "899.98", { "groups-overage": "449.99" }],
    ["Pro a group block and one above", "pro", 0, 200_001, "1349.97", { "groups-overage": "899.98" }],
    [
      "Pro, both meters over",
      "pro",
      23_456,
      120_000,
      "1799.96",
      { "dau-overage": "899.98", "groups-overage": "449.99" },
    ],
    ["Ultimate at its quotas", "ultimate", 10_000, 100_000, "899.99", { ultimate: "899.99" }],
    ["Ultimate three DAU blocks", "ultimate", 30_001, 100_000, "2249.96", { "dau-overage": "1349.97" }],
    ["Ultimate 1,000,000 DAU: 99 blocks", "ultimate", 1_000_000, 100_000, "45449.00", { "dau-overage": "44549.01" }],
    ["Free within its caps", "free", 100, 100, "0.00", { free: "0.00" }],
  ];
  it.each(cases)("%s", (_name, edition, dau, groups, total, lines) => {
    const q = tencentQuote({ app: OLD_APP, edition, usage: { dau, groups } });
    expect(q.mode).toBe("original");
    expect(q.total).toBe(total);
    expect(amounts(q)).toMatchObject(lines);
  });

  it("bills the peak of daily values", () => {
    const q = tencentQuote({
      app: OLD_APP,
      edition: "pro",
      usage: { dau: [9_000, 23_456, 12_000], groups: [90_000, 120_000, 101_000] },
    });
    expect(amounts(q)).toMatchObject({ "dau-overage": "899.98", "groups-overage": "449.99" });
    expect(q.trace!.map((s) => s.text)).toContain(
      "peak DAU 23,456 on 2 Oct − 10,000 included = 13,456 → 2 blocks of 10,000 users × 449.99 = 899.98",
    );
  });

  it("stays exact at 1e16 DAU", () => {
    // billable 9,999,999,999,990,000 = 999,999,999,999 blocks × 449.99 = 449,989,999,999,550.01
    const q = tencentQuote({ app: OLD_APP, edition: "pro", usage: { dau: 1e16, groups: 0 } });
    expect(amounts(q)["dau-overage"]).toBe("449989999999550.01");
    expect(q.total).toBe("449990000000000.00");
  });

  it("stays exact past 2^53 when the value is given as a string", () => {
    // billable 9,999,999,999,990,001 → 1,000,000,000,000 blocks × 449.99
    const q = tencentQuote({ app: OLD_APP, edition: "pro", usage: { dau: "10000000000000001", groups: 0 } });
    expect(amounts(q)["dau-overage"]).toBe("449990000000000.00");
    expect(q.total).toBe("449990000000449.99");
  });

  it("warns, and bills nothing, above the Free edition's hard caps", () => {
    const q = tencentQuote({ app: OLD_APP, edition: "free", usage: { dau: 150, groups: 120 } });
    expect(q.total).toBe("0.00");
    expect(q.warnings.map((w) => w.code)).toEqual(["limit.exceeded", "limit.exceeded"]);
    expect(q.warnings[0]!.message).toContain("the 50 above it are blocked");
  });
});

describe("original mode: value-added services", () => {
  const cases: [string, string, Record<string, unknown>, Record<string, string>][] = [
    ["Pro unlimited AvChatRoom", "pro", { "avchatroom-unlimited": true }, { "avchatroom-unlimited": "449.99" }],
    ["Pro 2,000 members per group", "pro", { "group-members": true }, { "group-members": "239.99" }],
    ["Ultimate 6,000 members per group", "ultimate", { "group-members": true }, { "group-members": "239.99" }],
    ["Pro 1,000 groups per user", "pro", { "groups-per-user": true }, { "groups-per-user": "449.99" }],
    ["Ultimate 3,000 groups per user", "ultimate", { "groups-per-user": true }, { "groups-per-user": "449.99" }],
    ["Pro 30-day retention", "pro", { "message-retention": { days: 30 } }, { "message-retention": "99.99" }],
    ["Pro 90-day retention", "pro", { "message-retention": { days: 90 } }, { "message-retention": "179.99" }],
    ["Pro 180-day retention", "pro", { "message-retention": { days: 180 } }, { "message-retention": "269.99" }],
    ["Pro 360-day retention", "pro", { "message-retention": { days: 360 } }, { "message-retention": "399.99" }],
    ["Ultimate 90-day retention", "ultimate", { "message-retention": { days: 90 } }, { "message-retention": "99.99" }],
    [
      "Ultimate 180-day retention",
      "ultimate",
      { "message-retention": { days: 180 } },
      { "message-retention": "179.99" },
    ],
    [
      "Ultimate 360-day retention",
      "ultimate",
      { "message-retention": { days: "360" } },
      { "message-retention": "319.99" },
    ],
    ["av-call inside its 60-day trial", "pro", { "av-call": { activatedAt: "2026-09-20" } }, { "av-call": "0.00" }],
    ["an add-on set to false is not bought", "pro", { "group-members": false }, {}],
  ];
  it.each(cases)("%s", (_name, edition, addons, lines) => {
    const q = tencentQuote({ app: OLD_APP, edition, usage: { dau: 0, groups: 0 }, addons: addons as never });
    const fee = edition === "pro" ? "449.99" : "899.99";
    const expected = Object.values(lines).reduce(
      (sum, a) => sum + Math.round(Number(a) * 100),
      Math.round(Number(fee) * 100),
    );
    expect(amounts(q)).toEqual({ [edition]: fee, "dau-overage": "0.00", "groups-overage": "0.00", ...lines });
    expect(q.total).toBe((expected / 100).toFixed(2));
  });

  // The price list: Pro 30, 90, 180 and 360 days; Ultimate 90, 180 and 360 (it already retains 30); Free none.
  it.each([
    [
      "free",
      {
        30: "usage.addon-not-eligible",
        90: "usage.addon-not-eligible",
        180: "usage.addon-not-eligible",
        360: "usage.addon-not-eligible",
      },
    ],
    ["pro", { 30: "99.99", 90: "179.99", 180: "269.99", 360: "399.99" }],
    ["ultimate", { 30: "usage.option", 90: "99.99", 180: "179.99", 360: "319.99" }],
  ])("message retention for %s: the periods and prices of the price list, nothing else", (edition, expected) => {
    const got = Object.fromEntries(
      [30, 90, 180, 360].map((days) => {
        const doc = { app: OLD_APP, edition, usage: { dau: 0, groups: 0 }, addons: { "message-retention": { days } } };
        try {
          return [days, amounts(tencentQuote(doc))["message-retention"]];
        } catch (error) {
          if (!(error instanceof RatecardError)) throw error;
          return [days, error.problems.map((p) => p.code).join(", ")];
        }
      }),
    );
    expect(got).toEqual(expected);
  });

  it("Ultimate with 30-day retention is refused as an option it does not have, at the option", () => {
    const problems = problemsOf(() =>
      tencentQuote({
        app: OLD_APP,
        edition: "ultimate",
        usage: { dau: 0, groups: 0 },
        addons: { "message-retention": { days: 30 } },
      }),
    );
    expect(problems.map((p) => [p.code, p.message, p.path])).toEqual([
      [
        "usage.option",
        "message-retention days 30 is not offered; choose one of: 90, 180, 360",
        ["addons", "message-retention", "days"],
      ],
    ]);
  });

  it("Pro with every add-on: 449.99 + 449.99 + 239.99 + 449.99 + 399.99 = 1989.95", () => {
    const q = tencentQuote({
      app: OLD_APP,
      edition: "pro",
      usage: { dau: 0, groups: 0 },
      addons: {
        "avchatroom-unlimited": true,
        "group-members": true,
        "groups-per-user": true,
        "message-retention": { days: 360 },
        "av-call": { activatedAt: "2026-10-01" },
      },
    });
    expect(q.total).toBe("1989.95");
  });

  it("av-call: a trial that ends inside the month is free, with a warning that no later price exists", () => {
    const q = tencentQuote({
      app: OLD_APP,
      edition: "pro",
      period: "2026-11",
      usage: { dau: 0, groups: 0 },
      addons: { "av-call": { activatedAt: "2026-09-20" } },
    });
    expect(amounts(q)["av-call"]).toBe("0.00");
    expect(q.warnings.map((w) => w.code)).toEqual(["addon.unpriced"]);
    expect(q.warnings[0]!.message).toContain("2026-11-18");
  });

  it("av-call after its trial: no line, no invented price, a warning", () => {
    const q = tencentQuote({
      app: OLD_APP,
      edition: "pro",
      period: "2026-12",
      usage: { dau: 0, groups: 0 },
      addons: { "av-call": { activatedAt: "2026-09-20" } },
    });
    expect(amounts(q)).not.toHaveProperty("av-call");
    expect(q.total).toBe("449.99");
    expect(q.warnings.map((w) => w.code)).toEqual(["addon.unpriced"]);
  });
});

describe("current mode", () => {
  const cases: [string, string, Record<string, number>, string, Record<string, string>][] = [
    ["Developer is free", "developer", { mau: 100 }, "0.00", { developer: "0.00" }],
    ["Standard at the quota", "standard", { mau: 10_000 }, "399.00", { "mau-overage": "0.00" }],
    [
      "Standard one MAU above: 0.015 rounds half-up to 0.02",
      "standard",
      { mau: 10_001 },
      "399.02",
      { "mau-overage": "0.02" },
    ],
    ["Standard 13,457 above: 201.855 → 201.86", "standard", { mau: 23_457 }, "600.86", { "mau-overage": "201.86" }],
    ["Premium 10,000 above: 150.00", "premium", { mau: 20_000 }, "849.00", { "mau-overage": "150.00" }],
    ["Premium one million MAU", "premium", { mau: 1_000_000 }, "15549.00", { "mau-overage": "14850.00" }],
    ["PCC is free for a limited time", "standard", { mau: 0, pcc: 50_000 }, "399.00", { pcc: "0.00" }],
  ];
  it.each(cases)("%s", (_name, edition, usage, total, lines) => {
    const q = tencentQuote({ app: NEW_APP, edition, usage });
    expect(q.mode).toBe("current");
    expect(q.total).toBe(total);
    expect(amounts(q)).toMatchObject(lines);
  });

  it("warns above the Developer edition's 100-user cap", () => {
    const q = tencentQuote({ app: NEW_APP, edition: "developer", usage: { mau: 101 } });
    expect(q.total).toBe("0.00");
    expect(q.warnings.map((w) => w.code)).toEqual(["limit.exceeded"]);
  });

  it("av-call has a 60-day trial in every edition", () => {
    const q = tencentQuote({
      app: NEW_APP,
      edition: "developer",
      usage: { mau: 5 },
      addons: { "av-call": { activatedAt: "2026-10-15" } },
    });
    expect(amounts(q)["av-call"]).toBe("0.00");
  });
});

describe("price versions", () => {
  // Before 2021-08-06 (documentation history): Pro 149.99, top edition 449.99, 149.99 per block.
  it("a 2021 bill uses the prices then in force", () => {
    const q = tencentQuote({
      app: { createdAt: "2020-03-01" },
      period: "2021-05",
      edition: "pro",
      usage: { dau: 23_456, groups: 120_000 },
    });
    expect(amounts(q)).toEqual({ pro: "149.99", "dau-overage": "299.98", "groups-overage": "149.99" });
    expect(q.total).toBe("599.96");
    expect(q.version).toEqual({ until: "2021-08-06", note: "taken from the documentation's price history" });
  });
  it("a 2022 bill uses the new prices", () => {
    const q = tencentQuote({
      app: { createdAt: "2020-03-01" },
      period: "2022-03",
      edition: "pro",
      usage: { dau: 23_456, groups: 120_000 },
    });
    expect(q.total).toBe("1799.96");
    expect(q.version.from).toBe("2021-08-06");
  });
  it("the top edition cost 449.99 before the change", () => {
    const q = tencentQuote({
      app: { createdAt: "2020-03-01" },
      period: "2021-07",
      edition: "ultimate",
      usage: { dau: 0, groups: 0 },
    });
    expect(q.total).toBe("449.99");
    expect(q.lines[0]!.description).toBe("Flagship Edition plan fee");
  });
  it("the month of the change is quoted at the prices of its first day, with a warning", () => {
    const q = tencentQuote({
      app: { createdAt: "2020-03-01" },
      period: "2021-08",
      edition: "pro",
      usage: { dau: 0, groups: 0 },
    });
    expect(q.total).toBe("149.99");
    expect(q.warnings.map((w) => w.code)).toEqual(["period.partly-effective"]);
  });
  it("value-added services of 2021 have no known price: a warning, not an invented amount", () => {
    const q = tencentQuote({
      app: { createdAt: "2020-03-01" },
      period: "2021-05",
      edition: "pro",
      usage: { dau: 0, groups: 0 },
      addons: { "group-members": true },
    });
    expect(q.total).toBe("149.99");
    expect(q.warnings.map((w) => w.code)).toEqual(["addon.unpriced"]);
  });
});

describe("meters of another mode", () => {
  it("are left out with a warning, so one document can serve every mode", () => {
    const q = tencentQuote({ app: OLD_APP, edition: "pro", usage: { dau: 0, groups: 0, mau: 5_000 } });
    expect(q.total).toBe("449.99");
    expect(q.warnings).toEqual([
      {
        code: "meter.other-mode",
        message: "usage.mau is a meter of mode current; this quote is in mode original and does not use it",
      },
    ]);
  });
  it("are refused when the caller asks for strictness", async () => {
    const { quote } = await import("../src/index.js");
    const { tencent } = await import("./helpers.js");
    const problems = problemsOf(() =>
      quote(
        tencent,
        {
          ruleset: "tencent-im",
          period: "2026-10",
          app: OLD_APP,
          edition: "pro",
          usage: { dau: 0, groups: 0, mau: 5 },
        },
        { otherModesMeters: "refuse" },
      ),
    );
    expect(problems.map((p) => [p.code, p.message])).toEqual([
      ["usage.meter", expect.stringContaining("a meter of mode current")],
    ]);
  });
});

describe("changes within a month", () => {
  it("an upgrade on the 16th of a 31-day month is charged by day: 399 × 15/31 + 699 × 16/31", () => {
    const q = tencentQuote({
      app: NEW_APP,
      edition: "standard",
      changes: [{ on: "2026-10-16", edition: "premium" }],
      usage: { mau: 10_000 },
    });
    expect(q.lines.map((l) => [l.id, l.quantity, l.amount])).toEqual([
      ["standard", "15", "193.06"],
      ["premium", "16", "360.77"],
      ["mau-overage", "0", "0.00"],
    ]);
    expect(q.total).toBe("553.83");
    expect(q.edition).toBe("premium");
  });
  it("usage above the quota is charged at the edition in force at the end of the month", () => {
    const q = tencentQuote({
      app: NEW_APP,
      edition: "premium",
      changes: [{ on: "2026-10-20", edition: "standard" }],
      usage: { mau: 20_000 },
    });
    // premium 699 × 19/31 = 428.419… → 428.42; standard 399 × 12/31 = 154.451… → 154.45; 10,000 × 0.015 = 150
    expect(q.total).toBe("732.87");
  });
  it("allows one plan change per calendar month", () => {
    const problems = problemsOf(() =>
      tencentQuote({
        app: NEW_APP,
        edition: "standard",
        changes: [
          { on: "2026-10-05", edition: "premium" },
          { on: "2026-10-20", edition: "standard" },
        ],
        usage: { mau: 0 },
      }),
    );
    expect(problems.map((p) => [p.code, p.path.join(".")])).toEqual([["usage.change", "changes.1.edition"]]);
  });
  it("refuses a downgrade to the free Developer edition", () => {
    const problems = problemsOf(() =>
      tencentQuote({
        app: NEW_APP,
        edition: "standard",
        changes: [{ on: "2026-10-05", edition: "developer" }],
        usage: { mau: 0 },
      }),
    );
    expect(problems.map((p) => p.code)).toEqual(["usage.change"]);
    expect(problems[0]!.message).toContain("cannot be changed to the free Developer Edition");
  });
  it("refuses a change outside the month", () => {
    const problems = problemsOf(() =>
      tencentQuote({
        app: NEW_APP,
        edition: "standard",
        changes: [{ on: "2026-11-05", edition: "premium" }],
        usage: { mau: 0 },
      }),
    );
    expect(problems.map((p) => p.code)).toEqual(["usage.change"]);
  });
  it("bills the original mode's month whole at the edition in force at its end (no proration there)", () => {
    const q = tencentQuote({
      app: OLD_APP,
      edition: "pro",
      changes: [{ on: "2026-10-16", edition: "ultimate" }],
      usage: { dau: 0, groups: 0 },
    });
    expect(q.total).toBe("899.99");
  });
});

describe("modes, migrations and dates", () => {
  it("an app created before 2022-12-26 defaults to the original mode", () => {
    expect(tencentQuote({ app: OLD_APP, usage: { dau: 0, groups: 0 } }).mode).toBe("original");
  });
  it("an app created on 2022-12-26 defaults to the current mode and its Developer edition", () => {
    const q = tencentQuote({ app: { createdAt: "2022-12-26" }, usage: { mau: 10 } });
    expect([q.mode, q.edition]).toEqual(["current", "developer"]);
  });
  it("an app that migrated is billed in the current mode from then on", () => {
    const q = tencentQuote({
      app: { createdAt: "2022-06-01", migratedAt: "2024-01-10" },
      edition: "standard",
      usage: { mau: 10_000 },
    });
    expect(q.mode).toBe("current");
  });
  it("a month before the migration is still billed in the original mode", () => {
    const q = tencentQuote({
      app: { createdAt: "2022-06-01", migratedAt: "2024-01-10" },
      period: "2023-12",
      edition: "pro",
      usage: { dau: 0, groups: 0 },
    });
    expect(q.mode).toBe("original");
  });
  it("the month of the migration is quoted in the new mode, with a warning", () => {
    const q = tencentQuote({
      app: { createdAt: "2022-06-01", migratedAt: "2024-01-10" },
      period: "2024-01",
      edition: "standard",
      usage: { mau: 0 },
    });
    expect(q.mode).toBe("current");
    expect(q.warnings.map((w) => w.code)).toEqual(["mode.migrated-in-period"]);
  });
  it("a month only partly under a mode's prices is quoted with a warning", () => {
    const q = tencentQuote({
      app: { createdAt: "2022-12-27" },
      period: "2022-12",
      edition: "standard",
      usage: { mau: 0 },
    });
    expect(q.warnings.map((w) => w.code)).toEqual(["period.partly-effective"]);
  });
  it("states the settlement window: the first 3 days of the next month", () => {
    const q = tencentQuote({ app: NEW_APP, period: "2026-12", usage: { mau: 0 } });
    expect(q.settlement).toMatchObject({ from: "2027-01-01", to: "2027-01-03" });
    expect(q.period).toEqual({ month: "2026-12", from: "2026-12-01", to: "2026-12-31" });
  });
  it("knows February in a leap year", () => {
    const q = tencentQuote({
      app: NEW_APP,
      period: "2028-02",
      usage: {
        mau: [
          1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
        ],
      },
    });
    expect(q.period.to).toBe("2028-02-29");
    expect(q.settlement).toMatchObject({ from: "2028-03-01", to: "2028-03-03" });
  });
});
