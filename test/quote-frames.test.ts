import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateCatalog } from "../bench/catalog.js";
import { proDocuments } from "../bench/documents.js";
import { evaluate } from "../src/evaluate/evaluate.js";
import { quotePath, type QuotePath } from "../src/evaluate/quote-frames.js";
import { exampleFiles } from "../src/examples/run-examples.js";
import {
  loadRuleSet,
  loadRuleSetFromTexts,
  parseUsage,
  quote,
  RatecardError,
  type RuleSet,
  type UsageDocument,
} from "../src/index.js";
import { inMemory } from "../src/load/source-document.js";
import type { QuoteOptions } from "../src/usage/context.js";
import { resolveUsage } from "../src/usage/resolve-usage.js";
import { BUNDLED_DIRS, planOf } from "./helpers.js";
import { inlineRuleSet } from "./inline-yaml.js";
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
    } = parseUsage(readFileSync(file, "utf8"), file).data as Record<string, unknown>;
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

/** How `quote` would price the document now: from a template, through a frame, or by the general evaluator. */
function pathOf(ruleSet: RuleSet, doc: UsageDocument, options: QuoteOptions = {}): QuotePath {
  return quotePath(planOf(ruleSet), inMemory(doc), options);
}

/**
 * The path of a first document of its shape, then (once it is quoted) of a second of the same
 * shape: "template" or "frame" for the second means it is not resolved again. Both quotes (or
 * their problems) are checked against the general evaluator's.
 */
function pathsOf(ruleSet: RuleSet, first: UsageDocument, second: UsageDocument, options: QuoteOptions = {}) {
  const paths = [pathOf(ruleSet, first, options)];
  expect(quoted(ruleSet, first, options)).toBe(general(ruleSet, first, options));
  paths.push(pathOf(ruleSet, second, options));
  expect(quoted(ruleSet, second, options)).toBe(general(ruleSet, second, options));
  return paths;
}

/** The document with every usage number one larger: the same shape, other numbers. */
function plusOne(doc: UsageDocument): UsageDocument {
  const vary = (node: unknown): unknown => {
    if (typeof node === "number") return node + 1;
    if (Array.isArray(node)) return node.map(vary);
    if (typeof node === "object" && node !== null)
      return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, vary(item)]));
    return node;
  };
  return { ...doc, usage: vary(doc.usage) as UsageDocument["usage"] };
}

/**
 * Bundled examples whose second document does not take a template, lean and explained, and why;
 * every other takes one both ways.
 */
const NOT_TEMPLATED: Record<string, [lean: QuotePath, explained: QuotePath, why: string]> = {
  "tencent-im/examples/current-standard.yaml": ["template", "frame", "a charge is rounded: a rounding step"],
  "tencent-im/examples/migrated-app.yaml": ["template", "frame", "a charge is rounded: a rounding step"],
  "tencent-im/examples/current-upgrade-mid-month.yaml": ["template", "frame", "fees by day are rounded"],
  "example-saas/examples/trial-ends-on-the-10th.yaml": ["template", "frame", "a fee by day is rounded"],
  "object-store/examples/flat-rate-egress-allotment.yaml": [
    "template",
    "frame",
    "a charge is rounded: a rounding step",
  ],
  "tencent-im/examples/original-av-call-after-trial.yaml": [
    "frame",
    "frame",
    "an add-on warns (unpriced after its trial)",
  ],
  "example-api/examples/scale-capped.yaml": ["frame", "frame", "a spend cap"],
  "example-api/examples/scale-true-up.yaml": ["frame", "frame", "a minimum spend"],
  "example-api/examples/startup-coupon-credits.yaml": ["frame", "frame", "a coupon and credits"],
  "example-api/examples/team-tokens.yaml": ["frame", "frame", "a fee per seat"],
  "infra-monitor/examples/enterprise-above-commitment.yaml": ["frame", "frame", "a commitment"],
  "infra-monitor/examples/enterprise-annual-above-commitment.yaml": ["frame", "frame", "a commitment"],
  "infra-monitor/examples/enterprise-annual-january.yaml": ["frame", "frame", "a commitment"],
  "infra-monitor/examples/enterprise-below-commitment.yaml": ["frame", "frame", "a commitment"],
  "infra-monitor/examples/pro-agreed-commitment.yaml": ["frame", "frame", "a commitment (agreed)"],
  "infra-monitor/examples/pro-log-spend-limit.yaml": ["frame", "frame", "a spend limit"],
  "object-store/examples/free-tier-ends.yaml": ["template", "frame", "a quota of the first months: a trace step"],
  "object-store/examples/free-tier-small.yaml": ["template", "frame", "a quota of the first months: a trace step"],
  "object-store/examples/reserved-above-commitment.yaml": ["frame", "frame", "a commitment"],
  "object-store/examples/reserved-below-commitment.yaml": ["frame", "frame", "a commitment"],
  "example-api/examples/team-seats.yaml": [
    "general",
    "general",
    "names add-ons whose condition and quantity read seats",
  ],
  "infra-monitor/examples/pro-profiled-containers.yaml": [
    "general",
    "general",
    "names an add-on whose quantity reads hosts",
  ],
  "infra-monitor/examples/pro-profiled-containers-above-allotment.yaml": [
    "general",
    "general",
    "names an add-on whose quantity reads hosts",
  ],
  "tencent-im/examples/original-ultimate-retention-30-refused.yaml": ["general", "general", "refused: no frame"],
  "example-api/examples/sso-needs-seats.yaml": ["general", "general", "refused: no frame"],
  "infra-monitor/examples/pro-hours-short.yaml": ["general", "general", "refused: no frame"],
  "object-store/examples/flat-rate-too-many-keys.yaml": ["general", "general", "refused: no frame"],
};

