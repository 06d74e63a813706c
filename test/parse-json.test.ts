import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseUsage, quote } from "../src/index.js";
import { parseJson } from "../src/load/parse-json.js";
import { parseSource } from "../src/load/source-document.js";
import { problemsOf, tencent } from "./helpers.js";
import { HEAVY } from "./timeouts.js";

const pro = (usage: string) =>
  `{"ruleset": "tencent-im", "period": "2026-10", "app": {"createdAt": "2022-06-01"}, "edition": "pro", "usage": ${usage}}`;

describe("JSON read with JSON.parse when that is exact", () => {
  it.each([
    ["small integers", '{"a": 1, "b": [2, -3], "c": {"d": null, "e": true, "f": "x\\"y:z"}}'],
    ["a decimal (kept as its text)", '{"a": 10.025}'],
    ["an integer past 15 digits", '{"a": 12345678901234567890}'],
    ["an exponent", '{"a": 1e16}'],
    ["a nested list", "[[1, 2], {}]"],
    ["16-digit integers either side of 2^53", '{"a": 9007199254740991, "b": -9007199254740993}'],
    ["number-like text that is not a JSON number", '{"a": 1-2, "b": 1.2.3, "c": -.5, "d": 1e}'],
    ["literals and escapes", '{"t": true, "f": false, "n": null, "s": "a\\u00e9\\n\\"b"}'],
  ])("%s: the same data as the YAML path", (_, text) => {
    const yaml = parseSource(`# yaml\n${text}`, "doc.yaml").doc.data;
    expect(parseSource(text, "doc.json").doc.data).toEqual(yaml);
  });

  it.each([
    ["a key twice", '{"a": 1, "a": 2}'],
    ["a key twice, space before the colons", '{"a" : 1, "b":{"c":[1]}, "a" :2}'],
    ["keys ending in an escaped backslash", '{"a\\\\": 1, "a\\\\": 2}'],
    ["keys holding an escaped quote and a colon", '{"x\\":y": 1, "z": "w:\\"", "x\\":y": 2}'],
    ["a key twice in a nested object", '[{"s": "{\\"a\\":1,", "a": 1, "a": {}}]'],
  ])("%s: left to the YAML path, which refuses duplicate keys", (_, text) => {
    expect(parseJson(text, "doc.json", () => parseSource(text, "doc.json").doc)).toBeUndefined();
    expect(parseSource(text, "doc.json").problems.map((p) => p.code)).toContain("yaml.syntax");
  });

  it("keeps every digit of large and decimal usage", () => {
    const q = quote(tencent, parseUsage(pro('{"dau": 12345678901234567890123, "groups": 0.0}'), "m.json"));
    expect(q.lines.find((l) => l.id === "dau-overage")!.quantity).toBe("1234567890123456789");
  });

  it("refuses a duplicate key, with its position, as the YAML path does", () => {
    const problems = problemsOf(() => parseUsage(pro('{"dau": 5, "dau": 500000, "groups": 0}'), "m.json"));
    expect(problems.map((p) => [p.code, p.source?.line, p.source?.col])).toEqual([["yaml.syntax", 1, 122]]);
  });

  it("finds positions only when a problem needs them", () => {
    const problems = problemsOf(() =>
      quote(tencent, parseUsage(pro('{\n  "dau": "lots",\n  "groups": 0\n}'), "m.json")),
    );
    expect(problems.map((p) => [p.code, p.source?.line, p.source?.col])).toEqual([["usage.value", 2, 10]]);
  });

  it("a quote from JSON equals the quote from the same document in YAML", () => {
    const json = pro('{"dau": [9000, 23456], "groups": 120000}');
    expect(quote(tencent, parseUsage(json, "m.json"))).toEqual(quote(tencent, parseUsage(`# yaml\n${json}`, "m.yaml")));
  });

  it("gives the YAML path's data for any JSON, numbers of every kind included", HEAVY, () => {
    const number = fc.oneof(
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map((n) => ({ raw: n.toString() })),
      fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.nat(12)).map(([n, d]) => ({ raw: `${n}.${"7".repeat(d)}` })),
    );
    const value = fc.letrec<{ value: unknown }>((tie) => ({
      value: fc.oneof(
        { depthSize: "small" },
        number,
        fc.string(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie("value"), { maxLength: 4 }),
        fc.dictionary(fc.string(), tie("value"), { maxKeys: 4 }),
      ),
    })).value;
    const text = (v: unknown): string => {
      if (v && typeof v === "object" && Object.hasOwn(v, "raw")) return (v as { raw: string }).raw;
      if (Array.isArray(v)) return `[${v.map(text).join(", ")}]`;
      if (v && typeof v === "object")
        return `{${Object.entries(v)
          .map(([k, item]) => `${JSON.stringify(k)}: ${text(item)}`)
          .join(", ")}}`;
      return JSON.stringify(v);
    };
    fc.assert(
      fc.property(
        fc.oneof(fc.array(value, { maxLength: 4 }), fc.dictionary(fc.string(), value, { maxKeys: 5 })),
        (doc) => {
          const json = text(doc);
          const yaml = parseSource(`# yaml\n${json}`, "doc.yaml");
          // Unique keys, small: the fast path must take it, and agree.
          const fast = parseJson(json, "doc.json", () => yaml.doc);
          expect(yaml.problems).toEqual([]);
          expect(fast?.data).toEqual(yaml.doc.data);
        },
      ),
      { numRuns: 600 },
    );
  });
});
