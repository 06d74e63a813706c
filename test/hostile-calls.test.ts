import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compare, loadRuleSet, parseNeed, parseUsage, quote, quoteMonths, RatecardError, recommend, validateRuleSet, type UsageDocument } from "../src/index.js";
import { RULES, saas, tencent, thrownBy } from "./helpers.js";

const doc = { ruleset: "example-saas", period: "2026-10", edition: "business", usage: { emails: 5, seats: 1, storage: 1 } };

/** The codes a call is refused with; fails unless it throws a RatecardError and nothing else. */
function refusedWith(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error, String(error)).toBeInstanceOf(RatecardError);
    return (error as RatecardError).problems.map((p) => p.code);
  }
  throw new Error("the call returned; it should have been refused");
}

const cyclic: Record<string, unknown> = { ...doc };
cyclic.self = cyclic;
const sparse: unknown[] = [];
sparse.length = 2 ** 32 - 1;
/** 30 levels of lists holding the level below twice: 2^30 values to walk, from 30 small objects. */
let shared: unknown = 1;
for (let level = 0; level < 30; level++) shared = [shared, shared];

describe("hostile library calls throw RatecardError and nothing else", () => {
  const any = (value: unknown) => value as UsageDocument;
  const cases: [string, () => unknown, string][] = [
    ["quote(ruleSet, null)", () => quote(saas, any(null)), "api.argument"],
    ["quote(ruleSet, 5)", () => quote(saas, any(5)), "api.argument"],
    ["quote(ruleSet, a list)", () => quote(saas, any([doc])), "api.argument"],
    ["quote(null, doc)", () => quote(any(null) as never, doc), "api.argument"],
    ["quote(a look-alike rule set, doc)", () => quote({ ...saas }, doc), "api.argument"],
    ["a BigInt usage value", () => quote(saas, any({ ...doc, usage: { ...doc.usage, emails: 5n } })), "input.type"],
    ["a cyclic document", () => quote(saas, any(cyclic)), "input.type"],
    ["a list sharing its items 2^30 times over", () => quote(saas, any({ ...doc, app: { shared } })), "input.size"],
    ["a sparse list of 2^32−1 daily values", () => quote(saas, any({ ...doc, usage: { ...doc.usage, seats: sparse } })), "input.size"],
    ["a Map of add-ons", () => quote(saas, any({ ...doc, addons: new Map([["sso", true]]) })), "input.type"],
    ["a Date as the period", () => quote(saas, any({ ...doc, period: new Date() })), "input.type"],
    ["NaN usage", () => quote(saas, any({ ...doc, usage: { ...doc.usage, emails: Number.NaN } })), "input.type"],
    ["a function in the document", () => quote(saas, any({ ...doc, app: { f: () => 1 } })), "input.type"],
    [
      "a getter that throws",
      () =>
        quote(
          saas,
          any(
            Object.defineProperty({ ...doc }, "mode", {
              enumerable: true,
              get: () => {
                throw new Error("boom");
              },
            }),
          ),
        ),
      "input.type",
    ],
    ["months that is not a list", () => quoteMonths(saas, any({ ruleset: "example-saas", months: 5 })), "schema.type"],
    ["an empty forecast with other garbage", () => quoteMonths(saas, any({ ruleset: "example-saas", months: [], junk: 1 })), "schema.unknown-property"],
    ["quote() of a forecast", () => quote(saas, any({ ruleset: "example-saas", months: [{ period: "2026-10", usage: doc.usage }] })), "usage.months"],
    ["compare(ruleSet, null)", () => compare(saas, any(null)), "api.argument"],
    ["compare(null, doc)", () => compare(any(null) as never, doc), "api.argument"],
    ["recommend(ruleSet, null, [])", () => recommend(saas, any(null), []), "api.argument"],
    ["recommend(ruleSet, doc, null)", () => recommend(saas, doc, any(null) as never), "api.argument"],
    ["recommend on an invalid document", () => recommend(saas, any({ ...doc, usage: { emails: "lots" } }), [parseNeed("log-retention-days>=30")]), "usage.value"],
    ["recommend with an unknown need", () => recommend(tencent, { ruleset: "tencent-im", period: "2026-10", usage: { dau: 1, groups: 1 } }, [parseNeed("teleport>=1")]), "usage.need"],
    ["recommend with a need named constructor", () => recommend(tencent, { ruleset: "tencent-im", period: "2026-10", usage: { dau: 1, groups: 1 } }, [parseNeed("constructor>=1")]), "usage.need"],
    ["parseNeed(5)", () => parseNeed(any(5) as never), "api.argument"],
    ["parseNeed of a number too large", () => parseNeed("retention-days>=1e400"), "usage.need"],
    ["parseNeed of 25 digits", () => parseNeed(`retention-days>=${"9".repeat(25)}`), "usage.need"],
    ["parseUsage(5, file)", () => parseUsage(any(5) as never, "x.yaml"), "api.argument"],
    ["parseUsage(text, 5)", () => parseUsage("a: 1", any(5) as never), "api.argument"],
    ["parseUsage of 10 MB", () => parseUsage(`ruleset: example-saas\nx: "${"a".repeat(10_000_000)}"\n`, "big.yaml"), "file.too-large"],
    ["loadRuleSet(5)", () => loadRuleSet(any(5) as never), "api.argument"],
    ["loadRuleSet(null)", () => loadRuleSet(any(null) as never), "api.argument"],
    ["validateRuleSet({})", () => validateRuleSet(any({}) as never), "api.argument"],
    ["loadRuleSet of a file", () => loadRuleSet(join(RULES, "tencent-im", "ruleset.yaml")), "ruleset.not-found"],
  ];

  it.each(cases)("%s", (_, run, code) => {
    expect(refusedWith(run)).toContain(code);
  });

  it("a 1 MB value and a 1 MB key are refused with a short message", () => {
    const value = refusedWith(() => quote(saas, any({ ...doc, app: { note: "x".repeat(1_000_000) } })));
    expect(value).toEqual(["input.size"]);
    for (const input of [
      { ...doc, app: { note: "x".repeat(1_000_000) } },
      { ...doc, usage: { ...doc.usage, ["k".repeat(1_000_000)]: 1 } },
    ]) {
      expect((thrownBy(() => quote(saas, any(input))) as Error).message.length).toBeLessThan(300);
    }
    const key = parseUsage(`ruleset: example-saas\nperiod: 2026-10\nusage: { ${"k".repeat(90_000)}: 1 }\n`, "key.yaml");
    const error = thrownBy(() => quote(saas, key));
    expect(error).toBeInstanceOf(RatecardError);
    expect((error as RatecardError).problems[0]!.message).toMatch(/… \(90,00\d characters\)/);
    expect((error as RatecardError).problems[0]!.code).toBe("schema.size");
    expect((error as Error).message.length).toBeLessThan(400);
  });
});