const bundledPaths = bundledCases.map(({ name, ruleSet, doc }) => {
  const [lean, explained] = NOT_TEMPLATED[`${ruleSet.id}/${name}`] ?? ["template", "template"];
  const dir = BUNDLED_DIRS.find((path) => path.endsWith(`/${ruleSet.id}`))!;
  return [`${ruleSet.id}/${name}`, lean, explained, dir, doc] as const;
});

/** An inline rule set: fee 10, calls at 0.01 each, a support add-on, a coupon of half the total; `edition` adds to the Pro edition, `addons` to the add-ons. */
function inline(edition = "", addons = "", unitPrice = "0.01"): RuleSet {
  return inlineRuleSet(
    "frames",
    `meters:
  - { id: calls, name: Calls, unit: call, aggregate: sum }
  - { id: seats, name: Seats, unit: seat, aggregate: max }
  - { id: regions, name: Regions, unit: call, aggregate: sum, dimensions: [{ id: region, name: Region, values: [eu, us] }], required: false }
editions:
  - { id: basic, name: Basic, fee: 10, default: true }
  - { id: pro, name: Pro, default: false${edition} }
charges:
  - { id: calls, name: Calls, meter: calls, price: { model: per-unit, unitPrice: ${unitPrice} } }
addons:
  - { id: support, name: Support, price: 5 }
${addons}discounts:
  - { id: half, name: Half off, percent: 50, on: total, coupon: true }
`,
  );
}

const doc = (calls: number, extra: Partial<UsageDocument> = {}): UsageDocument => ({
  ruleset: "frames",
  period: "2026-10",
  edition: "pro",
  usage: { calls, seats: 2 },
  addons: { support: true },
  ...extra,
});

