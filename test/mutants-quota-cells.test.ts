import { describe, expect, it } from "vitest";
import { quote, type Quote } from "../src/index.js";
import { addMonths, firstMonthsEnd, firstMonthsText, freeShare } from "../src/calendar/first-months.js";
import { parsePeriod } from "../src/calendar/period.js";
import type { ProblemCode } from "../src/errors/codes.js";
import type { DocPath } from "../src/errors/problem.js";
import { checkCells, checkQuotaOverlaps, overlapMessage, type QuotaMeter } from "../src/check/quota-cells.js";
import {
  cellsOverlap,
  cellsWords,
  compileCells,
  sameCells,
  selectsCell,
  type CellSelector,
} from "../src/model/cells.js";
import type { CellsDoc, QuotaDoc } from "../src/model/document.js";
import { problemsOf } from "./helpers.js";
import { inlineRuleSet } from "./inline-rules.js";

/**
 * Quotas for some cells and for a customer's first months, function by function, at their edges
 * (cases chosen by mutation testing). Every expected value is worked out by hand.
 */

const cells = (doc: CellsDoc): CellSelector => compileCells(doc);
const DIMENSIONS = [{ id: "class" }, { id: "kind" }];

describe("cell selectors", () => {
  it("compileCells reads one value or a list per dimension", () => {
    const selector = cells({ class: "standard", kind: ["read", "write"] });
    expect([...selector].map(([dimension, values]) => [dimension, [...values]])).toEqual([
      ["class", ["standard"]],
      ["kind", ["read", "write"]],
    ]);
  });

  it.each<[string, CellSelector | undefined, string[], boolean]>([
    ["no selector selects every cell", undefined, ["archive", "read"], true],
    ["a named value", cells({ class: "standard" }), ["standard", "read"], true],
    ["another value", cells({ class: "standard" }), ["archive", "read"], false],
    ["every dimension must match", cells({ class: "standard", kind: "write" }), ["standard", "read"], false],
    ["both dimensions match", cells({ class: "standard", kind: ["read", "write"] }), ["standard", "write"], true],
    ["a dimension not named matches any value", cells({ kind: "read" }), ["archive", "read"], true],
  ])("selectsCell: %s", (_name, selector, values, selected) => {
    expect(selectsCell(selector, DIMENSIONS, values)).toBe(selected);
  });

  it.each<[string, CellsDoc | undefined, CellsDoc | undefined, boolean]>([
    ["no first selector", undefined, { class: "standard" }, true],
    ["no second selector", { class: "standard" }, undefined, true],
    ["different values", { class: "standard" }, { class: "archive" }, false],
    ["a shared value in a list", { class: ["standard", "archive"] }, { class: "archive" }, true],
    ["different dimensions", { class: "standard" }, { kind: "write" }, true],
    ["one dimension apart", { class: "standard", kind: "read" }, { class: "standard", kind: "write" }, false],
    ["one dimension apart, named second", { kind: "read" }, { class: "standard", kind: "write" }, false],
  ])("cellsOverlap: %s", (_name, a, b, overlap) => {
    expect(cellsOverlap(a && cells(a), b && cells(b))).toBe(overlap);
  });

  it.each<[string, CellsDoc | undefined, CellsDoc | undefined, boolean]>([
    ["neither has one", undefined, undefined, true],
    ["only the second has one", undefined, { class: "standard" }, false],
    ["only the first has one", { class: "standard" }, undefined, false],
    ["the same value", { class: "standard" }, { class: "standard" }, true],
    ["the same values in another order", { class: ["standard", "archive"] }, { class: ["archive", "standard"] }, true],
    ["one value more", { class: "standard" }, { class: ["standard", "archive"] }, false],
    ["one value less", { class: ["standard", "archive"] }, { class: "standard" }, false],
    ["another value", { class: ["standard", "archive"] }, { class: ["standard", "infrequent"] }, false],
    ["one dimension more", { class: "standard" }, { class: "standard", kind: "read" }, false],
    ["one dimension less", { class: "standard", kind: "read" }, { class: "standard" }, false],
    ["another dimension", { class: "standard" }, { kind: "standard" }, false],
    [
      "the same first dimension, another value in the second",
      { class: "standard", kind: "read" },
      { class: "standard", kind: "write" },
      false,
    ],
  ])("sameCells: %s", (_name, a, b, same) => {
    expect(sameCells(a && cells(a), b && cells(b))).toBe(same);
  });

  it("cellsWords names each dimension and its values", () => {
    expect(cellsWords(cells({ class: ["standard", "infrequent"], kind: "write" }))).toBe(
      "class standard or infrequent, kind write",
    );
  });
});

