import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadPlan } from "../src/rulesets/load-ruleset.js";
import { parsePeriod } from "../src/calendar/period.js";
import { UsageBuilder } from "../src/meter/usage-builder.js";
import { CELL_SEPARATOR } from "../src/meter/meter-sql.js";
import { RULES } from "./helpers.js";

const api = loadPlan(join(RULES, "example-api"));
const mode = api.modes.get(api.selection.default)![0]!;
const period = parsePeriod("2026-10")!;

/** Rows as the engines send them: customer, meter, cell, value, day (0 for a month's value; a daily series one row per day, in day order). */
type Row = [string, string, string, string, number];

function documents(rows: Row[]) {
  const builder = new UsageBuilder(api.id, mode, period);
  const done = rows.map((row) => builder.add(...row)).filter((document) => document !== undefined);
  return [...done, builder.finish()].map((document) => ({ customer: document!.customer, usage: document!.usage }));
}

describe("usage builder: engine rows to one document per customer", () => {
  const cases: { name: string; rows: Row[]; usage: Record<string, Record<string, unknown>> }[] = [
    {
      name: "a daily series from its day rows, 0 on the days between",
      rows: [
        ["a", "storage", "", "2.5", 2],
        ["a", "storage", "", "4", 5],
      ],
      usage: { a: { storage: ["0", "2.5", "0", "0", "4"] } },
    },
    {
      name: "one series per customer: the next customer's rows start a new one",
      rows: [
        ["a", "storage", "", "1", 1],
        ["b", "storage", "", "7", 3],
      ],
      usage: { a: { storage: ["1"] }, b: { storage: ["0", "0", "7"] } },
    },
    {
      name: "month values by cell beside a series",
      rows: [
        ["a", "requests", "", "12", 0],
        ["a", "storage", "", "3", 1],
        ["a", "tokens", `large${CELL_SEPARATOR}input`, "100", 0],
        ["a", "tokens", `small${CELL_SEPARATOR}output`, "5", 0],
      ],
      usage: { a: { requests: "12", storage: ["3"], tokens: { large: { input: "100" }, small: { output: "5" } } } },
    },
  ];
  it.each(cases)("$name", ({ rows, usage }) => {
    const built = documents(rows);
    expect(built.map((document) => document.customer)).toEqual(Object.keys(usage));
    for (const document of built) expect(document.usage).toMatchObject(usage[document.customer]!);
  });
});

describe("usage builder: cell names from events are own keys, whatever they are", () => {
  it.each([
    ["__proto__", "input", '{"__proto__":{"input":"1"}}'],
    ["constructor", "__proto__", '{"constructor":{"__proto__":"1"}}'],
    ["toString", "hasOwnProperty", '{"toString":{"hasOwnProperty":"1"}}'],
  ])("%s → %s", (model, direction, json) => {
    const [built] = documents([["a", "tokens", `${model}${CELL_SEPARATOR}${direction}`, "1", 0]]);
    const tokens = built!.usage.tokens as Record<string, Record<string, unknown>>;
    expect(JSON.stringify(tokens)).toBe(json);
    expect(Object.hasOwn(tokens, model) && Object.hasOwn(tokens[model]!, direction)).toBe(true);
    expect(Object.getPrototypeOf(tokens)).toBe(Object.prototype);
  });
});