describe("which path prices a document: template, frame or general", () => {
  it.each(bundledPaths)("%s: general, then %s lean and %s explained", (_name, lean, explained, dir, first) => {
    const ruleSet = loadRuleSet(dir); // frames of its own
    const second = plusOne(first);
    expect(pathsOf(ruleSet, first, second)).toEqual(["general", lean]);
    expect(pathsOf(ruleSet, first, second, { explain: true })).toEqual(["general", explained]);
  });

  const ADDON_READS_SEATS = `  - id: sso
    name: SSO
    price: 1
    eligible: [{ when: { ">=": [{ var: usage.seats }, 5] }, message: SSO needs 5 seats. }]
`;
  const ADDON_QUANTITY_READS_SEATS = `  - { id: sandbox, name: Sandbox, price: 1, quantity: { unit: sandbox, max: { usage: seats } } }
`;
  const changes = (edition: string) => ({ changes: [{ on: "2026-10-16", edition }] });
  it.each<[string, QuotePath, QuotePath, RuleSet, Partial<UsageDocument>]>([
    ["a fixed fee, charges and add-ons", "template", "template", inline(", fee: 20"), {}],
    ["a free edition", "template", "template", inline(", fee: free"), {}],
    ["an edition with no fee line", "template", "template", inline(", fee: none"), {}],
    ["no add-ons bought", "template", "template", inline(", fee: 20"), { addons: {} }],
    ["a coupon (a discount)", "frame", "frame", inline(", fee: 20"), { coupons: ["half"] }],
    ["credits", "frame", "frame", inline(", fee: 20"), { credits: [{ id: "c", balance: "3" }] }],
    ["a fee per unit of a meter", "frame", "frame", inline(", fee: { unitPrice: 2, per: seats }"), {}],
    ["a minimum spend", "frame", "frame", inline(", fee: 20, minimumSpend: 50"), {}],
    ["a maximum spend", "frame", "frame", inline(", fee: 20, maximumSpend: 80"), {}],
    [
      "a commitment",
      "frame",
      "frame",
      inline(", fee: 20, commitment: { quantity: 50, meter: calls, unitPrice: 0.01 }"),
      {},
    ],
    [
      "a change to an edition with a minimum spend",
      "frame",
      "frame",
      inline(", fee: 20, minimumSpend: 50"),
      { edition: "basic", ...changes("pro") },
    ],
    [
      "a change from an edition with a minimum spend",
      "frame",
      "frame",
      inline(", fee: 20, minimumSpend: 50"),
      changes("basic"),
    ],
    ["a change between fixed editions", "template", "template", inline(", fee: 20"), changes("basic")],
    ["a charge rounded (explained: a rounding step)", "template", "frame", inline(", fee: 20", "", "0.00333"), {}],
    ["a fee rounded (explained: a rounding step)", "template", "frame", inline(", fee: 20.005"), {}],
    [
      "an add-on whose condition reads usage, bought",
      "general",
      "general",
      inline(", fee: 20", ADDON_READS_SEATS),
      { usage: { calls: 100, seats: 6 }, addons: { support: true, sso: true } },
    ],
    [
      "an add-on whose quantity reads usage, bought",
      "general",
      "general",
      inline(", fee: 20", ADDON_QUANTITY_READS_SEATS),
      { addons: { support: true, sandbox: { quantity: 2 } } },
    ],
    [
      "an add-on whose condition reads usage, not bought",
      "template",
      "template",
      inline(", fee: 20", ADDON_READS_SEATS),
      {},
    ],
    [
      "an add-on whose quantity reads usage, not bought",
      "template",
      "template",
      inline(", fee: 20", ADDON_QUANTITY_READS_SEATS),
      {},
    ],
  ])("%s: general, then %s lean and %s explained", (_name, lean, explained, ruleSet, extra) => {
    const [first, second] = [doc(100, extra), doc(2_345, extra)];
    expect(pathsOf(ruleSet, first, second)).toEqual(["general", lean]);
    expect(pathsOf(ruleSet, first, second, { explain: true })).toEqual(["general", explained]);
  });
});

