import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runExamples } from "../src/examples/run-examples.js";
import { describe, expect, it } from "vitest";
import { loadRuleSet, quote, type Quote, type UsageDocument } from "../src/index.js";
import { Decimal } from "../src/money/decimal.js";
import { problemsOf } from "./helpers.js";

/**
 * The made-up CI price list (test/fixtures/ci-minutes: a new author's, kept as a fixture since its pages would restate Windows and macOS minutes as quota minutes), every figure computed by hand first. Build minutes
 * are given in quota minutes (Linux 1×, Windows 2×, macOS 10× the minutes run): the DSL has no
 * multiplier on quota consumption.
 */
const ci = loadRuleSet(join(import.meta.dirname, "fixtures", "ci-minutes"));
const ciQuote = (doc: Partial<UsageDocument>): Quote =>
  quote(ci, { ruleset: "ci-minutes", period: "2026-10", usage: {}, ...doc });

/** Every line as `kind id amount`: a spend-limit line has its edition's id, as the fee line does. */
const lines = (q: Quote) => q.lines.map((line) => `${line.kind} ${line.id} ${line.amount}`);

const STORAGE_3_THEN_5 = [...Array<number>(15).fill(3), ...Array<number>(16).fill(5)];

describe("ci-minutes: quotes computed by hand", () => {
  it.each<[string, Partial<UsageDocument>, string[], string]>([
    [
      // quota minutes 2,600 + 1,600 + 1,200 = 5,400; 3,000 included cover Linux and 400 of Windows;
      // Windows 1,200 quota min = 600 min × 0.014; macOS 1,200 = 120 min × 0.07; storage 125/31 GB
      "Team over the quota on every OS, larger runners, averaged storage, 3 extra jobs",
      {
        edition: "team",
        usage: {
          seats: 12,
          "build-minutes": { linux: 2600, windows: 1600, macos: 1200 },
          "larger-runner-minutes": { "4-core": 500, "16-core": 90 },
          storage: STORAGE_3_THEN_5,
        },
        addons: { "concurrent-jobs": { quantity: 3 } },
      },
      [
        "fee team 48.00",
        "usage build-minutes.linux 0.00",
        "usage build-minutes.windows 8.40",
        "usage build-minutes.macos 8.40",
        "usage larger-runners.4-core 9.00",
        "usage larger-runners.16-core 5.94",
        "usage storage 0.51", // (4.032258 − 2) × 0.25 = 0.508…
        "addon concurrent-jobs 45.00",
      ],
      "125.25",
    ],
    [
      // 1,500 + 400 + 300 = 2,200 > 2,000: 200 macOS quota min = 20 min × 0.07, under a limit of 0
      "Free past its minutes: the spending limit of 0 bills none of it",
      { usage: { "build-minutes": { linux: 1500, windows: 400, macos: 300 }, storage: 0.4 } },
      [
        "fee free 0.00",
        "usage build-minutes.linux 0.00",
        "usage build-minutes.windows 0.00",
        "usage build-minutes.macos 1.40",
        "usage storage 0.00",
        "cap free -1.40",
      ],
      "0.00",
    ],
    [
      "Free with a spending limit of 1.00 the customer set: billed up to it",
      {
        usage: { "build-minutes": { linux: 1500, windows: 400, macos: 300 } },
        overrides: { editions: { free: { maximumSpend: { amount: "1.00", on: "usage" } } } },
      },
      [
        "fee free 0.00",
        "usage build-minutes.linux 0.00",
        "usage build-minutes.windows 0.00",
        "usage build-minutes.macos 1.40",
        "cap free -0.40",
      ],
      "1.00",
    ],
    [
      // usage 28.00 + 6.80 = 34.80 above the limit of 20.00; the add-on is not usage
      "Team with a 20.00 spending limit on usage",
      {
        edition: "team",
        usage: {
          seats: 5,
          "build-minutes": { linux: 1000, macos: 6000 },
          "larger-runner-minutes": { "8-core": 200 },
          storage: 1,
        },
        addons: { "concurrent-jobs": { quantity: 1 } },
        overrides: { editions: { team: { maximumSpend: { amount: 20, on: "usage" } } } },
      },
      [
        "fee team 20.00",
        "usage build-minutes.linux 0.00",
        "usage build-minutes.macos 28.00",
        "usage larger-runners.8-core 6.80",
        "usage storage 0.00",
        "addon concurrent-jobs 15.00",
        "cap team -14.80",
      ],
      "55.00",
    ],
    [
      // trial 20 Sep–3 Oct; Team 4 seats × 4.00 × 28/31 = 14.4516…; coupon month 2 of 3: 20% of 17.95
      "a Team trial ending on 3 October, with the welcome coupon",
      {
        app: { createdAt: "2026-09-20" },
        edition: "team-trial",
        changes: [{ on: "2026-10-04", edition: "team" }],
        usage: { seats: 4, "build-minutes": { linux: 3500 } },
        coupons: ["welcome-20"],
      },
      ["fee team-trial 0.00", "fee team 14.45", "usage build-minutes.linux 3.50", "discount welcome-20 -3.59"],
      "14.36",
    ],
    [
      "the coupon's fourth month (December from a September sign-up) takes nothing",
      {
        period: "2026-12",
        app: { createdAt: "2026-09-20" },
        edition: "team",
        usage: { seats: 4, "build-minutes": { linux: 3500 } },
        coupons: ["welcome-20"],
      },
      ["fee team 16.00", "usage build-minutes.linux 3.50"],
      "19.50",
    ],
    [
      // the trial's 3,000 at month end: 2,800 + 400 = 3,200; 20 macOS min × 0.07 trimmed to 0
      "a Free organisation starting the Team trial on 20 October",
      {
        app: { createdAt: "2026-06-01" },
        changes: [{ on: "2026-10-20", edition: "team-trial" }],
        usage: { "build-minutes": { linux: 2800, macos: 400 } },
      },
      [
        "fee free 0.00",
        "fee team-trial 0.00",
        "usage build-minutes.linux 0.00",
        "usage build-minutes.macos 1.40",
        "cap team-trial -1.40",
      ],
      "0.00",
    ],
    [
      // 30 × 210.00 in advance; 30,000 + 20,000 fill the 50,000; macOS 1,500 min × 0.07; 10.5 GB × 0.25
      "Enterprise billed annually, the month the year's fee is due",
      {
        app: { createdAt: "2026-10-05", billing: "annual" },
        edition: "enterprise",
        usage: { seats: 30, "build-minutes": { linux: 30000, windows: 20000, macos: 15000 }, storage: 60.5 },
        addons: { "concurrent-jobs": { quantity: 10 } },
      },
      [
        "fee enterprise 6300.00",
        "usage build-minutes.linux 0.00",
        "usage build-minutes.windows 0.00",
        "usage build-minutes.macos 105.00",
        "usage storage 2.63",
        "addon concurrent-jobs 150.00",
      ],
      "6557.63",
    ],
  ])("%s", (_name, doc, expected, total) => {
    const q = ciQuote(doc);
    expect(lines(q)).toEqual(expected);
    expect(q.total).toBe(total);
  });

  it("an annual month without the fee bills usage only and says when the fee is next due", () => {
    const q = ciQuote({
      period: "2027-02",
      app: { createdAt: "2026-10-05", billing: "annual" },
      edition: "team",
      usage: {
        seats: 15,
        "build-minutes": { linux: 2500, windows: 300, macos: 250 },
        "larger-runner-minutes": { "4-core": 100 },
        storage: 2.5,
      },
      addons: { "concurrent-jobs": { quantity: 2 } },
    });
    // 3,050 quota minutes: 50 macOS quota min = 5 min × 0.07; storage 0.5 × 0.25 = 0.125
    expect(lines(q)).toEqual([
      "usage build-minutes.linux 0.00",
      "usage build-minutes.windows 0.00",
      "usage build-minutes.macos 0.35",
      "usage larger-runners.4-core 1.80",
      "usage storage 0.13",
      "addon concurrent-jobs 30.00",
    ]);
    expect(q.total).toBe("32.28");
    expect(q.warnings.map((w) => w.code)).toEqual(["fee.in-advance"]);
  });
});

