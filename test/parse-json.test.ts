import { describe, expect, it } from "vitest";
import { parseUsage, quote } from "../src/index.js";
import { parseSource } from "../src/load/source-document.js";
import { problemsOf, tencent } from "./helpers.js";

const pro = (usage: string) => `{"ruleset": "tencent-im", "period": "2026-10", "app": {"createdAt": "2022-06-01"}, "edition": "pro", "usage": ${usage}}`;

describe("JSON read with JSON.parse when that is exact", () => {
  it.each([
    ["small integers", '{"a": 1, "b": [2, -3], "c": {"d": null, "e": true, "f": "x\\"y:z"}}'],
    ["a decimal (kept as its text)", '{"a": 10.025}'],
    ["an integer past 15 digits", '{"a": 12345678901234567890}'],
    ["an exponent", '{"a": 1e16}'],
    ["a nested list", "[[1, 2], {}]"],
  ])("%s: the same data as the YAML path", (_, text) => {
    const yaml = parseSource(`# yaml\n${text}`, "doc.yaml").doc.data;
    expect(parseSource(text, "doc.json").doc.data).toEqual(yaml);
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
    const problems = problemsOf(() => quote(tencent, parseUsage(pro('{\n  "dau": "lots",\n  "groups": 0\n}'), "m.json")));
    expect(problems.map((p) => [p.code, p.source?.line, p.source?.col])).toEqual([["usage.value", 2, 10]]);
  });

  it("a quote from JSON equals the quote from the same document in YAML", () => {
    const json = pro('{"dau": [9000, 23456], "groups": 120000}');
    expect(quote(tencent, parseUsage(json, "m.json"))).toEqual(quote(tencent, parseUsage(`# yaml\n${json}`, "m.yaml")));
  });
});