describe("what a frame is kept by: the document but its usage numbers, and the options", () => {
  const ruleSet = inline(", fee: 20");
  const base = doc(100);
  /** A second document or options that a frame of `base` (lean) must not serve. */
  it.each<[string, UsageDocument, QuoteOptions]>([
    ["explained, after a lean quote", base, { explain: true }],
    ["otherModesMeters set, after a quote without it", base, { otherModesMeters: "ignore" }],
    ["another edition", { ...base, edition: "basic" }, {}],
    ["another month", { ...base, period: "2026-11" }, {}],
    ["a list of values where there was one", { ...base, usage: { calls: [100], seats: 2 } }, {}],
    ["a longer list", { ...base, usage: { calls: [1, 2, 3], seats: 2 } }, {}],
    ["the meters in another order", { ...base, usage: { seats: 2, calls: 100 } }, {}],
    ["an app fact true, after false", { ...base, app: { beta: true } }, {}],
    ["an app fact 2, after 1", { ...base, app: { n: 2 } }, {}],
    ["an app fact 'b', after 'a'", { ...base, app: { s: "b" } }, {}],
    [
      "add-ons null (refused), after none",
      { ...base, addons: null as unknown as NonNullable<UsageDocument["addons"]> },
      {},
    ],
    ["an add-on not bought, after bought", { ...base, addons: { support: false } }, {}],
    ["a coupon, after none", { ...base, coupons: ["half"] }, {}],
    [
      "an add-on named coupons (refused), after add-ons then coupons",
      { ...base, addons: { support: true, coupons: [] } as unknown as NonNullable<UsageDocument["addons"]> },
      {},
    ],
    ["a customer id the schema refuses, after one it admits", { ...base, customer: "" }, {}],
    ["a customer that is a number", { ...base, customer: 7 as unknown as string }, {}],
  ])("%s: general", (_name, second, options) => {
    const first: UsageDocument = { ...base };
    if (second.addons && Object.hasOwn(second.addons, "coupons")) first.coupons = []; // the part after the add-ons
    const before: Record<string, string | number | boolean> = { beta: false, n: 1, s: "a" };
    for (const fact in second.app) first.app = { [fact]: before[fact]! };
    if (second.customer !== undefined) first.customer = "acme";
    if (second.addons === null) first.addons = {};
    quoted(ruleSet, first);
    expect(pathOf(ruleSet, first)).toBe("template");
    expect(pathOf(ruleSet, second, options)).toBe("general");
    expect(quoted(ruleSet, second, options)).toBe(general(ruleSet, second, options));
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ["the text '1', after the number 1", { n: 1 }, { n: "1" }],
    ["the text 'true', after true", { b: true }, { b: "true" }],
    ["a fact whose name and value run together as another's", { ab: "c" }, { a: "bc" }],
    ["two facts, after one", { a: 1 }, { a: 1, b: 2 }],
  ])("app facts that are %s: general", (_name, before, after) => {
    const fresh = inline(", fee: 20"); // frames of its own
    const first = { ...base, app: before } as UsageDocument;
    const second = { ...base, app: after } as UsageDocument;
    expect(pathsOf(fresh, first, first)).toEqual(["general", "template"]);
    expect(pathOf(fresh, second)).toBe("general");
    expect(quoted(fresh, second)).toBe(general(fresh, second));
  });

  // Documents of the same values in another structure (mutation survivors of frame-shapes.ts: a
  // key not stepped, an opening token skipped, null read as {}). Each pair is built key by key, in
  // the same order, so that only the structure differs.
  const same = (part: Record<string, unknown>): UsageDocument => ({
    ruleset: "frames",
    period: "2026-10",
    ...part,
    usage: { calls: 1, seats: 2 },
  });
  it.each<[string, UsageDocument, UsageDocument]>([
    [
      "another top-level key with the same value (mode where edition was)",
      same({ edition: "pro" }),
      same({ mode: "pro" }),
    ],
    ["app facts nested where they were flat", same({ app: { a: "b" } }), same({ app: { a: { b: "c" } } })],
    ["a fact's value where the fact was", same({ app: { a: "b" } }), same({ app: "a" })],
    ["app null after app {}", same({ app: {} }), same({ app: null })],
    ["a list of facts where a map keyed 0 was", same({ app: { "0": "a" } }), same({ app: ["a"] })],
  ])("%s: priced as itself", (_name, first, second) => {
    const fresh = inline(", fee: 20"); // frames of its own
    quoted(fresh, first);
    quoted(fresh, first);
    expect(quoted(fresh, second)).toBe(general(fresh, second));
  });

  it.each<[string, UsageDocument, UsageDocument, QuoteOptions]>([
    ["another customer", { ...base, customer: "acme" }, { ...base, customer: "😀".repeat(100) }, {}],
    ["a customer id of one character", { ...base, customer: "acme" }, { ...base, customer: "a" }, {}],
    ["explained, after an explained quote", base, { ...base, usage: { calls: 7, seats: 9 } }, { explain: true }],
    ["the same otherModesMeters", base, doc(5), { otherModesMeters: "refuse" }],
    [
      "the same app facts and changes",
      { ...base, app: { a: true, b: 1.5, c: "x" }, changes: [{ on: "2026-10-16", edition: "basic" }] },
      { ...doc(3), app: { a: true, b: 1.5, c: "x" }, changes: [{ on: "2026-10-16", edition: "basic" }] },
      {},
    ],
  ])("%s: a template", (_name, first, second, options) => {
    quoted(ruleSet, first, options);
    expect(pathOf(ruleSet, second, options)).toBe("template");
    expect(quoted(ruleSet, second, options)).toBe(general(ruleSet, second, options));
  });

  it.each<[string, unknown, QuotePath]>([
    ["a decimal string", "100", "template"],
    ["a list holding a decimal string", [1, "2"], "template"],
    ["-0", -0, "general"],
    ["a list holding -0", [1, -0], "general"],
  ])("a usage value that is %s: general, then as the frame says", (_name, calls, then) => {
    const fresh = inline(", fee: 20"); // frames of its own
    const first = { ...base, usage: { calls, seats: 2 } } as UsageDocument;
    expect(pathsOf(fresh, first, first)).toEqual(["general", then]);
  });

  it.each<[string, Partial<UsageDocument>, QuotePath]>([
    ["a meter with dimensions", { usage: { calls: 1, seats: 2, regions: { eu: 1 } } }, "template"],
    ["an app fact -0", { app: { n: -0 } }, "general"],
  ])("a document with %s: general, then as the frame says", (_name, extra, then) => {
    const fresh = inline(", fee: 20"); // frames of its own
    const first = { ...base, ...extra };
    expect(pathsOf(fresh, first, first)).toEqual(["general", then]);
  });

  it.each<[string, unknown]>([
    ["null", null],
    ["a list", []],
    ["an empty string", ""],
    ["a number", 5],
  ])(
    "usage that is %s is refused as the general evaluator refuses it, after documents with no usage (a template)",
    (_n, usage) => {
      const optional = inlineRuleSet(
        "frames",
        `meters:\n  - { id: calls, name: Calls, unit: call, aggregate: sum, required: false }\neditions:\n  - { id: basic, name: Basic, fee: 10, default: true }\n`,
      );
      const empty: UsageDocument = { ruleset: "frames", period: "2026-10", usage: {} };
      const refused = { ...empty, usage: usage as UsageDocument["usage"] };
      expect(pathsOf(optional, empty, empty)).toEqual(["general", "template"]); // a quote of one fee line
      expect(pathOf(optional, refused)).toBe("general");
      expect(quoted(optional, refused)).toBe(general(optional, refused));
    },
  );
});

