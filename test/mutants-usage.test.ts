import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRuleSet, parseUsage, quote, RatecardError, type QuoteOptions, type UsageDocument } from "../src/index.js";
import { problemsOf, valueOrRefusal } from "./helpers.js";
import { inlineRuleSet } from "./inline-yaml.js";

/**
 * How src/usage reads a month of usage: every aggregation of daily values, on whole numbers and
 * on decimals (two code paths), at ties and limits; and which refusals come with which code
 * (cases chosen by mutation testing, `npm run mutate`). Each meter is priced at 1.00 a unit, so a
 * line's amount is the meter's month value; every value below is worked out by hand.
 */
const MODE = `meters:
  - { id: peak, name: Peak users, unit: user, aggregate: max, integer: false }
  - { id: low, name: Workers, unit: worker, aggregate: min, integer: false }
  - { id: last, name: Seats, unit: seat, aggregate: latest, integer: false }
  - { id: calls, name: Calls, unit: call, aggregate: sum, required: false }
  - { id: mean, name: Storage, unit: GB, plural: GB, aggregate: average, missingDays: zero, decimals: 2, integer: false, required: false }
  - { id: given, name: Disk, unit: GB, plural: GB, aggregate: average, missingDays: ignore, decimals: 2, integer: false, required: false }
  - { id: monthly, name: Licences, unit: licence, aggregate: sum, input: month, required: false }
  - { id: daily, name: Jobs, unit: job, aggregate: sum, input: daily, required: false }
editions:
  - { id: only, name: Only, fee: free, default: true }
charges:
${["peak", "low", "last", "calls", "mean", "given", "monthly", "daily"].map((id) => `  - { id: ${id}, name: ${id}, meter: ${id}, price: { model: per-unit, unitPrice: 1 } }`).join("\n")}
`;

const BASE = { peak: 0, low: 0, last: 0 };
const doc = (usage: Record<string, unknown>, period = "2026-10"): UsageDocument => ({
  ruleset: "meters",
  period,
  usage: { ...BASE, ...usage },
});

describe("a meter's month value from daily values (October: 31 days)", () => {
  const cases: [string, string, unknown, string, string][] = [
    [
      "max: the first day of the peak",
      "peak",
      [3, 7, 7, 2],
      "7.00",
      "peak users 7 on 2 Oct, the highest of 4 daily values",
    ],
    [
      "max on decimals: the first day of the peak",
      "peak",
      ["1.5", "2.5", "2.5", "0.5"],
      "2.50",
      "peak users 2.5 on 2 Oct, the highest of 4 daily values",
    ],
    ["max on one day", "peak", [4], "4.00", "peak users 4 on 1 Oct, the highest of 1 daily value"],
    [
      "min: the first day of the lowest",
      "low",
      [5, 2, 9, 2],
      "2.00",
      "lowest workers 2 on 2 Oct, the lowest of 4 daily values",
    ],
    [
      "min on decimals",
      "low",
      ["5.5", "2.5", "9", "2.5"],
      "2.50",
      "lowest workers 2.5 on 2 Oct, the lowest of 4 daily values",
    ],
    ["latest: the last day given", "last", [1, 4, 3], "3.00", "latest seats 3 on 3 Oct, the last of 3 daily values"],
    [
      "latest on decimals",
      "last",
      ["1", "4.5", "3.5"],
      "3.50",
      "latest seats 3.5 on 3 Oct, the last of 3 daily values",
    ],
    ["sum", "calls", [1, 2, 3], "6.00", "total calls 6, the sum of 3 daily values"],
    ["sum on decimal strings", "calls", ["1", "2", "3"], "6.00", "total calls 6, the sum of 3 daily values"],
    [
      "sum past 2^53, exactly",
      "calls",
      [2 ** 53 - 1, 10],
      "9007199254741001.00",
      "total calls 9,007,199,254,741,001, the sum of 2 daily values",
    ],
    [
      "average, missing days as zero: 30 / 31 = 0.9677… → 0.97",
      "mean",
      [10, 20],
      "0.97",
      "average storage 0.97, the mean of 2 daily values over 31 days; the 29 days not given count as 0",
    ],
    [
      "average over every day",
      "mean",
      Array.from({ length: 31 }, () => 2),
      "2.00",
      "average storage 2, the mean of 31 daily values over 31 days",
    ],
    [
      "average, missing days ignored: 30 / 2",
      "given",
      [10, 20],
      "15.00",
      "average disk 15, the mean of 2 daily values over 2 days",
    ],
    [
      "average rounded half-up to its decimals: (0.125 + 0.125) / 2 = 0.125 → 0.13",
      "given",
      ["0.125", "0.125"],
      "0.13",
      "average disk 0.13, the mean of 2 daily values over 2 days",
    ],
    ["one value for the month", "calls", 5, "5.00", "total calls 5 (reported as one value)"],
  ];
  it.each(cases)("%s", (_name, meter, value, amount, trace) => {
    const q = quote(inlineRuleSet("meters", MODE), doc({ [meter]: value }), { explain: true });
    expect(q.lines.find((line) => line.id === meter)!.amount).toBe(amount);
    expect(q.trace!.find((step) => step.rule === `meter/${meter}`)!.text).toBe(trace);
  });
});

