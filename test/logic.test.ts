import fc from "fast-check";
import jsonLogic from "json-logic-js";
import { describe, expect, it } from "vitest";
import { compileCondition, compileLogic } from "../src/logic/compile-logic.js";
import { RatecardError } from "../src/index.js";
import { problemsOf, valueOrRefusal } from "./helpers.js";
import { inlineProblems, inlineQuote, inlineRuleSet } from "./inline-rules.js";

/** json-logic-js, the reference: a rule's value, and whether it holds as a condition. */
const reference = (rule: unknown, data: unknown) => jsonLogic.apply(rule as never, data);
const holds = (rule: unknown, data: unknown) => jsonLogic.truthy(reference(rule, data));

const DATA = {
  edition: "pro",
  period: "2026-10",
  app: { createdAt: "2022-06-01", region: "eu", tier: 0, zero: "0", empty: "", flag: false, seats: 12 },
  addons: { sso: true, retention: { days: 90 } },
  usage: { calls: 0, seats: 12 },
};

describe("conditions mean what json-logic-js says", () => {
  it.each([
    ["an empty list is false", []],
    ["a list holding false is true", [false]],
    ["nested empty lists are true", [[]]],
    ["a list of a var is true", [{ var: "app.flag" }]],
    ["an empty string is false", ""],
    ['"0" is true', "0"],
    ["0 is false", 0],
    ["null is false", null],
    ["a mapping from the data is true", { var: "addons.retention" }],
    ["a string fact of 0 is true", { var: "app.zero" }],
    ["a number fact of 0 is false", { var: "app.tier" }],
    ["!! of an empty list", { "!!": [[]] }],
    ["!! of a list of an empty list", { "!!": [[[]]] }],
    ["! of nothing", { "!": [] }],
    ["! of an empty list", { "!": [[]] }],
    ["== coerces a number and a string", { "==": [1, "1"] }],
    ["== coerces 0 and an empty string", { "==": [0, ""] }],
    ["== coerces null and 0 (not equal)", { "==": [null, 0] }],
    ["== coerces an empty list and false", { "==": [[], false] }],
    ["== coerces a list and its text", { "==": [["a"], "a"] }],
    ["=== does not coerce", { "===": [1, "1"] }],
    ["!= coerces", { "!=": ["12", { var: "app.seats" }] }],
    ["!== does not coerce", { "!==": ["12", { var: "app.seats" }] }],
    ["< between a number and a numeric string", { "<": [2, "10"] }],
    ["< between two strings compares text", { "<": ["2", "10"] }],
    ["< with null", { "<": [null, 1] }],
    ["< between three values", { "<": [1, { var: "usage.seats" }, 20] }],
    ["<= between three values, edge", { "<=": [12, { var: "usage.seats" }, 12] }],
    ["<= with a third operand whose value is undefined", { "<=": [false, 0, { or: [] }] }],
    ["> with a missing value", { ">": [{ var: "usage.none" }, -1] }],
    [">= of dates as text", { ">=": [{ var: "app.createdAt" }, "2022-06-01"] }],
    ["in a list, strictly", { in: ["12", [12, 13]] }],
    ["in a string, as a substring", { in: ["ro", { var: "edition" }] }],
    ["in a string, a number is found as text", { in: [1, "a1"] }],
    ["in a number is false", { in: [1, { var: "usage.seats" }] }],
    ["in null is false", { in: ["a", null] }],
    ["in an empty string is false, even for the empty string", { in: ["", ""] }],
    ["the empty string is in any other string", { in: ["", "pro"] }],
    ["in a mapping is false", { in: ["sso", { var: "addons" }] }],
    ["if with no operand", { if: [] }],
    ["if with one operand", { if: [[]] }],
    ["if with two operands, false", { if: [false, "yes"] }],
    ["if with an even count, none true", { if: [false, "a", 0, "b"] }],
    ["if with an odd count", { if: [false, "a", [], "b", "c"] }],
    ["and returns the first false operand", { and: [1, "", 2] }],
    ["and returns the last operand", { and: [1, [1], "x"] }],
    ["and of nothing", { and: [] }],
    ["or returns the first true operand", { or: [0, [], "first", "second"] }],
    ["or returns the last operand", { or: [0, [], ""] }],
    ["or of nothing", { or: [] }],
    ["var into a string", { var: "edition.0" }],
    ["var with a fallback", { var: ["app.none", "fallback"] }],
    ["var with a fallback whose value is undefined", { var: ["app.none", { and: [] }] }],
    ["var of an explicit null keeps it", { var: ["app.nothing", 1] }],
    ["missing lists empty and absent values", { missing: ["app.empty", "app.none", "app.region", "app.flag"] }],
    ["missing of one path", { missing: "app.zero" }],
    ["a condition that is a list of results", [{ var: "app.none" }]],
  ])("%s", (_, rule) => {
    const data = { ...DATA, app: { ...DATA.app, nothing: null } };
    expect(compileLogic(rule)(data)).toEqual(reference(rule, data));
    expect(compileCondition(rule)(data)).toBe(holds(rule, data));
  });

  // Values of every JSON kind, the ones truthiness and coercion treat specially among them.
  const scalar = fc.constantFrom<unknown>(
    0,
    1,
    -1,
    12,
    0.5,
    "",
    "0",
    "1",
    "12",
    "a",
    "ro",
    "pro",
    "2026-10",
    true,
    false,
    null,
  );
  const json = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: "small" },
      scalar,
      fc.array(tie("value"), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom("a", "b", "0"), tie("value"), { maxKeys: 2, noNullPrototype: true }),
    ),
  })).value;
  const data = fc.record({
    edition: fc.constantFrom("pro", "", "0"),
    app: fc.dictionary(fc.constantFrom("a", "b", "region"), json, { maxKeys: 3, noNullPrototype: true }),
    addons: fc.dictionary(fc.constantFrom("sso", "x"), json, { maxKeys: 2, noNullPrototype: true }),
    usage: fc.dictionary(fc.constantFrom("calls", "seats"), fc.constantFrom(0, 1, 12, 100), { noNullPrototype: true }),
  });
  const path = fc.constantFrom(
    "edition",
    "edition.0",
    "app",
    "app.a",
    "app.b",
    "app.region",
    "app.a.0",
    "app.a.b",
    "addons.sso",
    "addons.x.a",
    "usage.calls",
    "usage.seats",
    "usage",
  );
  const literal = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }));
  const rule = fc.letrec<{ rule: unknown }>((tie) => {
    const operands = (min: number, max: number) => fc.array(tie("rule"), { minLength: min, maxLength: max });
    return {
      rule: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        literal,
        path.map((p) => ({ var: p })),
        fc.tuple(path, literal).map(([p, fallback]) => ({ var: [p, fallback] })),
        fc.array(path, { maxLength: 3 }).map((keys) => ({ missing: keys })),
        ...(["==", "!=", "===", "!==", ">", ">=", "in"] as const).map((op) =>
          operands(0, 3).map((args) => ({ [op]: args })),
        ),
        ...(["<", "<="] as const).map((op) => operands(0, 4).map((args) => ({ [op]: args }))),
        ...(["and", "or", "if"] as const).map((op) => operands(0, 6).map((args) => ({ [op]: args }))),
        ...(["!", "!!"] as const).flatMap((op) => [
          tie("rule").map((arg) => ({ [op]: arg })),
          operands(0, 2).map((args) => ({ [op]: args })),
        ]),
        fc.array(tie("rule"), { maxLength: 3 }),
      ),
    };
  }).rule;

  it("agrees with json-logic-js on generated rules and data, every allowed operator", () => {
    fc.assert(
      fc.property(rule, data, (r, d) => {
        expect(compileLogic(r)(d)).toEqual(reference(r, d));
        expect(compileCondition(r)(d)).toBe(holds(r, d));
      }),
      { numRuns: 5000 },
    );
  }, 60_000);
});

