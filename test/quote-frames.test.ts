import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { generateCatalog } from "../bench/catalog.js";
import { proDocuments } from "../bench/documents.js";
import { evaluate } from "../src/evaluate/evaluate.js";
import { exampleFiles } from "../src/examples/run-examples.js";
import {
  loadRuleSet,
  loadRuleSetFromTexts,
  quote,
  RatecardError,
  type RuleSet,
  type UsageDocument,
} from "../src/index.js";
import { inMemory } from "../src/load/source-document.js";
import type { QuoteOptions } from "../src/usage/context.js";
import { resolveUsage } from "../src/usage/resolve-usage.js";
import { BUNDLED_DIRS, planOf } from "./helpers.js";
import { HEAVY, MUTATION_RUN } from "./timeouts.js";

/** The general evaluator alone, with no frame: resolve, then evaluate; its problems when refused. */
function general(ruleSet: RuleSet, doc: UsageDocument, options: QuoteOptions = {}): string {
  const plan = planOf(ruleSet);
  const { usage, problems } = resolveUsage(plan, inMemory(doc), options);
  return usage ? JSON.stringify(evaluate(plan, usage)) : JSON.stringify(problems);
}

/** What `quote` gives (through a frame when one fits): the quote as JSON, or its problems. */
function quoted(ruleSet: RuleSet, doc: UsageDocument, options: QuoteOptions = {}): string {
  try {
    return JSON.stringify(quote(ruleSet, doc, options));
  } catch (error) {
    if (error instanceof RatecardError) return JSON.stringify(error.problems);
    throw error;
  }
}

interface Case {
  name: string;
  ruleSet: RuleSet;
  doc: UsageDocument;
}

const bundledCases: Case[] = BUNDLED_DIRS.flatMap((dir) => {
  const ruleSet = loadRuleSet(dir);
  return exampleFiles(dir).map((file) => {
    const {
      expect: _expected,
      name: _name,
      description: _description,
      ...doc
    } = parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    return {
      name: file.slice(file.lastIndexOf("/", file.lastIndexOf("/") - 1) + 1),
      ruleSet,
      doc: doc as unknown as UsageDocument,
    };
  });
});

/** Generated catalogs: few add-ons (frames taken), and ten, one of whose conditions reads usage (frames refused). */
const generatedCases: Case[] = [
  { addons: 3, editions: 3, meters: 8, seed: 3 },
  { addons: 4, editions: 4, meters: 5, seed: 9 },
  { addons: 10, editions: 3, meters: 10, seed: 1 },
].flatMap((size, s) => {
  const ruleSet = loadRuleSetFromTexts(generateCatalog(`gen-${s}`, size), { name: `gen-${s}` });
  return Array.from({ length: size.editions }, (_, e): Case => ({
    name: `gen-${s} e${e}`,
    ruleSet,
    doc: {
      ruleset: `gen-${s}`,
      period: "2026-03",
      edition: `e${e}`,
      usage: Object.fromEntries(
        Array.from({ length: size.meters }, (_, j) => [
          `m${j}`,
          j % 3 ? 50 * j : Array.from({ length: 31 }, (_, d) => d * j),
        ]),
      ),
      addons: e ? { a1: true } : {},
    },
  }));
});

/**
 * Documents as `bill` and `meter` make them: every value a decimal string, a daily series, a meter
 * with dimensions, a customer; with no add-on, and with add-ons whose buying reads usage (frames refused).
 */
const billedCases: Case[] = [{}, { sso: true }, { sandbox: { quantity: 2 } }, { sso: false }].map((addons, i) => ({
  name: `billed example-api ${i}`,
  ruleSet: loadRuleSet(BUNDLED_DIRS.find((dir) => dir.endsWith("example-api"))!),
  doc: {
    ruleset: "example-api",
    customer: `c${i}`,
    period: "2026-10",
    mode: "usage-based",
    edition: i ? "scale" : "payg",
    ...(i ? { addons } : {}),
    usage: {
      payouts: "12.5",
      requests: "2000000",
      seats: "6",
      storage: ["0", "0", "40.6", "60.1"],
      tokens: { large: { input: "1200000", output: "3" }, small: { input: "7" } },
      workers: "1",
    },
  },
}));

const cases = [...bundledCases, ...generatedCases, ...billedCases];

