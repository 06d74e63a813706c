import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OutputBuffer } from "../src/batch/output-buffer.js";
import { QuoteResultWriter } from "../src/batch/write-result.js";
import { quoteTemplateOf } from "../src/evaluate/quote-frames.js";
import { exampleFiles } from "../src/examples/run-examples.js";
import { loadRuleSet, parseUsage, quote, RatecardError, type Quote, type UsageDocument } from "../src/index.js";
import { BUNDLED_DIRS, tencent } from "./helpers.js";
import { HEAVY } from "./timeouts.js";

type Result = { line: number; customer?: string; quote: Quote };

/** What the writer wrote for these results, one output per result. */
function written(writer: QuoteResultWriter, results: Result[]): string[] {
  const out = new OutputBuffer(0);
  for (const result of results) writer.write(out, result);
  return Buffer.from(out.bytes()).toString("utf8").split("\n").slice(0, -1);
}

/** Every bundled example that quotes, lean and explained, with a customer now and then. */
function exampleQuotes(): Result[] {
  const results: Result[] = [];
  for (const dir of BUNDLED_DIRS) {
    const ruleSet = loadRuleSet(dir);
    for (const file of exampleFiles(dir)) {
      const usage = parseUsage(readFileSync(file, "utf8"), file);
      for (const explain of [false, true]) {
        try {
          results.push({
            line: results.length + 1,
            ...(results.length % 3 ? {} : { customer: `cus-${results.length} "Zürich" €` }),
            quote: quote(ruleSet, usage, { explain }),
          });
        } catch (error) {
          if (!(error instanceof RatecardError)) throw error;
        }
      }
    }
  }
  return results;
}

const pro = (dau: number, groups: number, days?: number, members = false): UsageDocument => ({
  ruleset: "tencent-im",
  period: "2026-10",
  app: { createdAt: "2022-06-01" },
  edition: "pro",
  usage: { dau, groups },
  addons: { ...(days ? { "message-retention": { days } } : {}), ...(members ? { "group-members": true } : {}) },
});

describe("QuoteResultWriter", () => {
  it(
    "writes what JSON.stringify writes for every bundled example, lean and explained, in any order, one writer throughout",
    HEAVY,
    () => {
      const results = exampleQuotes();
      expect(results.length).toBeGreaterThan(40);
      fc.assert(
        fc.property(fc.shuffledSubarray(results, { minLength: results.length }), (order) => {
          expect(written(new QuoteResultWriter(), [...order, ...order])).toEqual(
            [...order, ...order].map((result) => JSON.stringify(result)),
          );
        }),
        { numRuns: 30 },
      );
    },
  );

  it(
    "writes what JSON.stringify writes for generated documents whose lines change wording with their options",
    HEAVY,
    () => {
      const writer = new QuoteResultWriter();
      const doc = fc.record({
        dau: fc.nat(400_000),
        groups: fc.nat(2_000_000),
        days: fc.constantFrom(undefined, 30, 90, 180, 360),
        members: fc.boolean(),
        explain: fc.boolean(),
      });
      fc.assert(
        fc.property(fc.array(doc, { minLength: 1, maxLength: 20 }), (docs) => {
          const results = docs.map(({ dau, groups, days, members, explain }, i) => ({
            line: i + 1,
            quote: quote(tencent, pro(dau, groups, days, members), { explain }),
          }));
          expect(written(writer, results)).toEqual(results.map((result) => JSON.stringify(result)));
        }),
        { numRuns: 200 },
      );
    },
  );

  it(
    "writes a quote made from a frame's template, written as soon as it is made, as JSON.stringify does",
    HEAVY,
    () => {
      const writer = new QuoteResultWriter();
      let fromTemplates = 0;
      const doc = fc.record({
        dau: fc.nat(400_000),
        groups: fc.nat(2_000_000),
        days: fc.constantFrom(undefined, 30, 90, 180, 360),
        members: fc.boolean(),
        explain: fc.boolean(),
        customer: fc.option(fc.string({ minLength: 1 }), { nil: undefined }),
      });
      fc.assert(
        fc.property(fc.array(doc, { minLength: 1, maxLength: 20 }), (docs) => {
          for (const [i, { dau, groups, days, members, explain, customer }] of docs.entries()) {
            const result = {
              line: i + 1,
              ...(customer === undefined ? {} : { customer }),
              quote: quote(tencent, pro(dau, groups, days, members), { explain }),
            };
            if (quoteTemplateOf(result.quote)) fromTemplates++;
            expect(written(writer, [result])).toEqual([JSON.stringify(result)]);
          }
        }),
        { numRuns: 200 },
      );
      // Most quotes come from a template: the path is taken, not only fallen back from.
      expect(fromTemplates).toBeGreaterThan(1_000);
    },
  );

  it("writes afresh whatever differs from a template: keys added, dropped or reordered, values escaped, inherited or undefined", () => {
    const base = quote(tencent, pro(23456, 120_000, 90, true));
    const line = base.lines[0]!;
    const inherited: typeof line = Object.assign(Object.create({ inheritedKey: "x" }) as object, line);
    const variants: Quote[] = [
      base,
      { ...base, version: { note: base.version.note, from: base.version.from } as Quote["version"] },
      { ...base, settlement: undefined } as unknown as Quote,
      { ...base, names: { ...base.names, edition: 'Pro "Edition" — ünïcode 😀' } },
      { ...base, period: { ...base.period, extra: "x" } as Quote["period"] },
      { ...base, lines: [{ ...line, note: "a note" }, ...base.lines.slice(1)] },
      { ...base, lines: [{ ...line, description: "tab\there", quantity: "é" }] },
      {
        ...base,
        lines: [{ ...line, unitPrice: null }, { ...line, explanation: undefined } as unknown as typeof line, inherited],
      },
      { ...base, lines: [{ rule: line.rule, id: line.id } as typeof line] },
      { ...base, warnings: [{ code: "x.y", message: "a \\ backslash" }], total: "-0.01" },
      { ...base, trace: [{ rule: "money", text: "total" }] },
      base,
    ];
    const results = variants.map((variant, i) => ({ line: i + 1, quote: variant }));
    expect(written(new QuoteResultWriter(), results)).toEqual(results.map((result) => JSON.stringify(result)));
  });
});