describe("usage that is refused, with its code", () => {
  const cases: [string, Record<string, unknown>, string[], string?][] = [
    ["31 daily values in October", { calls: Array.from({ length: 31 }, () => 1) }, []],
    ["28 daily values in February", { calls: Array.from({ length: 28 }, () => 1) }, [], "2026-02"],
    ["29 daily values in February", { calls: Array.from({ length: 29 }, () => 1) }, ["usage.value"], "2026-02"],
    ["32 daily values (more than the month has)", { calls: Array.from({ length: 32 }, () => 1) }, ["usage.value"]],
    ["no daily values (the schema's bound)", { calls: [] }, ["schema.size"]],
    ["a negative value", { calls: -1 }, ["usage.value"]],
    ["a negative daily value", { calls: [1, -1] }, ["usage.value"]],
    ["a negative decimal daily value", { peak: ["1.5", "-0.5"] }, ["usage.value"]],
    ["minus zero is zero", { calls: "-0" }, []],
    ["a fraction of a counted unit", { calls: "1.5" }, ["usage.value"]],
    ["a fraction of a measured unit", { peak: "1.5" }, []],
    ["daily values for a month meter", { monthly: [1, 2] }, ["usage.value"]],
    ["one value for a daily meter", { daily: 3 }, ["usage.value"]],
    ["a meter this rule set does not have", { nope: 1 }, ["usage.meter"]],
    ["a required meter left out", { peak: undefined }, ["usage.meter-missing"]],
  ];
  it.each(cases)("%s", (_name, usage, codes, period) => {
    const rules = inlineRuleSet("meters", MODE);
    const document = doc(usage, period);
    for (const [id, value] of Object.entries(document.usage)) if (value === undefined) delete document.usage[id];
    const refused = codes.length
      ? problemsOf(() => quote(rules, document)).map((p) => p.code)
      : (quote(rules, document), []);
    expect(refused).toEqual(codes);
  });
});