describe("a customer's first months", () => {
  it.each<[string, number, string]>([
    ["2026-01-15", 0, "2026-01-15"],
    ["2026-11-15", 1, "2026-12-15"],
    ["2026-12-15", 12, "2027-12-15"],
    ["2026-12-31", 2, "2027-02-28"],
    ["2026-01-28", 1, "2026-02-28"],
    ["2026-01-29", 1, "2026-02-28"],
    ["2028-01-29", 1, "2028-02-29"],
    ["2026-05-31", 1, "2026-06-30"],
    ["2026-10-31", 1, "2026-11-30"],
    ["0998-01-15", 1, "0998-02-15"],
  ])("addMonths(%s, %i) is %s", (date, months, ends) => {
    expect(addMonths(date, months)).toBe(ends);
  });

  it.each<[string, string, number, string, number, number, string]>([
    ["they end after the month", "2026-03-01", 12, "2027-02", 28, 28, "2027-03-01"],
    ["they end on the month's last day (not granted that day)", "2026-01-31", 12, "2027-01", 30, 31, "2027-01-31"],
    ["they end mid-month", "2026-01-15", 12, "2027-01", 14, 31, "2027-01-15"],
    ["they end on the 2nd", "2026-06-02", 1, "2026-07", 1, 31, "2026-07-02"],
    ["they end on the month's first day", "2026-03-01", 12, "2027-03", 0, 31, "2027-03-01"],
    ["they ended before the month", "2026-01-15", 1, "2026-04", 0, 30, "2026-02-15"],
    ["the sign-up month", "2026-01-15", 1, "2026-01", 31, 31, "2026-02-15"],
  ])("freeShare: %s", (_name, signup, months, month, days, of, ends) => {
    expect(freeShare(signup, months, parsePeriod(month)!)).toEqual({ days, of, months, signup, ends });
  });

  it.each<[number, string, string]>([
    [1, "the first month from sign-up ends", "the first month from sign-up"],
    [2, "the first 2 months from sign-up end", "the first 2 months from sign-up"],
    [12, "the first 12 months from sign-up end", "the first 12 months from sign-up"],
  ])("%i months: %s / %s", (months, end, text) => {
    expect([firstMonthsEnd(months), firstMonthsText(months)]).toEqual([end, text]);
  });
});

type Reported = [DocPath, ProblemCode, string, ("value" | "key")?];

/** The problems a check reports, as arguments. */
function reported(check: (report: (...args: Reported) => void) => void): Reported[] {
  const problems: Reported[] = [];
  check((...args) => problems.push(args));
  return problems;
}

const METER: QuotaMeter = {
  dimensions: [
    { id: "class", values: ["standard", "archive"] },
    { id: "kind", values: ["read", "write"] },
  ],
};
const AT = ["editions", 0, "quotas", "requests"];