/** Usage values to put in place of a document's: counts, edges of the quotas and blocks, fractions, negatives, huge numbers. */
const value = fc.oneof(
  fc.nat(1_000),
  fc.nat(3_000_000),
  fc.integer({ min: -3, max: 3 }),
  fc.double({ min: -1, max: 1e7, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 0.5, 99.999, 100, 10_000, 10_001, 100_000, 1e15, 2 ** 53, 1e21),
  // Decimal strings, as metering writes them, and strings that do not read as one.
  fc.constantFrom("0", "40.6", "1200000", "0.000000000001", "1".repeat(30), "-1", "1e3", "", " 1", "abc"),
);

/** The document with each usage value replaced by the next generated value; lists keep their length, or grow by one. */
function withValues(doc: UsageDocument, values: (number | string)[], longer: boolean): UsageDocument {
  let next = 0;
  const take = () => values[next++ % values.length]!;
  const vary = (node: unknown): unknown => {
    if (typeof node === "number" || typeof node === "string") return take();
    if (Array.isArray(node)) return [...node.map(vary), ...(longer ? [take()] : [])];
    if (typeof node === "object" && node !== null)
      return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, vary(item)]));
    return node;
  };
  return { ...doc, usage: vary(doc.usage) as UsageDocument["usage"] };
}

describe("quotes through frames equal the general evaluator's", () => {
  it("has cases from every bundled rule set and from generated ones", () =>
    expect(new Set(cases.map((c) => c.ruleSet.id)).size).toBe(BUNDLED_DIRS.length + 3));

  it.each(billedCases.map((c) => [c.name, c] as const))(
    "%s is quoted, not refused: the frame tests on it compare quotes",
    (_name, { ruleSet, doc }) => {
      const ids = quote(ruleSet, doc).lines.map((line) => line.id);
      expect(ids).toEqual(expect.arrayContaining(["storage", "tokens.large.output", "tokens.small.input", "payouts"]));
    },
  );

  it.each(cases.map((c) => [c.name, c] as const))(
    "%s as written, lean and explained, each twice",
    (_name, { ruleSet, doc }) => {
      for (const options of [{}, {}, { explain: true }, { explain: true }])
        expect(quoted(ruleSet, doc, options)).toBe(general(ruleSet, doc, options));
    },
  );

  it("on thousands of generated usages: the whole quote JSON, or the same problems", HEAVY, () => {
    fc.assert(
      fc.property(
        fc.nat(cases.length - 1),
        fc.array(value, { minLength: 1, maxLength: 40 }),
        fc.boolean(),
        fc.boolean(),
        (index, values, longer, explain) => {
          const { ruleSet, doc } = cases[index]!;
          const varied = withValues(doc, values, longer && values.length % 5 === 0);
          const options = explain ? { explain } : {};
          quoted(ruleSet, doc, options); // makes the frame of the document's shape, when one fits
          expect(quoted(ruleSet, varied, options)).toBe(general(ruleSet, varied, options));
        },
      ),
      { numRuns: MUTATION_RUN ? 300 : 3_000 },
    );
  });

  it("on the bench's documents, each quoted twice", HEAVY, () => {
    const tencent = cases.find((c) => c.ruleSet.id === "tencent-im")!.ruleSet;
    for (const doc of [...proDocuments(200, 3), ...proDocuments(200, 3)])
      expect(quoted(tencent, doc)).toBe(general(tencent, doc));
  });

  it.each([
    ["ids of 1 to 200 characters", ["a", "acme", "x".repeat(200), "😀".repeat(100), "b"]],
    ["ids the schema refuses after one it admits", ["acme", "", "x".repeat(201), "😀".repeat(101), "beta"]],
  ])("documents that differ in their customer (%s) each get their own quote or problems", (_name, customers) => {
    const tencent = cases.find((c) => c.ruleSet.id === "tencent-im")!.ruleSet;
    const docs = proDocuments(customers.length, 11);
    docs.forEach((doc, i) => {
      const billed = { ...doc, customer: customers[i]! };
      expect(quoted(tencent, billed)).toBe(general(tencent, billed));
    });
  });

  it("a quote through a frame shares no object with another quote", () => {
    const tencent = cases.find((c) => c.ruleSet.id === "tencent-im")!.ruleSet;
    const [first, second] = proDocuments(2, 5).map((doc) => quote(tencent, { ...doc, usage: { dau: 1, groups: 1 } }));
    first!.lines[0]!.amount = "0";
    first!.period.month = "changed";
    expect(second!.lines[0]!.amount).not.toBe("0");
    expect(second!.period.month).toBe("2026-10");
  });
});