describe("modes, versions and migrations (a: until 2025 fee 1.00, from 2025 fee 2.00; b: from 10 Oct 2026, fee 3.00)", () => {
  const rules = (() => {
    const dir = join(mkdtempSync(join(tmpdir(), "ratecard-modes-")), "twomodes");
    mkdirSync(join(dir, "modes"), { recursive: true });
    writeFileSync(
      join(dir, "ruleset.yaml"),
      `id: twomodes
name: Two modes
money: { currency: USD, scale: 2, rounding: half-up, roundAt: line }
billing: { cycle: calendar-month }
modes: [modes/a-new.yaml, modes/a-old.yaml, modes/b.yaml, modes/d.yaml]
selection:
  rules:
    - { mode: b, when: { "==": [{ var: app.region }, eu] } }
  default: a
migrations:
  - { from: a, to: b, fact: app.movedAt, reversible: false }
  - { from: a, to: b, fact: app.switchedAt, reversible: true }
`,
    );
    const mode = (file: string, head: string, meters: string[], editions: string) =>
      writeFileSync(
        join(dir, "modes", file),
        `${head}meters:\n${meters.map((m) => `  - { id: ${m}, name: ${m}, unit: ${m.slice(0, -1)}, aggregate: sum, required: false }\n`).join("")}editions:\n${editions}`,
      );
    mode(
      "a-old.yaml",
      "id: a\nname: A\neffective: { until: 2025-01-01 }\n",
      ["calls", "legacys"],
      "  - { id: only, name: Only, fee: 1, default: true }\n  - { id: legacy, name: Legacy, fee: 5 }\n",
    );
    mode(
      "a-new.yaml",
      "id: a\nname: A\neffective: { from: 2025-01-01, note: New prices }\n",
      ["calls"],
      "  - { id: only, name: Only, fee: 2, default: true }\n",
    );
    mode(
      "b.yaml",
      'id: b\nname: B\neffective: { from: 2026-10-10, until: 2027-01-01 }\navailable: { when: { "!=": [{ var: app.region }, us] }, message: B is not offered in the US }\n',
      ["calls", "jobs"],
      "  - { id: solo, name: Solo, fee: 3, default: true }\n",
    );
    mode(
      "d.yaml",
      "id: d\nname: D\neffective: { until: 2026-10-01 }\n",
      ["calls"],
      "  - { id: done, name: Done, fee: 4, default: true }\n",
    );
    return loadRuleSet(dir);
  })();
  type Outcome =
    | { mode: string; total: string; trace: string[]; warnings: { code: string; message: string }[] }
    | { problems: unknown[][] };
  const cases: [string, Record<string, unknown>, QuoteOptions, Outcome][] = [
    [
      "an edition of another mode",
      { period: "2026-10", edition: "solo", usage: { calls: 1 } },
      {},
      {
        problems: [
          [
            "usage.edition-other-mode",
            'edition "solo" belongs to mode b, but this quote is in mode a, whose editions are: only',
            ["edition"],
          ],
        ],
      },
    ],
    [
      "a mode whose prices ended on the first day of the month",
      { period: "2026-10", mode: "d", usage: { calls: 1 } },
      {},
      {
        problems: [["usage.mode-not-effective", "mode d has prices until 2026-10-01; none apply to 2026-10", ["mode"]]],
      },
    ],
    [
      "a mode whose prices ended the day before: the last month they apply to",
      { period: "2026-09", mode: "d", usage: { calls: 1 } },
      {},
      { mode: "d", total: "4.00", trace: ["mode d: named in the usage document"], warnings: [] },
    ],
    [
      "a mode the rule set does not have",
      { period: "2026-10", mode: "zzz", usage: { calls: 1 } },
      {},
      { problems: [["usage.mode", 'unknown mode "zzz"; rule set twomodes has: a, b, d', ["mode"]]] },
    ],
    [
      "a one-way migration: the mode migrated to may be named",
      { period: "2026-11", app: { movedAt: "2026-08-01" }, mode: "b", usage: { calls: 1 } },
      {},
      { mode: "b", total: "3.00", trace: ["mode b: named in the usage document"], warnings: [] },
    ],
    [
      "a migration to a mode the app's facts make unavailable: refused at the app",
      { period: "2026-11", app: { movedAt: "2026-08-01", region: "us" }, usage: { calls: 1 } },
      {},
      { problems: [["usage.mode-unavailable", "B is not offered in the US", ["app"]]] },
    ],
    [
      "two migrations on the same day: the first listed (one-way) holds",
      { period: "2026-11", app: { movedAt: "2026-09-01", switchedAt: "2026-09-01" }, mode: "a", usage: { calls: 1 } },
      {},
      {
        problems: [
          [
            "usage.mode-after-migration",
            "the app migrated from a to b on 2026-09-01; the migration is one-way, so 2026-11 is billed in b, not a",
            ["mode"],
          ],
        ],
      },
    ],
    [
      "an edition only an older version of this mode has: unknown",
      { period: "2026-10", edition: "legacy", usage: { calls: 1 } },
      {},
      { problems: [["usage.edition", 'unknown edition "legacy"; mode a has: only', ["edition"]]] },
    ],
    [
      "the default mode, at the version in force",
      { period: "2026-10", usage: { calls: 1 } },
      {},
      {
        mode: "a",
        total: "2.00",
        trace: ["mode a: the rule set's default", "prices of mode a in force from 2025-01-01 (New prices)"],
        warnings: [],
      },
    ],
    [
      "a mode the document names",
      { period: "2026-10", mode: "a", usage: { calls: 1 } },
      {},
      {
        mode: "a",
        total: "2.00",
        trace: ["mode a: named in the usage document", "prices of mode a in force from 2025-01-01 (New prices)"],
        warnings: [],
      },
    ],
    [
      "a meter of another mode: left out with a warning",
      { period: "2026-10", usage: { calls: 1, jobs: 1 } },
      {},
      {
        mode: "a",
        total: "2.00",
        trace: ["mode a: the rule set's default", "prices of mode a in force from 2025-01-01 (New prices)"],
        warnings: [
          {
            code: "meter.other-mode",
            message: "usage.jobs is a meter of mode b; this quote is in mode a and does not use it",
          },
        ],
      },
    ],
    [
      "\u2026 or silently",
      { period: "2026-10", usage: { calls: 1, jobs: 1 } },
      { otherModesMeters: "ignore" },
      {
        mode: "a",
        total: "2.00",
        trace: ["mode a: the rule set's default", "prices of mode a in force from 2025-01-01 (New prices)"],
        warnings: [],
      },
    ],
    [
      "\u2026 or refused",
      { period: "2026-10", usage: { calls: 1, jobs: 1 } },
      { otherModesMeters: "refuse" },
      {
        problems: [
          ["usage.meter", "usage.jobs is a meter of mode b, not of mode a; mode a meters: calls", ["usage", "jobs"]],
        ],
      },
    ],
    [
      "a meter only an older version of this mode has: not a meter of this rule set",
      { period: "2026-10", usage: { calls: 1, legacys: 1 } },
      {},
      {
        problems: [
          ["usage.meter", "usage.legacys is not a meter of this rule set; mode a meters: calls", ["usage", "legacys"]],
        ],
      },
    ],
    [
      "an older month: the older version, in force until its end",
      { period: "2024-10", usage: { calls: 1, legacys: 1 } },
      {},
      {
        mode: "a",
        total: "1.00",
        trace: ["mode a: the rule set's default", "prices of mode a in force until 2025-01-01"],
        warnings: [],
      },
    ],
    [
      "a mode named for a month before its prices: refused at the mode",
      { period: "2026-09", mode: "b", usage: { calls: 1 } },
      {},
      {
        problems: [
          [
            "usage.mode-not-effective",
            "mode b has prices from 2026-10-10 until 2027-01-01; none apply to 2026-09",
            ["mode"],
          ],
        ],
      },
    ],
    [
      "a mode selected for a month before its prices: refused at the period",
      { period: "2026-09", app: { region: "eu" }, usage: { calls: 1 } },
      {},
      {
        problems: [
          [
            "usage.mode-not-effective",
            "mode b has prices from 2026-10-10 until 2027-01-01; none apply to 2026-09",
            ["period"],
          ],
        ],
      },
    ],
    [
      "a mode whose prices start inside the month: quoted at them, with a warning",
      { period: "2026-10", app: { region: "eu" }, usage: { calls: 1 } },
      {},
      {
        mode: "b",
        total: "3.00",
        trace: ["mode b: the app's facts match selection rule 1"],
        warnings: [
          {
            code: "period.partly-effective",
            message:
              "the prices used (mode b, in force from 2026-10-10 until 2027-01-01) apply to only part of 2026-10; the whole month is quoted at them",
          },
        ],
      },
    ],
    [
      "a mode the app's facts make unavailable",
      { period: "2026-11", app: { region: "us" }, mode: "b", usage: { calls: 1 } },
      {},
      { problems: [["usage.mode-unavailable", "B is not offered in the US", ["mode"]]] },
    ],
    [
      "two migrations: the later date wins (the second fact)",
      { period: "2026-11", app: { movedAt: "2026-08-01", switchedAt: "2026-09-01" }, usage: { calls: 1 } },
      {},
      { mode: "b", total: "3.00", trace: ["mode b: the app migrated from a on 2026-09-01"], warnings: [] },
    ],
    [
      "two migrations: the later date wins (the first fact)",
      { period: "2026-11", app: { movedAt: "2026-09-01", switchedAt: "2026-08-01" }, usage: { calls: 1 } },
      {},
      { mode: "b", total: "3.00", trace: ["mode b: the app migrated from a on 2026-09-01"], warnings: [] },
    ],
    [
      "a migration inside the month: the whole month in the new mode",
      { period: "2026-11", app: { movedAt: "2026-11-05" }, usage: { calls: 1 } },
      {},
      {
        mode: "b",
        total: "3.00",
        trace: ["mode b: the app migrated from a on 2026-11-05"],
        warnings: [
          {
            code: "mode.migrated-in-period",
            message: "the app migrated from a to b on 2026-11-05, inside 2026-11; the whole month is quoted in b",
          },
        ],
      },
    ],
    [
      "a one-way migration: the old mode is refused",
      { period: "2026-11", app: { movedAt: "2026-11-05" }, mode: "a", usage: { calls: 1 } },
      {},
      {
        problems: [
          [
            "usage.mode-after-migration",
            "the app migrated from a to b on 2026-11-05; the migration is one-way, so 2026-11 is billed in b, not a",
            ["mode"],
          ],
        ],
      },
    ],
  ];
  it.each(cases)("%s", (_name, doc, options, outcome) => {
    const q = valueOrRefusal(() =>
      quote(rules, { ruleset: "twomodes", ...doc } as UsageDocument, { explain: true, ...options }),
    );
    expect(
      q instanceof RatecardError
        ? { problems: q.problems.map((p) => [p.code, p.message, p.path]) }
        : {
            mode: q.mode,
            total: q.total,
            trace: q.trace!.filter((s) => s.rule === "selection" || s.rule === "version").map((s) => s.text),
            warnings: q.warnings,
          },
    ).toEqual(outcome);
  });
});