/** A mode with one add-on whose eligibility is `when`. */
function eligibleWhen(when: unknown) {
  return {
    meters: [{ id: "calls", name: "Calls", unit: "call", aggregate: "sum" }],
    editions: [{ id: "plus", name: "Plus", fee: 10, default: true }],
    addons: [{ id: "support", name: "Support", price: 5, eligible: { when, message: "Support is not for you." } }],
  };
}

describe("conditions in rule sets", () => {
  it.each([
    ["an empty list", false, []],
    ["a list holding false", true, [false]],
    ["an empty string", false, ""],
    ['the text "0"', true, "0"],
    ["0", false, 0],
    ["an empty `and`", false, { and: [] }],
  ])("an add-on eligible when %s can be bought: %s", (_, buyable, when) => {
    const rules = inlineRuleSet(eligibleWhen(when));
    const doc = { usage: { calls: 0 }, addons: { support: true } };
    const outcome = valueOrRefusal(() => inlineQuote(rules, doc));
    const seen =
      outcome instanceof RatecardError
        ? outcome.problems.map((p) => p.code)
        : outcome.lines.map((l) => l.id).filter((id) => id === "support");
    expect(seen).toEqual(buyable ? ["support"] : ["usage.addon-not-eligible"]);
  });

  it("a mode available when an empty list is available to no app", () => {
    const rules = inlineRuleSet({ ...eligibleWhen(true), available: { when: [], message: "Closed." } });
    expect(problemsOf(() => inlineQuote(rules, { usage: { calls: 0 } })).map((p) => [p.code, p.message])).toEqual([
      ["usage.mode-unavailable", "Closed."],
    ]);
  });

  // YAML numbers in rules are read as exact text ("0.5"); JSON Logic would see the number 0.5.
  it.each([
    ["a decimal beside a usage value", { ">=": [{ var: "usage.calls" }, "0.5"] }],
    ["a decimal between a whole number and a usage value", { "<": [0, { var: "usage.calls" }, "2.5"] }],
    ["a decimal equal to an add-on's quantity", { "==": [{ var: "addons.support.quantity" }, "1.5"] }],
    ["a whole number written as text", { "===": [{ var: "app.code" }, "2000"] }],
  ])("accepts %s: JavaScript compares it as the number", (_, when) => {
    expect(inlineProblems(eligibleWhen(when))).toEqual([]);
  });

  it.each([
    [{ ">=": [{ var: "usage.calls" }, "0.5"] }, { ">=": [{ var: "usage.calls" }, 0.5] }],
    [{ "<": [0, { var: "usage.calls" }, "2.5"] }, { "<": [0, { var: "usage.calls" }, 2.5] }],
    [{ "!=": ["1e0", { var: "addons.support.quantity" }] }, { "!=": [1, { var: "addons.support.quantity" }] }],
    [
      { "<=": [{ var: "usage.calls" }, "12345678901234567890"] },
      JSON.parse('{ "<=": [{ "var": "usage.calls" }, 12345678901234567890] }') as unknown,
    ],
  ])("an accepted decimal means what json-logic-js says of the number: %j", (asRead, asWritten) => {
    for (const calls of [0, 0.25, 0.5, 1, 2.5, 3, 1e20, undefined]) {
      const data = { usage: calls === undefined ? {} : { calls }, addons: { support: { quantity: calls } } };
      expect(compileCondition(asRead)(data), `calls ${calls}`).toBe(holds(asWritten, data));
    }
  });

  it.each([
    ["a decimal compared strictly", { "===": [{ var: "usage.calls" }, "0.5"] }],
    ["a decimal as a truth", { "!!": "0.0" }],
    ["a decimal in a list", { in: [{ var: "usage.calls" }, ["0.5", 2]] }],
    ["a decimal beside text", { "<": [{ var: "app.score" }, "10.5"] }],
    ["two decimals", { "<": ["10.5", "9.5"] }],
    ["an exponent", { ">": [{ var: "app.level" }, "1e3"] }],
    ["infinity", { "==": [{ var: "app.level" }, ".inf"] }],
    ["an integer past 2^53", { "==": [{ var: "app.id" }, "12345678901234567890"] }],
    ["a decimal fallback", { var: ["app.score", "0.5"] }],
  ])("refuses %s (logic.number)", (_, when) => {
    expect([...new Set(inlineProblems(eligibleWhen(when)))]).toEqual(["logic.number"]);
  });

  it.each([
    ["a built-in name as a fact", { "!!": { var: "app.constructor" } }],
    ["a built-in name under an add-on", { "==": [{ var: "addons.support.__proto__" }, null] }],
    ["the length of a string", { ">": [{ var: "edition.length" }, 3] }],
    ["a built-in name in missing", { missing: ["app.toString"] }],
    ["a computed path in missing", { missing: [{ var: "app.region" }] }],
    ["a list of paths inside missing", { missing: [["app.region"], "app.tier"] }],
    ["a path outside the data in missing", { missing: ["secrets.key"] }],
  ])("refuses %s (logic.var)", (_, when) => {
    expect(inlineProblems(eligibleWhen(when))).toEqual(["logic.var"]);
  });
});
