import { describe, expect, it } from "vitest";
import { quote, type UsageDocument } from "../src/index.js";
import { problemsOf } from "./helpers.js";
import { inlineRuleSet } from "./inline-rules.js";

/**
 * Usage series that must be refused however they are read (as whole numbers, as scaled
 * integers or as Decimals): cases chosen by mutation testing of src/usage/read-meters.ts.
 */
const rules = inlineRuleSet({
  meters: [
    { id: "calls", name: "Calls", unit: "call", aggregate: "sum", input: "daily", required: false },
    { id: "peak", name: "Peak", unit: "GB", aggregate: "max", integer: false, input: "hourly", required: false },
  ],
  editions: [{ id: "only", name: "Only", fee: "none", default: true }],
  charges: [
    { id: "calls", name: "Calls", meter: "calls", price: { model: "per-unit", unitPrice: "0.01" } },
    { id: "peak", name: "Peak", meter: "peak", price: { model: "per-unit", unitPrice: 1 } },
  ],
});

const doc = (usage: Record<string, unknown>): UsageDocument => ({
  ruleset: "inline",
  period: "2026-10",
  usage: usage as UsageDocument["usage"],
});

describe("series refused, with the place and the reason", () => {
  it.each<[string, Record<string, unknown>, [string, (string | number)[], string][]]>([
    [
      "fractions of a call written as text",
      { calls: ["0.5", "2.5"] },
      [
        ["usage.value", ["usage", "calls", 0], "usage.calls[0] is 0.5; Calls counts whole calls"],
        ["usage.value", ["usage", "calls", 1], "usage.calls[1] is 2.5; Calls counts whole calls"],
      ],
    ],
    [
      "only negative whole numbers",
      { calls: [-5, -1] },
      [
        ["usage.value", ["usage", "calls", 0], "usage.calls[0] is -5; usage cannot be negative"],
        ["usage.value", ["usage", "calls", 1], "usage.calls[1] is -1; usage cannot be negative"],
      ],
    ],
    [
      "more daily values than the month has days",
      { calls: Array<number>(32).fill(1) },
      [["usage.value", ["usage", "calls"], "usage.calls has 32 daily values, but 2026-10 has 31 days"]],
    ],
    [
      "fewer hourly values than the month has hours",
      { peak: Array<number>(743).fill(1) },
      [
        [
          "usage.value",
          ["usage", "peak"],
          "usage.peak has 743 hourly values, but 2026-10 has 744 hours (UTC); give one value per hour",
        ],
      ],
    ],
    [
      "a month value for an hourly meter",
      { peak: 5 },
      [
        [
          "usage.value",
          ["usage", "peak"],
          "usage.peak takes hourly values (a list, one per hour of the month in UTC); Peak is aggregated from them",
        ],
      ],
    ],
  ])("%s", (_name, usage, expected) => {
    expect(problemsOf(() => quote(rules, doc(usage))).map((p) => [p.code, p.path, p.message])).toEqual(expected);
  });
});