describe("how a document is read against a richer mode, and what is refused, with the message", () => {
  const MODE = `planChanges: { proration: daily, perMonth: 1, downgradeToFree: false, note: ask sales }
meters:
  - { id: calls, name: Calls, unit: call, aggregate: sum }
  - { id: p1, name: P1, unit: host, aggregate: percentile, percentile: 1, input: daily, required: false }
  - { id: p2, name: P2, unit: host, aggregate: percentile, percentile: 2, input: daily, required: false }
  - { id: p3, name: P3, unit: host, aggregate: percentile, percentile: 3, input: daily, required: false }
  - { id: p11, name: P11, unit: host, aggregate: percentile, percentile: 11, input: daily, required: false }
  - { id: p12, name: P12, unit: host, aggregate: percentile, percentile: 12, input: daily, required: false }
  - { id: p13, name: P13, unit: host, aggregate: percentile, percentile: 13, input: daily, required: false }
  - { id: p21, name: P21, unit: host, aggregate: percentile, percentile: 21, input: daily, required: false }
  - { id: p4, name: P4, unit: host, aggregate: percentile, percentile: 99.5, input: daily, required: false }
  - { id: load, name: Load, unit: host, aggregate: average, input: hourly, integer: false, required: false }
  - { id: seats, name: Seats, unit: seat, aggregate: max, required: false }
editions:
  - { id: free, name: Free, fee: free, default: true }
  - { id: pro, name: Pro, fee: 31 }
  - { id: max, name: Max, fee: 62 }
charges:
  - { id: calls, name: Calls, meter: calls, price: { model: per-unit, unitPrice: 1 } }
addons:
  - { id: packs, name: Packs, quantity: { unit: pack, max: 3 }, price: 1 }
  - { id: boxes, name: Boxes, quantity: { unit: box, plural: boxes, max: { usage: seats } }, price: 1 }
  - { id: keys, name: Keys, quantity: { unit: key, max: { addon: packs } }, price: 1 }
  - { id: vault, name: Vault, option: { id: days, name: Retention, unit: day }, options: { 30: 1, 90: 2, 365: not-offered } }
discounts:
  - { id: welcome, name: Welcome, percent: 10, on: total, firstMonths: 2 }
`;
  type Outcome = { total: string; trace: string[] } | { problems: unknown[][] };
  const cases: [string, Record<string, unknown>, Outcome][] = [
    [
      "percentiles named 1st, 2nd, 3rd, 11th, 12th, 13th, 21st, 99.5th; an hourly average",
      {
        usage: {
          calls: 1,
          p1: [5, 1, 3],
          p2: [5, 1, 3],
          p3: [5, 1, 3],
          p11: [5, 1, 3],
          p12: [5, 1, 3],
          p13: [5, 1, 3],
          p21: [5, 1, 3],
          p4: [5, 1, 3],
          load: Array.from({ length: 744 }, (_, i) => i % 2),
        },
      },
      {
        total: "1.00",
        trace: [
          "1st percentile P1 1 on 2 Oct, the 1st percentile (nearest rank) of 3 daily values: the highest 2 dropped, the largest left",
          "2nd percentile P2 1 on 2 Oct, the 2nd percentile (nearest rank) of 3 daily values: the highest 2 dropped, the largest left",
          "3rd percentile P3 1 on 2 Oct, the 3rd percentile (nearest rank) of 3 daily values: the highest 2 dropped, the largest left",
          "11th percentile P11 1 on 2 Oct, the 11th percentile (nearest rank) of 3 daily values: the highest 2 dropped, the largest left",
          "12th percentile P12 1 on 2 Oct, the 12th percentile (nearest rank) of 3 daily values: the highest 2 dropped, the largest left",
          "13th percentile P13 1 on 2 Oct, the 13th percentile (nearest rank) of 3 daily values: the highest 2 dropped, the largest left",
          "21st percentile P21 1 on 2 Oct, the 21st percentile (nearest rank) of 3 daily values: the highest 2 dropped, the largest left",
          "99.5th percentile P4 5 on 1 Oct, the 99.5th percentile (nearest rank) of 3 daily values: the highest 0 dropped, the largest left",
          "average load 0.5, the mean of 744 hourly values",
        ],
      },
    ],
    [
      "changes out of date order",
      {
        usage: { calls: 1 },
        changes: [
          { on: "2026-10-20", edition: "pro" },
          { on: "2026-10-10", edition: "max" },
        ],
      },
      {
        problems: [
          [
            "usage.change",
            "changes must be in date order, one per day; 2026-10-10 does not come after 2026-10-20",
            ["changes", 1, "on"],
          ],
        ],
      },
    ],
    [
      "one edition change too many",
      {
        usage: { calls: 1 },
        changes: [
          { on: "2026-10-10", edition: "pro" },
          { on: "2026-10-20", edition: "max" },
        ],
      },
      {
        problems: [
          [
            "usage.change",
            "mode main allows 1 edition change per calendar month; this is change 2",
            ["changes", 1, "edition"],
          ],
        ],
      },
    ],
    [
      "a downgrade to a free edition the mode does not allow",
      { edition: "pro", usage: { calls: 1 }, changes: [{ on: "2026-10-10", edition: "free" }] },
      {
        problems: [
          [
            "usage.change",
            "Pro cannot be changed to the free Free in mode main (ask sales)",
            ["changes", 0, "edition"],
          ],
        ],
      },
    ],
    [
      "an add-on setting it does not have",
      { usage: { calls: 1 }, addons: { packs: { quantity: 1, colour: "red" } } },
      {
        problems: [
          [
            "usage.option",
            'packs has no setting "colour"; it takes: activatedAt, quantity',
            ["addons", "packs", "colour"],
          ],
        ],
      },
    ],
    [
      "an option value that is not offered",
      { usage: { calls: 1 }, addons: { vault: { days: 7 } } },
      {
        problems: [["usage.option", "vault days 7 is not offered; choose one of: 30, 90", ["addons", "vault", "days"]]],
      },
    ],
    [
      "more units than the fixed maximum",
      { usage: { calls: 1 }, addons: { packs: { quantity: 4 } } },
      {
        problems: [
          [
            "usage.quantity",
            "packs is bought by the pack: give quantity, a whole number from 1 to 3 (not 4)",
            ["addons", "packs", "quantity"],
          ],
        ],
      },
    ],
    [
      "units limited by a meter that is 0",
      { usage: { calls: 1, seats: 0 }, addons: { boxes: { quantity: 1 } } },
      {
        problems: [
          [
            "usage.quantity",
            "boxes is bought by the box: give quantity, a whole number from 1, but none can be bought: the month's seats is 0 (not 1)",
            ["addons", "boxes", "quantity"],
          ],
        ],
      },
    ],
    [
      "units limited by a meter",
      { usage: { calls: 1, seats: 2 }, addons: { boxes: { quantity: 3 } } },
      {
        problems: [
          [
            "usage.quantity",
            "boxes is bought by the box: give quantity, a whole number from 1 to 2 (the month's seats) (not 3)",
            ["addons", "boxes", "quantity"],
          ],
        ],
      },
    ],
    [
      "units limited by another add-on's units",
      { usage: { calls: 1 }, addons: { packs: { quantity: 2 }, keys: { quantity: 3 } } },
      {
        problems: [
          [
            "usage.quantity",
            "keys is bought by the key: give quantity, a whole number from 1 to 2 (the packs of Packs bought) (not 3)",
            ["addons", "keys", "quantity"],
          ],
        ],
      },
    ],
    [
      "units limited by an add-on not bought",
      { usage: { calls: 1 }, addons: { keys: { quantity: 1 } } },
      {
        problems: [
          [
            "usage.quantity",
            "keys is bought by the key: give quantity, a whole number from 1, but none can be bought: the packs of Packs bought is 0 (not 1)",
            ["addons", "keys", "quantity"],
          ],
        ],
      },
    ],
    [
      "no units",
      { usage: { calls: 1 }, addons: { packs: { quantity: 0 } } },
      {
        problems: [
          [
            "usage.option",
            "packs is bought by the pack: give quantity, a whole number from 1 to 3 (not 0)",
            ["addons", "packs", "quantity"],
          ],
        ],
      },
    ],
    [
      "no quantity at all",
      { usage: { calls: 1 }, addons: { packs: true } },
      {
        problems: [
          [
            "usage.option",
            "packs is bought by the pack: give quantity, a whole number from 1 to 3",
            ["addons", "packs"],
          ],
        ],
      },
    ],
    [
      "usage that is not a number",
      { usage: { calls: "abc" } },
      { problems: [["usage.value", 'usage.calls is "abc", which is not a number', ["usage", "calls"]]] },
    ],
    [
      "a first-months discount without app.createdAt",
      { usage: { calls: 1 }, app: undefined, coupons: [] },
      {
        problems: [
          [
            "usage.date",
            "Welcome (welcome) applies in a customer's first 2 months, counted from app.createdAt; give app.createdAt (YYYY-MM-DD)",
            ["app"],
          ],
        ],
      },
    ],
    [
      "a document of several months",
      { months: [{ period: "2026-10", usage: { calls: 1 } }], period: undefined, usage: undefined },
      {
        problems: [
          [
            "usage.months",
            "this document holds several months; quote it with quoteMonths() (the CLI does)",
            ["months"],
          ],
        ],
      },
    ],
  ];
  it.each(cases)("%s", (_name, doc, outcome) => {
    const document = {
      ruleset: "reading",
      period: "2026-10",
      app: { createdAt: "2026-01-01" },
      ...doc,
    } as UsageDocument;
    const q = valueOrRefusal(() => quote(inlineRuleSet("reading", MODE), document, { explain: true }));
    expect(
      q instanceof RatecardError
        ? { problems: q.problems.map((p) => [p.code, p.message, p.path]) }
        : {
            total: q.total,
            trace: q.trace!.filter((s) => s.rule.startsWith("meter/") && s.rule !== "meter/calls").map((s) => s.text),
          },
    ).toEqual(outcome);
  });

  it.each([
    ["created this month, the first of 2", "2026-10-01", "0.90"],
    ["created the month before, the second of 2", "2026-09-15", "0.90"],
    ["created two months before: no longer in its first 2", "2026-08-31", "1.00"],
  ])("a first-months discount: %s", (_name, createdAt, total) => {
    expect(
      quote(inlineRuleSet("reading", MODE), {
        ruleset: "reading",
        period: "2026-10",
        app: { createdAt },
        usage: { calls: 1 },
      }).total,
    ).toBe(total);
  });
});