describe("checkCells: cells name the meter's dimensions and values", () => {
  it.each<[string, QuotaMeter, CellsDoc, Reported[]]>([
    ["known cells", METER, { class: "standard", kind: ["read", "write"] }, []],
    [
      "a meter without dimensions",
      {},
      { class: "standard" },
      [
        [
          [...AT, "cells"],
          "dimension.match",
          "Standard's quota names cells, but meter requests has no dimensions: it has one value, so leave `cells` out",
          "key",
        ],
      ],
    ],
    [
      "a meter with an empty list of dimensions",
      { dimensions: [] },
      { class: "standard" },
      [
        [
          [...AT, "cells"],
          "dimension.match",
          "Standard's quota names cells, but meter requests has no dimensions: it has one value, so leave `cells` out",
          "key",
        ],
      ],
    ],
    [
      "an unknown dimension, then an unknown value",
      METER,
      { colour: "red", class: "hot" },
      [
        [
          [...AT, "cells", "colour"],
          "dimension.match",
          'Standard\'s quota names dimension "colour", which meter requests does not have; its dimensions: class, kind',
          "key",
        ],
        [
          [...AT, "cells", "class"],
          "dimension.match",
          'Standard\'s quota names "hot", which is not a value of dimension class; it takes: standard, archive',
        ],
      ],
    ],
    [
      "an unknown value in a list",
      METER,
      { kind: ["read", "delete"] },
      [
        [
          [...AT, "cells", "kind", 1],
          "dimension.match",
          'Standard\'s quota names "delete", which is not a value of dimension kind; it takes: read, write',
        ],
      ],
    ],
  ])("%s", (_name, meter, doc, expected) => {
    expect(reported((report) => checkCells(meter, "requests", doc, "Standard's quota", AT, report))).toEqual(expected);
  });
});

describe("checkQuotaOverlaps: a cell has at most one quota", () => {
  const overlap = (first: number, second: number, cell: string) =>
    `edition standard's quotas ${first} and ${second} on requests both cover ${cell}; a cell has one quota: give each quota \`cells\` the others do not name, or write one quota without \`cells\` for every cell`;
  it.each<[string, QuotaDoc[], Reported[]]>([
    [
      "apart",
      [
        { cells: { class: "standard" } },
        { cells: { class: "archive" } },
        { cells: { kind: "write", class: "standard" } },
      ],
      [[[...AT, 2, "cells"], "quota.overlap", overlap(1, 3, "class standard, kind write")]],
    ],
    ["one quota without cells", [{ included: "5" }], []],
    [
      "a quota without cells after one with",
      [{ cells: { class: "archive" } }, { included: "5" }],
      [[[...AT, 1], "quota.overlap", overlap(1, 2, "class archive, kind read")]],
    ],
    [
      "the earliest overlapping quota is named",
      [{ cells: { kind: "write" } }, { cells: { kind: "read" } }, { cells: { class: "archive" } }],
      [[[...AT, 2, "cells"], "quota.overlap", overlap(1, 3, "class archive, kind write")]],
    ],
    [
      "two quotas without cells",
      [{ included: "5" }, { included: "6" }],
      [[[...AT, 1], "quota.overlap", overlap(1, 2, "class standard, kind read")]],
    ],
  ])("%s", (_name, quotas, expected) => {
    expect(reported((report) => checkQuotaOverlaps(METER, "requests", quotas, "standard", AT, report))).toEqual(
      expected,
    );
  });

  it("overlapMessage: undefined for the first quota, and for one apart from every earlier one", () => {
    const selectors = [cells({ class: "standard" }), cells({ class: "archive" })];
    expect([0, 1].map((k) => overlapMessage(METER, "requests", "standard", selectors, k))).toEqual([
      undefined,
      undefined,
    ]);
  });
});

/**
 * Storage (GB, 6 decimals) and requests (whole) free in a customer's first months: 5 GB and
 * 20,000 requests, or 100 calls a day; storage by class when `cells` is set.
 */