describe("documents a frame does not serve", () => {
  const current: UsageDocument = {
    ruleset: "tencent-im",
    period: "2026-10",
    app: { createdAt: "2023-03-15" },
    edition: "standard",
    usage: { mau: 12_000, dau: 5 },
  };

  it.each<[string, UsageDocument, QuoteOptions, QuotePath]>([
    ["a meter of another mode, warned of while resolving: no frame", current, {}, "general"],
    ["a meter of another mode, ignored: a template", current, { otherModesMeters: "ignore" }, "template"],
    [
      "a meter of another mode, refused: no frame, after it was ignored",
      current,
      { otherModesMeters: "refuse" },
      "general",
    ],
    [
      "a migration inside the month, warned of while resolving: no frame",
      { ...current, app: { createdAt: "2021-03-15", migratedAt: "2026-10-10" }, usage: { mau: 12_000 } },
      {},
      "general",
    ],
  ])("%s", (_name, first, options, path) => {
    const tencent = loadRuleSet(BUNDLED_DIRS.find((dir) => dir.endsWith("/tencent-im"))!); // frames of its own
    if (options.otherModesMeters !== "ignore") quoted(tencent, first, { otherModesMeters: "ignore" }); // must not serve it
    const second = { ...first, usage: { ...first.usage, mau: 30_000 } };
    expect(pathsOf(tencent, first, second, options)).toEqual(["general", path]);
  });

  it.each<[string, UsageDocument["usage"]]>([
    ["a negative value", { calls: -1, seats: 2 }],
    ["a fraction of a count", { calls: 1.5, seats: 2 }],
  ])(
    "a document of a framed shape with problems in its meters (%s) is refused as the general evaluator refuses it",
    (_name, usage) => {
      const ruleSet = inline(", fee: 20");
      const first = { ...doc(1), usage: { ...usage, calls: Array.isArray(usage.calls) ? usage.calls : 1 } };
      const second = { ...first, usage, ...(Array.isArray(usage.calls) ? { period: "2026-10" } : {}) };
      expect(pathsOf(ruleSet, first, second)).toEqual(["general", "general"]);
      expect(() => quote(ruleSet, second)).toThrow(RatecardError);
    },
  );
});

describe("frames kept per rule set", () => {
  const shape = (i: number): UsageDocument => ({ ...doc(100), app: { shape: i } });

  it("512 shapes keep their frames; the 513th clears them and keeps its own", HEAVY, () => {
    const ruleSet = inline(", fee: 20");
    for (let i = 0; i < 512; i++) quoted(ruleSet, shape(i));
    expect([0, 1, 511].map((i) => pathOf(ruleSet, shape(i)))).toEqual(["template", "template", "template"]);
    quoted(ruleSet, shape(512));
    expect([0, 511, 512].map((i) => pathOf(ruleSet, shape(i)))).toEqual(["general", "general", "template"]);
  });

  it("a rule set's frames serve no other rule set", () => {
    const [one, other] = [inline(", fee: 20"), inline(", fee: 20")];
    quoted(one, doc(1));
    expect([pathOf(one, doc(2)), pathOf(other, doc(2))]).toEqual(["template", "general"]);
  });
});