describe("a refused meter has no value: conditions that read it see none (nothing is made up)", () => {
  const MODE = `meters:
  - id: tokens
    name: Tokens
    unit: token
    aggregate: sum
    required: false
    dimensions: [{ id: model, name: Model, values: [large, small] }]
  - { id: calls, name: Calls, unit: call, aggregate: sum, required: false }
  - { id: disk, name: Disk, unit: GB, plural: GB, aggregate: average, missingDays: refuse, required: false }
editions:
  - { id: only, name: Only, fee: 1, default: true }
addons:
  - id: big
    name: Big
    price: 1
    eligible: { when: { or: [{ ">": [{ var: usage.tokens }, 0] }, { ">": [{ var: usage.calls }, 0] }, { ">": [{ var: usage.disk }, 0] }] }, message: needs usage }
`;
  const cases: [string, Record<string, unknown>, unknown[][]][] = [
    [
      "a cell of a value no dimension takes",
      { tokens: { large: 5, huge: 1 } },
      [
        [
          "usage.dimension",
          'usage.tokens.huge: "huge" is not a model of Tokens; model takes: large, small',
          ["usage", "tokens", "huge"],
        ],
        ["usage.addon-not-eligible", "Big (big) cannot be bought with Only: needs usage", ["addons", "big"]],
      ],
    ],
    [
      "a meter with dimensions given one value",
      { tokens: 5 },
      [
        ["usage.value", "usage.tokens is a map by model (large, small), e.g. { large: … }", ["usage", "tokens"]],
        ["usage.addon-not-eligible", "Big (big) cannot be bought with Only: needs usage", ["addons", "big"]],
      ],
    ],
    [
      "a cell with a negative value",
      { tokens: { large: 5, small: -1 } },
      [
        ["usage.value", "usage.tokens.small is -1; usage cannot be negative", ["usage", "tokens", "small"]],
        ["usage.addon-not-eligible", "Big (big) cannot be bought with Only: needs usage", ["addons", "big"]],
      ],
    ],
    [
      "more daily values than the month has days",
      { calls: Array.from({ length: 32 }, () => 1) },
      [
        ["usage.value", "usage.calls has 32 daily values, but 2026-10 has 31 days", ["usage", "calls"]],
        ["usage.addon-not-eligible", "Big (big) cannot be bought with Only: needs usage", ["addons", "big"]],
      ],
    ],
    [
      "an average of every day given only some days",
      { disk: [1, 2] },
      [
        [
          "usage.value",
          "usage.disk has 2 daily values; Disk is the average of every day, so give all 31 days of 2026-10",
          ["usage", "disk"],
        ],
        ["usage.addon-not-eligible", "Big (big) cannot be bought with Only: needs usage", ["addons", "big"]],
      ],
    ],
  ];
  it.each(cases)("%s", (_name, usage, problems) => {
    const rules = inlineRuleSet("refused", MODE);
    const document = { ruleset: "refused", period: "2026-10", usage, addons: { big: true } } as UsageDocument;
    expect(problemsOf(() => quote(rules, document)).map((p) => [p.code, p.message, p.path])).toEqual(problems);
  });

  it("the same add-on is bought on a meter read in full", () => {
    expect(
      quote(inlineRuleSet("refused", MODE), {
        ruleset: "refused",
        period: "2026-10",
        usage: { tokens: { large: 5 } },
        addons: { big: true },
      }).total,
    ).toBe("2.00");
  });
});