describe("ids that are names of Object.prototype are ordinary ids, or refused", () => {
  const scratch = mkdtempSync(join(tmpdir(), "ratecard-proto-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("an edition named constructor, a meter valueof and an add-on hasownproperty quote like any other", () => {
    const dir = join(scratch, "proto");
    mkdirSync(join(dir, "modes"), { recursive: true });
    writeFileSync(
      join(dir, "ruleset.yaml"),
      "id: proto\nname: Proto\nmoney: { currency: EUR, scale: 2, rounding: half-up, roundAt: line }\nbilling: { cycle: calendar-month, settlement: { days: 3 } }\nmodes: [modes/main.yaml]\nselection: { default: main }\n",
    );
    writeFileSync(
      join(dir, "modes", "main.yaml"),
      `id: main
name: Main
meters: [{ id: valueof, name: Calls, unit: call, aggregate: sum }]
editions:
  - { id: tostring, name: Basic, fee: free, default: true }
  - { id: constructor, name: Plus, fee: 10, quotas: { valueof: { included: 100 } } }
charges: [{ id: calls, name: Calls, meter: valueof, editions: [constructor], price: { model: per-unit, unitPrice: 0.5 } }]
addons:
  - id: hasownproperty
    name: Support
    editions: { constructor: { price: 3 } }
  - id: gated
    name: Gated
    eligible: { when: { "!!": { var: app.constructor } }, message: Only for apps that state a constructor fact. }
    price: 1
`,
    );
    const rules = loadRuleSet(dir);
    const q = quote(rules, { ruleset: "proto", period: "2026-10", edition: "constructor", usage: { valueof: 110 }, addons: { hasownproperty: true } });
    expect(q.lines.map((l) => [l.id, l.amount])).toEqual([
      ["constructor", "10.00"],
      ["calls", "5.00"],
      ["hasownproperty", "3.00"],
    ]);
    expect(q.warnings).toEqual([]);
    // tostring does not offer the add-on: no prototype member stands in for its offer.
    expect(refusedWith(() => quote(rules, { ruleset: "proto", period: "2026-10", usage: { valueof: 1 }, addons: { hasownproperty: true } }))).toEqual(["usage.addon-not-offered"]);
    expect(refusedWith(() => quote(rules, { ruleset: "proto", period: "2026-10", edition: "__proto__", usage: { valueof: 1 } }))).toEqual(["schema.pattern"]);
    expect(refusedWith(() => quote(rules, { ruleset: "proto", period: "2026-10", edition: "tostring", usage: { valueof: 1 }, addons: { constructor: true } }))).toEqual(["usage.addon"]);
    // Conditions read own data only: app.constructor is not Object's constructor.
    const gated = (app: Record<string, string>) => quote(rules, { ruleset: "proto", period: "2026-10", app, edition: "constructor", usage: { valueof: 0 }, addons: { gated: true } });
    expect(refusedWith(() => gated({}))).toEqual(["usage.addon-not-eligible"]);
    expect(gated({ constructor: "yes" }).total).toBe("11.00");
  });
});

describe("the shape of a document passed in memory", () => {
  it("names a cycle as a cycle, and a shared (acyclic) object is not one", () => {
    expect(() => quote(saas, cyclic as unknown as UsageDocument)).toThrow("refers to itself (a cycle)");
    const twice = { note: "x" };
    // Past the shape check: the schema then refuses objects as app facts.
    expect(refusedWith(() => quote(saas, { ...doc, app: { a: twice, b: twice } } as unknown as UsageDocument))).toEqual(["schema.type", "schema.type"]);
  });

  it("refuses a document past the values limit, naming where it went past", () => {
    const many = Array.from({ length: 9_000 }, () => [1, 2, 3, 4, 5, 6]);
    expect(() => quote(saas, { ...doc, app: { many } } as unknown as UsageDocument)).toThrow(/input\.size {2}app\.many\[\d+\]\[\d\] is past the 50,000 values a document may hold/);
  });
});