describe("ci-minutes: quota minutes", () => {
  // Each OS's overage rate is its multiplier × the Linux rate, so every quota minute above the
  // quota costs 0.007 whichever OS used it: the bill does not depend on which OS the quota covers.
  it.each([
    [{ linux: 3001 }, "0.01"], // 1 × 0.007 = 0.007
    [{ windows: 3002 }, "0.01"], // 1 Windows minute above: 0.014
    [{ macos: 3010 }, "0.07"], // 1 macOS minute above
    [{ linux: 1000, windows: 2000, macos: 1000 }, "7.00"], // 1,000 quota minutes above
    [{ macos: 1000, windows: 2000, linux: 1000 }, "7.00"], // the usage's key order changes nothing
    [{ linux: 2000, windows: 1000 }, "0.00"], // exactly the quota
  ])("Team with %j quota minutes: %s above the quota", (minutes, amount) => {
    const q = ciQuote({ edition: "team", usage: { seats: 1, "build-minutes": minutes } });
    const overage = q.lines.filter((l) => l.id.startsWith("build-minutes."));
    expect(overage.reduce((sum, l) => sum.plus(l.amount), new Decimal(0)).toFixed(2)).toBe(amount);
  });

  it("larger runners are never covered by the included minutes, on any plan that may use them", () => {
    const q = ciQuote({ edition: "enterprise", usage: { seats: 1, "larger-runner-minutes": { "8-core": 10 } } });
    expect(lines(q)).toEqual(["fee enterprise 21.00", "usage larger-runners.8-core 0.34"]);
  });
});