describe("refusals that name the limit, the setting, or the place in the file", () => {
  const MODE = `planChanges: { proration: none, perMonth: 2, downgradeToFree: false }
meters:
  - id: pairs
    name: Pairs
    unit: pair
    aggregate: sum
    dimensions: [{ id: model, name: Model, values: [large, small] }, { id: tier, name: Tier, values: [batch, live] }]
editions:
  - { id: free, name: Free, fee: free, default: true }
  - { id: pro, name: Pro, fee: 31 }
  - { id: max, name: Max, fee: 62 }
addons:
  - { id: big, name: Big, price: 1, eligible: { when: { ">": [{ var: usage.pairs }, 0] }, message: needs pairs } }
  - { id: vault, name: Vault, option: { id: days, name: Retention, unit: day }, options: { 30: 1 } }
`;
  const pairs = { large: { batch: 1 } };
  const cases: [string, UsageDocument | string, unknown[]][] = [
    [
      "a cell that should be a map, beside a good one: the meter has no value for conditions",
      {
        ruleset: "refusals",
        period: "2026-10",
        usage: { pairs: { large: 5, small: { batch: 3 } } },
        addons: { big: true },
      },
      [
        {
          code: "usage.value",
          message: "usage.pairs.large is a map by tier (batch, live), e.g. { batch: … }",
          path: ["usage", "pairs", "large"],
        },
        {
          code: "usage.addon-not-eligible",
          message: "Big (big) cannot be bought with Free: needs pairs",
          path: ["addons", "big"],
        },
      ],
    ],
    [
      "one edition change more than 2",
      {
        ruleset: "refusals",
        period: "2026-10",
        edition: "pro",
        usage: { pairs },
        changes: [
          { on: "2026-10-05", edition: "max" },
          { on: "2026-10-06", edition: "pro" },
          { on: "2026-10-07", edition: "max" },
        ],
      },
      [
        {
          code: "usage.change",
          message: "mode main allows 2 edition changes per calendar month; this is change 3",
          path: ["changes", 2, "edition"],
        },
      ],
    ],
    [
      "a downgrade to free, with no note to give",
      {
        ruleset: "refusals",
        period: "2026-10",
        edition: "pro",
        usage: { pairs },
        changes: [{ on: "2026-10-05", edition: "free" }],
      },
      [
        {
          code: "usage.change",
          message: "Pro cannot be changed to the free Free in mode main",
          path: ["changes", 0, "edition"],
        },
      ],
    ],
    [
      "a setting an add-on with an option does not have",
      { ruleset: "refusals", period: "2026-10", usage: { pairs }, addons: { vault: { days: 30, colour: "red" } } },
      [
        {
          code: "usage.option",
          message: 'vault has no setting "colour"; it takes: activatedAt, days',
          path: ["addons", "vault", "colour"],
        },
      ],
    ],
    [
      "an unknown cell, located at its key",
      "ruleset: refusals\nperiod: 2026-10\nusage:\n  pairs:\n    huge:\n      batch: 1\n",
      [
        {
          code: "usage.dimension",
          message: 'usage.pairs.huge: "huge" is not a model of Pairs; model takes: large, small',
          path: ["usage", "pairs", "huge"],
          source: { file: "u.yaml", line: 5, col: 5 },
        },
      ],
    ],
    [
      "a document of several months, located at months",
      "ruleset: refusals\nmonths:\n  - period: 2026-10\n    usage: { pairs: { large: { batch: 1 } } }\n",
      [
        {
          code: "usage.months",
          message: "this document holds several months; quote it with quoteMonths() (the CLI does)",
          path: ["months"],
          source: { file: "u.yaml", line: 3, col: 3 },
        },
      ],
    ],
  ];
  it.each(cases)("%s", (_name, doc, problems) => {
    const usage = typeof doc === "string" ? parseUsage(doc, "u.yaml") : doc;
    expect(problemsOf(() => quote(inlineRuleSet("refusals", MODE), usage))).toEqual(problems);
  });
});