const firstMonthsRules = (months: number, cells = false) =>
  inlineRuleSet({
    meters: [
      {
        id: "storage",
        name: "Storage",
        unit: "GB",
        plural: "GB",
        aggregate: "sum",
        integer: false,
        ...(cells ? { dimensions: [{ id: "class", name: "Class", values: ["standard", "cold"] }] } : {}),
      },
      { id: "requests", name: "Requests", unit: "request", aggregate: "sum", required: false },
      { id: "calls", name: "Calls", unit: "call", aggregate: "sum", input: "daily", required: false },
    ],
    editions: [
      {
        id: "standard",
        name: "Standard",
        fee: "none",
        default: true,
        quotas: cells
          ? { storage: [{ included: 5, firstMonths: months, cells: { class: "standard" } }] }
          : {
              storage: { included: 5, firstMonths: months },
              requests: { included: 20000, firstMonths: months },
              calls: { included: { perDay: 100 }, firstMonths: months },
            },
      },
    ],
    charges: [
      { id: "storage", name: "Storage", meter: "storage", price: { model: "per-unit", unitPrice: 1 } },
      { id: "requests", name: "Requests", meter: "requests", price: { model: "per-unit", unitPrice: "0.0001" } },
      { id: "calls", name: "Calls", meter: "calls", price: { model: "per-unit", unitPrice: "0.01" } },
    ],
  });

const traced = (q: Quote, rule: string) => q.trace!.find((step) => step.rule === rule)?.text;