describe("ci-minutes: refusals", () => {
  it.each<[string, Partial<UsageDocument>, string, string]>([
    [
      "extra concurrent jobs on Free",
      { usage: {}, addons: { "concurrent-jobs": { quantity: 2 } } },
      "usage.addon-not-eligible",
      "Extra concurrent jobs (concurrent-jobs) cannot be bought with Free: Extra concurrent jobs need a paid plan (Team or Enterprise).",
    ],
    [
      "the welcome coupon on annual billing",
      { app: { createdAt: "2026-10-05", billing: "annual" }, usage: { seats: 3 }, coupons: ["welcome-20"] },
      "usage.coupon",
      'unknown coupon "welcome-20"; mode annual offers: none',
    ],
    [
      "a per-seat plan without seats",
      { edition: "team", usage: { "build-minutes": { linux: 10 } } },
      "usage.meter-missing",
      "usage.seats is missing: Team bills or limits Seats; give a month value or daily values",
    ],
  ])("%s", (_name, doc, code, message) => {
    expect(problemsOf(() => ciQuote(doc)).map((p) => [p.code, p.message])).toEqual([[code, message]]);
  });
});

describe("ci-minutes: its examples", () => {
  it("quote as they expect", () => {
    const results = runExamples(join(import.meta.dirname, "fixtures", "ci-minutes"), ci);
    expect(results.filter((result) => !result.ok)).toEqual([]);
    expect(results.length).toBe(5);
  });

  it("lines sharing an id are expected by kind/id; the id alone matches none of them", () => {
    const dir = mkdtempSync(join(tmpdir(), "ratecard-ci-"));
    cpSync(join(import.meta.dirname, "fixtures", "ci-minutes"), dir, { recursive: true });
    const file = join(dir, "examples", "team-spending-limit.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace('fee/team: "20.00"', 'team: "20.00"'));
    const failed = runExamples(dir, ci).find((result) => !result.ok);
    rmSync(dir, { recursive: true, force: true });
    expect(failed?.mismatches).toEqual([
      { what: "line team", expected: "20.00", actual: "(no such line)" },
      { what: "line fee/team", expected: "(no such line)", actual: "20.00" },
    ]);
  });
});