describe("customer overrides and changes that are refused, located in the document", () => {
  const MODE = `meters:
  - { id: calls, name: Calls, unit: call, aggregate: sum }
  - { id: jobs, name: Jobs, unit: job, aggregate: sum }
editions:
  - { id: basic, name: Basic, fee: 10, default: true }
  - { id: pro, name: Pro, fee: 20 }
addons:
  - { id: packs, name: Packs, quantity: { unit: pack }, price: 1 }
charges:
  - { id: calls, name: Calls, meter: calls, editions: [pro], price: { model: per-unit, unitPrice: 1 } }
  - { id: jobs, name: Jobs, meter: jobs, price: { model: per-unit, unitPrice: 1 } }
`;
  const unit = { model: "per-unit", unitPrice: 1 };
  const cases: [string, Record<string, unknown>, unknown[][]][] = [
    [
      "an agreed price for a charge the mode does not have",
      { overrides: { charges: { nope: { price: unit } } } },
      [
        [
          "usage.override",
          'overrides.charges names charge "nope", which mode main does not have; its charges: calls, jobs',
          ["overrides", "charges", "nope"],
        ],
      ],
    ],
    [
      "agreed tiers out of order, located in the override",
      {
        overrides: {
          charges: {
            calls: {
              price: {
                model: "graduated",
                tiers: [{ upTo: 10, unitPrice: 1 }, { upTo: 5, unitPrice: 1 }, { unitPrice: 1 }],
              },
            },
          },
        },
      },
      [
        [
          "tiers.order",
          "tier 2 ends at 5, which does not come after the previous tier's 10; tiers must ascend without overlapping",
          ["overrides", "charges", "calls", "price", "tiers", 1, "upTo"],
        ],
      ],
    ],
    [
      "an agreed edition the mode does not have",
      { overrides: { editions: { nope: { fee: 5 } } } },
      [
        [
          "usage.override",
          'overrides.editions names edition "nope", which mode main does not have; its editions: basic, pro',
          ["overrides", "editions", "nope"],
        ],
      ],
    ],
    [
      "an agreed commitment on a meter the edition does not bill",
      { overrides: { editions: { basic: { commitment: { quantity: 1, meter: "calls", unitPrice: 1 } } } } },
      [
        [
          "usage.override",
          'the commitment is on meter "calls", which no charge of Basic bills; its charges bill: jobs',
          ["overrides", "editions", "basic", "commitment", "meter"],
        ],
      ],
    ],
    [
      "an agreed spend limit on a charge the mode does not have",
      { overrides: { editions: { pro: { maximumSpend: { amount: 5, on: ["calls", "nope"] } } } } },
      [
        [
          "usage.override",
          'the spend limit caps charge "nope", which mode main does not have; its charges: calls, jobs',
          ["overrides", "editions", "pro", "maximumSpend", "on", 1],
        ],
      ],
    ],
    [
      "an agreed fee per unit of a meter the mode does not have",
      { overrides: { editions: { pro: { fee: { unitPrice: 1, per: "nope" } } } } },
      [
        [
          "usage.override",
          'the fee counts meter "nope", which mode main does not have; its meters: calls, jobs',
          ["overrides", "editions", "pro", "fee", "per"],
        ],
      ],
    ],
    [
      "a change outside the month",
      { changes: [{ on: "2026-11-02", edition: "pro" }] },
      [["usage.change", "changes[0].on 2026-11-02 is outside 2026-10", ["changes", 0, "on"]]],
    ],
    [
      "an add-on bought by a change, refused at the change",
      { changes: [{ on: "2026-10-05", addons: { packs: { quantity: 0 } } }] },
      [
        [
          "usage.option",
          "packs is bought by the pack: give quantity, a whole number, at least 1 (not 0)",
          ["changes", 0, "addons", "packs", "quantity"],
        ],
      ],
    ],
  ];
  it.each(cases)("%s", (_name, extra, problems) => {
    const document = {
      ruleset: "overrides",
      period: "2026-10",
      usage: { calls: 1, jobs: 1 },
      ...extra,
    } as UsageDocument;
    expect(
      problemsOf(() => quote(inlineRuleSet("overrides", MODE), document)).map((p) => [p.code, p.message, p.path]),
    ).toEqual(problems);
  });
});