describe("monthEdition: a first-months quota granted, prorated or over, in words", () => {
  const GRANT = "granted in the first 12 months from sign-up on 2026-01-15 (until 2027-01-15)";
  it.each<[string, string, string[]]>([
    [
      "a whole month",
      "2026-06",
      [
        `Standard's 5 GB of Storage, ${GRANT}: granted for the whole month`,
        `Standard's 20,000 requests of Requests, ${GRANT}: granted for the whole month`,
        `Standard's 100 calls a day of Calls, ${GRANT}: granted for the whole month`,
      ],
    ],
    [
      "the month they end: 14 of 31 days",
      "2027-01",
      [
        `Standard's 5 GB of Storage, ${GRANT}: 14 of the month's 31 days, prorated and rounded down`,
        `Standard's 20,000 requests of Requests, ${GRANT}: 14 of the month's 31 days, prorated and rounded down`,
        `Standard's 100 calls a day of Calls, ${GRANT}: 14 of the month's 31 days, the allowance on those days`,
      ],
    ],
    [
      "the month after",
      "2027-02",
      [
        `Standard's 5 GB of Storage, ${GRANT}: over, nothing granted`,
        `Standard's 20,000 requests of Requests, ${GRANT}: over, nothing granted`,
        `Standard's 100 calls a day of Calls, ${GRANT}: over, nothing granted`,
      ],
    ],
  ])("%s", (_name, period, trace) => {
    const q = quote(
      firstMonthsRules(12),
      { ruleset: "inline", period, app: { createdAt: "2026-01-15" }, usage: { storage: 1, requests: 1, calls: [1] } },
      { explain: true },
    );
    expect(["quota/storage", "quota/requests", "quota/calls"].map((rule) => traced(q, rule))).toEqual(trace);
  });

  // 5 GB × 14/31 = 2.258064… → 2.258064 (6 decimals, down): 10 − 2.258064 = 7.741936 → 7.74;
  // 20,000 × 14/31 = 9,032.25… → 9,032 (whole requests, down): 30,000 − 9,032 = 20,968 × 0.0001 = 2.0968 → 2.10.
  it("prorates the month they end in, rounded down to the meter's decimals", () => {
    const q = quote(firstMonthsRules(12), {
      ruleset: "inline",
      period: "2027-01",
      app: { createdAt: "2026-01-15" },
      usage: { storage: 10, requests: 30000 },
    });
    expect(q.lines.map((line) => `${line.id} ${line.quantity} ${line.amount}`)).toEqual([
      "storage 7.741936 7.74",
      "requests 20968 2.10",
    ]);
  });

  it.each<[string, boolean, string]>([
    [
      "a quota for every cell",
      false,
      "Standard's quota on Storage is granted only in the first month from sign-up; give app.createdAt (YYYY-MM-DD), the sign-up day",
    ],
    [
      "a quota for some cells",
      true,
      "Standard's quota on Storage is granted only in the first month from sign-up; give app.createdAt (YYYY-MM-DD), the sign-up day",
    ],
  ])("without a sign-up day, %s is refused at app", (_name, cells, message) => {
    const usage = cells ? { storage: { standard: 1 } } : { storage: 1 };
    expect(
      problemsOf(() => quote(firstMonthsRules(1, cells), { ruleset: "inline", period: "2026-10", usage })).map(
        (problem) => [problem.code, problem.path, problem.message],
      ),
    ).toEqual([["usage.date", ["app"], message]]);
  });

  // Signed up 2026-09-20 for 1 month: it ends 2026-10-20, so 19 of October's 31 days:
  // 5 × 19/31 = 3.064516… → 3.064516; 4 − 3.064516 = 0.935484 → 0.94.
  it("prorates a quota for some cells", () => {
    const q = quote(firstMonthsRules(1, true), {
      ruleset: "inline",
      period: "2026-10",
      app: { createdAt: "2026-09-20" },
      usage: { storage: { standard: 4, cold: 2 } },
    });
    expect(q.lines.map((line) => `${line.id} ${line.quantity} ${line.amount}`)).toEqual([
      "storage.standard 0.935484 0.94",
      "storage.cold 2 2.00",
    ]);
  });

  it("without a sign-up day, names the meter of the first quota that has first months, after quotas without", () => {
    const classes = [{ id: "class", name: "Class", values: ["standard", "cold"] }];
    const untimedFirst = inlineRuleSet({
      meters: [
        { id: "requests", name: "Requests", unit: "request", aggregate: "sum", required: false },
        {
          id: "egress",
          name: "Egress",
          unit: "GB",
          plural: "GB",
          aggregate: "sum",
          required: false,
          dimensions: classes,
        },
        {
          id: "storage",
          name: "Storage",
          unit: "GB",
          plural: "GB",
          aggregate: "sum",
          required: false,
          dimensions: classes,
        },
      ],
      editions: [
        {
          id: "standard",
          name: "Standard",
          fee: 5,
          default: true,
          quotas: {
            requests: { included: 10 },
            egress: [{ included: 1, cells: { class: "cold" } }],
            storage: [
              { included: 1, cells: { class: "cold" } },
              { included: 5, firstMonths: 1, cells: { class: "standard" } },
            ],
          },
        },
      ],
    });
    expect(
      problemsOf(() => quote(untimedFirst, { ruleset: "inline", period: "2026-10", usage: {} })).map((problem) => [
        problem.code,
        problem.message,
      ]),
    ).toEqual([
      [
        "usage.date",
        "Standard's quota on Storage is granted only in the first month from sign-up; give app.createdAt (YYYY-MM-DD), the sign-up day",
      ],
    ]);
  });

  // A whole month grants the quota as written, decimals past the meter's 6 and all: 10 − 2.1234567 = 7.8765433.
  it("grants a whole month's quota as written, not rounded to the meter's decimals", () => {
    const precise = inlineRuleSet({
      meters: [{ id: "storage", name: "Storage", unit: "GB", plural: "GB", aggregate: "sum", integer: false }],
      editions: [
        {
          id: "standard",
          name: "Standard",
          fee: "none",
          default: true,
          quotas: { storage: { included: "2.1234567", firstMonths: 12 } },
        },
      ],
      charges: [{ id: "storage", name: "Storage", meter: "storage", price: { model: "per-unit", unitPrice: 1 } }],
    });
    const q = quote(precise, {
      ruleset: "inline",
      period: "2026-03",
      app: { createdAt: "2026-01-15" },
      usage: { storage: 10 },
    });
    expect(q.lines.map((line) => `${line.id} ${line.quantity}`)).toEqual(["storage 7.8765433"]);
  });
});