describe("cells of a meter with dimensions", () => {
  it("come in the order the dimensions list their values, accepted unknown values last and alphabetically", () => {
    const MODE = `meters:
  - id: calls
    name: Calls
    unit: call
    aggregate: sum
    dimensions: [{ id: region, name: Region, values: [zeta, alpha], unknown: default }, { id: tier, name: Tier, values: [live, batch] }]
editions:
  - { id: only, name: Only, fee: free, default: true }
charges:
  - { id: calls, name: Calls, meter: calls, price: { model: per-unit, unitPrice: 1 } }
`;
    const usage = {
      calls: { omega: { batch: 1 }, alpha: { batch: 2, live: 3 }, beta: { live: 4 }, zeta: { batch: 5 } },
    };
    const q = quote(inlineRuleSet("cells", MODE), { ruleset: "cells", period: "2026-10", usage });
    expect(q.lines.map((line) => [line.id, line.amount])).toEqual([
      ["only", "0.00"],
      ["calls.zeta.batch", "5.00"],
      ["calls.alpha.live", "3.00"],
      ["calls.alpha.batch", "2.00"],
      ["calls.beta.live", "4.00"],
      ["calls.omega.batch", "1.00"],
    ]);
  });
});

describe("documents refused before pricing, with the place to fix", () => {
  const MODE = `meters:
  - { id: calls, name: Calls, unit: call, aggregate: sum }
  - { id: hosts, name: Hosts, unit: host, aggregate: max }
  - { id: jobs, name: Jobs, unit: job, aggregate: sum }
editions:
  - { id: basic, name: Basic, fee: 10, default: true, quotas: { hosts: { limit: 5 } } }
  - { id: pro, name: Pro, fee: 20, quotas: { jobs: { included: { per: hosts, amount: 10 } } } }
  - { id: year, name: Year, fee: 100, feeInterval: { months: 12, anchor: signup } }
charges:
  - { id: jobs, name: Jobs, meter: jobs, editions: [pro], price: { model: per-unit, unitPrice: 1 } }
addons:
  - { id: packs, name: Packs, price: 1 }
`;
  const cases: [string, Record<string, unknown>, unknown[][]][] = [
    [
      "a document for another rule set",
      { ruleset: "other", usage: {} },
      [
        [
          "usage.ruleset",
          'the usage document is for rule set "other", but it is being quoted against "refused"',
          ["ruleset"],
        ],
      ],
    ],
    [
      "a fee billed from sign-up without app.createdAt",
      { edition: "year", usage: {} },
      [
        [
          "usage.date",
          "Year's fee is billed every 12 months from the month the app was created; give app.createdAt (YYYY-MM-DD)",
          ["app"],
        ],
      ],
    ],
    [
      "a migration before the app was created",
      { app: { createdAt: "2026-05-01", migratedAt: "2026-04-01" }, usage: {} },
      [["usage.date", "app.migratedAt 2026-04-01 is before app.createdAt 2026-05-01", ["app", "migratedAt"]]],
    ],
    [
      "an add-on the mode does not have, and a meter a hard limit needs",
      { usage: {}, addons: { nope: true } },
      [
        ["usage.addon", 'unknown add-on "nope"; mode main offers: packs', ["addons", "nope"]],
        [
          "usage.meter-missing",
          "usage.hosts is missing: Basic bills or limits Hosts; give a month value or daily values",
          ["usage"],
        ],
      ],
    ],
    [
      "a meter a hard limit needs",
      { usage: {} },
      [
        [
          "usage.meter-missing",
          "usage.hosts is missing: Basic bills or limits Hosts; give a month value or daily values",
          ["usage"],
        ],
      ],
    ],
    [
      "a meter an included allotment is counted per",
      { edition: "pro", usage: { jobs: 1 } },
      [
        [
          "usage.meter-missing",
          "usage.hosts is missing: Pro bills or limits Hosts; give a month value or daily values",
          ["usage"],
        ],
      ],
    ],
  ];
  it.each(cases)("%s", (_name, doc, problems) => {
    const document = { ruleset: "refused", period: "2026-10", ...doc } as UsageDocument;
    expect(
      problemsOf(() => quote(inlineRuleSet("refused", MODE), document)).map((p) => [p.code, p.message, p.path]),
    ).toEqual(problems);
  });
});
