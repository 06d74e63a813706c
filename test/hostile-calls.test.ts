import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { parse } from "yaml";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import * as ratecard from "../src/index.js";
import {
  compare,
  formatProblem,
  loadRuleSet,
  parseNeed,
  parseUsage,
  quote,
  quoteMonths,
  RatecardError,
  recommend,
  renderQuoteTable,
  ruleSetDirFor,
  validateRuleSet,
  type Problem,
  type Quote,
  type UsageDocument,
} from "../src/index.js";
import { RULES, saas, tencent, thrownBy } from "./helpers.js";

const doc = {
  ruleset: "example-saas",
  period: "2026-10",
  edition: "business",
  usage: { emails: 5, seats: 1, storage: 1 },
};

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
    [
      "a sparse list of 2^32−1 daily values",
      () => quote(saas, any({ ...doc, usage: { ...doc.usage, seats: sparse } })),
      "input.size",
    ],
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
    // A program's 0.1 is already a float: a decimal must come as a whole number or as text.
    [
      "a fractional number as a credit balance",
      () => quote(saas, any({ ...doc, credits: [{ id: "grant", balance: 0.1 }] })),
      "schema.invalid",
    ],
    [
      "a float sum as a contract price",
      () => quote(saas, any({ ...doc, overrides: { editions: { business: { fee: 0.1 + 0.2 } } } })),
      "schema.invalid",
    ],
    ["months that is not a list", () => quoteMonths(saas, any({ ruleset: "example-saas", months: 5 })), "schema.type"],
    [
      "an empty forecast with other garbage",
      () => quoteMonths(saas, any({ ruleset: "example-saas", months: [], junk: 1 })),
      "schema.unknown-property",
    ],
    [
      "quote() of a forecast",
      () => quote(saas, any({ ruleset: "example-saas", months: [{ period: "2026-10", usage: doc.usage }] })),
      "usage.months",
    ],
    ["compare(ruleSet, null)", () => compare(saas, any(null)), "api.argument"],
    ["compare(null, doc)", () => compare(any(null) as never, doc), "api.argument"],
    ["recommend(ruleSet, null, [])", () => recommend(saas, any(null), []), "api.argument"],
    ["recommend(ruleSet, doc, null)", () => recommend(saas, doc, any(null) as never), "api.argument"],
    [
      "recommend on an invalid document",
      () => recommend(saas, any({ ...doc, usage: { emails: "lots" } }), [parseNeed("log-retention-days>=30")]),
      "usage.value",
    ],
    [
      "recommend with an unknown need",
      () =>
        recommend(tencent, { ruleset: "tencent-im", period: "2026-10", usage: { dau: 1, groups: 1 } }, [
          parseNeed("teleport>=1"),
        ]),
      "usage.need",
    ],
    [
      "recommend with a need named constructor",
      () =>
        recommend(tencent, { ruleset: "tencent-im", period: "2026-10", usage: { dau: 1, groups: 1 } }, [
          parseNeed("constructor>=1"),
        ]),
      "usage.need",
    ],
    [
      "quote of a credit balance too large for the limits",
      () => quote(saas, { ...doc, credits: [{ id: "grant", balance: 1e30 }] }),
      "usage.value",
    ],
    ["parseNeed(5)", () => parseNeed(any(5) as never), "api.argument"],
    ["parseNeed of a number too large", () => parseNeed("retention-days>=1e400"), "usage.need"],
    ["parseNeed of 25 digits", () => parseNeed(`retention-days>=${"9".repeat(25)}`), "usage.need"],
    ["parseUsage(5, file)", () => parseUsage(any(5) as never, "x.yaml"), "api.argument"],
    ["parseUsage(text, 5)", () => parseUsage("a: 1", any(5) as never), "api.argument"],
    [
      "parseUsage of 10 MB",
      () => parseUsage(`ruleset: example-saas\nx: "${"a".repeat(10_000_000)}"\n`, "big.yaml"),
      "file.too-large",
    ],
    ["loadRuleSet(5)", () => loadRuleSet(any(5) as never), "api.argument"],
    ["loadRuleSet(null)", () => loadRuleSet(any(null) as never), "api.argument"],
    ["validateRuleSet({})", () => validateRuleSet(any({}) as never), "api.argument"],
    ["loadRuleSet of a file", () => loadRuleSet(join(RULES, "tencent-im", "ruleset.yaml")), "ruleset.not-found"],
    ["loadRuleSet of a path with a NUL character", () => loadRuleSet("rules\0x"), "api.argument"],
    ["quote(ruleSet, doc, null)", () => quote(saas, doc, any(null) as never), "api.argument"],
    ["quote options with a throwing getter", () => quote(saas, doc, throwingGetters(["explain"])), "api.argument"],
    ["quote options with a misspelt name", () => quote(saas, doc, { explian: true } as never), "api.argument"],
    [
      "quote options with an unknown otherModesMeters",
      () => quote(saas, doc, { otherModesMeters: "skip" } as never),
      "api.argument",
    ],
    [
      "quoteMonths options that are a proxy throwing on every read",
      () => quoteMonths(saas, doc, throwingProxy()),
      "api.argument",
    ],
    [
      "a parsed-document look-alike whose locate throws",
      () =>
        quote(saas, {
          file: "x",
          data: doc,
          locate: () => {
            throw new TypeError("not a parsed document");
          },
        }),
      "input.type",
    ],
    ["formatProblem(null)", () => formatProblem(any(null) as never), "api.argument"],
    ["formatProblem({})", () => formatProblem({} as Problem), "api.argument"],
    [
      "formatProblem with a source that is not a position",
      () => formatProblem({ code: "internal", message: "m", path: [], source: { file: "f" } } as never),
      "api.argument",
    ],
    ["renderQuoteTable(null)", () => renderQuoteTable(any(null) as never), "api.argument"],
    ["renderQuoteTable({})", () => renderQuoteTable({} as Quote), "api.argument"],
    [
      "renderQuoteTable of a quote missing its lines",
      () => renderQuoteTable({ ...quote(saas, doc), lines: undefined } as never),
      "api.argument",
    ],
    ["ruleSetDirFor(dir, null)", () => ruleSetDirFor(RULES, any(null)), "api.argument"],
    ["ruleSetDirFor of a parsed list", () => ruleSetDirFor(RULES, parseUsage("[1]", "list.yaml")), "schema.type"],
    [
      "recommend with a look-alike need",
      () => recommend(saas, doc, [{ entitlement: "log-retention-days", atLeast: "30" }] as never),
      "api.argument",
    ],
    ["new RatecardError(null)", () => new RatecardError(any(null) as never), "api.argument"],
    ["new RatecardError([{}])", () => new RatecardError([{}] as never), "api.argument"],
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

/** An object whose every named property is a getter that throws. */
function throwingGetters(names: readonly string[]): object {
  const boom = () => {
    throw new Error("a getter that throws");
  };
  return Object.defineProperties({}, Object.fromEntries(names.map((name) => [name, { enumerable: true, get: boom }])));
}

/** A proxy that throws on every read, key listing and prototype lookup. */
function throwingProxy(): object {
  const boom = () => {
    throw new Error("a trap that throws");
  };
  return new Proxy({}, { get: boom, has: boom, ownKeys: boom, getOwnPropertyDescriptor: boom, getPrototypeOf: boom });
}

/** A proxy whose every use throws, even Array.isArray. */
function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable([], {});
  revoke();
  return proxy;
}

describe("every exported function refuses arguments of the wrong kind with a specific code, never internal", () => {
  const rulesDir = join(RULES, "example-saas");
  /** The rule set's files by name, as texts and as parsed data. */
  const ruleTexts = (): Record<string, string> => {
    const root = readFileSync(join(rulesDir, "ruleset.yaml"), "utf8");
    const modes = (parse(root) as { modes: string[] }).modes;
    return Object.fromEntries([
      ["ruleset.yaml", root],
      ...modes.map((file) => [file, readFileSync(join(rulesDir, file), "utf8")]),
    ]);
  };
  const ruleData = () =>
    Object.fromEntries(Object.entries(ruleTexts()).map(([file, text]) => [file, parse(text) as unknown]));
  const problem: Problem = { code: "usage.value", message: "m", path: ["usage", "seats"] };
  const io: ratecard.CliIO = {
    readStdin: async () => "",
    stdinStream: async function* () {},
    stdout: () => {},
    drained: async () => {},
    stderr: () => {},
    interactive: false,
  };
  /** Every name a function above reads from an argument: a getter on each throws. */
  const READ = [
    "ruleset",
    "period",
    "usage",
    "edition",
    "months",
    "data",
    "file",
    "locate",
    "explain",
    "otherModesMeters",
    "code",
    "message",
    "path",
    "source",
    "lines",
    "total",
    "currency",
    "entitlement",
    "atLeast",
    "needs",
    "mode",
    "addons",
    "stdout",
    "stderr",
    "readStdin",
    "stdinStream",
    "drained",
    "interactive",
    "length",
    "0",
  ];
  const HOSTILE: [string, () => unknown][] = [
    ["null", () => null],
    ["undefined", () => undefined],
    ["{}", () => ({})],
    ["a number", () => 42],
    ["a string", () => "not what was asked for"],
    ["a string with a NUL", () => "rules\0"],
    ["a list", () => [1, "two"]],
    ["a proxy that throws on every read", throwingProxy],
    ["an object whose getters throw", () => throwingGetters(READ)],
    ["an object with a null prototype", () => Object.create(null) as object],
    ["a revoked proxy", revokedProxy],
  ];
  /** Each export with arguments it accepts; every argument is replaced by each hostile value in turn. */
  const CALLS: Record<string, { call: (...args: never[]) => unknown; args: () => unknown[] }> = {
    findRuleSets: { call: ratecard.findRuleSets, args: () => [RULES] },
    loadRuleSet: { call: ratecard.loadRuleSet, args: () => [rulesDir] },
    validateRuleSet: { call: ratecard.validateRuleSet, args: () => [rulesDir] },
    loadRuleSetAsync: { call: ratecard.loadRuleSetAsync, args: () => [rulesDir] },
    validateRuleSetAsync: { call: ratecard.validateRuleSetAsync, args: () => [rulesDir] },
    loadRuleSetFromTexts: { call: ratecard.loadRuleSetFromTexts, args: () => [ruleTexts(), { name: "example-saas" }] },
    loadRuleSetFromData: { call: ratecard.loadRuleSetFromData, args: () => [ruleData(), { name: "example-saas" }] },
    parseUsage: { call: ratecard.parseUsage, args: () => ["ruleset: example-saas\n", "usage.yaml"] },
    quote: { call: ratecard.quote, args: () => [saas, doc, { explain: true }] },
    quoteMonths: { call: ratecard.quoteMonths, args: () => [saas, doc, { otherModesMeters: "ignore" }] },
    ruleSetDirFor: { call: ratecard.ruleSetDirFor, args: () => [RULES, doc] },
    formatProblem: { call: ratecard.formatProblem, args: () => [problem] },
    renderQuoteTable: { call: ratecard.renderQuoteTable, args: () => [quote(saas, doc)] },
    compare: { call: ratecard.compare, args: () => [saas, doc] },
    recommend: { call: ratecard.recommend, args: () => [saas, doc, [parseNeed("log-retention-days>=30")]] },
    parseNeed: { call: ratecard.parseNeed, args: () => ["log-retention-days>=30"] },
    runCli: { call: ratecard.runCli, args: () => [["--version"], io] },
    subscriptions: {
      call: ratecard.subscriptions,
      args: () => [saas, { needs: [parseNeed("log-retention-days>=30")], mode: "standard" }],
    },
    entitlements: {
      call: ratecard.entitlements,
      args: () => [saas, { mode: "standard", edition: "business", addons: { sso: true }, usage: { seats: 3 } }],
    },
    RatecardProvider: {
      call: (ruleSet: never, options: never) => new ratecard.RatecardProvider(ruleSet, options),
      args: () => [saas, { mode: "standard" }],
    },
    importPricing2Yaml: {
      call: ratecard.importPricing2Yaml,
      args: () => ["saasName: X\nplans:\n  A: { price: 1, unit: /month }\n", { file: "pricing.yml" }],
    },
    RatecardError: { call: (problems: never) => new RatecardError(problems), args: () => [[problem]] },
  };

  it("the table covers every function the package exports", () => {
    const functions = Object.entries(ratecard)
      .filter(([, value]) => typeof value === "function")
      .map(([name]) => name);
    expect(functions.sort()).toEqual(Object.keys(CALLS).sort());
  });

  const rows = Object.entries(CALLS).flatMap(([name, { call, args }]) =>
    args().flatMap((_, position) =>
      HOSTILE.map(([kind, value]) => ({
        label: `${name}: argument ${position + 1} is ${kind}`,
        call,
        args,
        position,
        value,
      })),
    ),
  );

  it.each(rows)("$label", async ({ call, args, position, value }) => {
    const given = args();
    given[position] = value();
    let outcome: unknown;
    try {
      outcome = await call(...(given as never[]));
    } catch (error) {
      outcome = error;
    }
    if (!(outcome instanceof Error)) return; // data: the argument was one it accepts
    expect(outcome, String(outcome)).toBeInstanceOf(RatecardError);
    const codes = (outcome as RatecardError).problems.map((p) => p.code);
    expect(codes.length).toBeGreaterThan(0);
    expect(codes).not.toContain("internal");
  });

  it("the valid arguments of the table are accepted", async () => {
    for (const [name, { call, args }] of Object.entries(CALLS)) {
      const result = await call(...(args() as never[]));
      expect(result === undefined || (result instanceof Error && name !== "RatecardError"), name).toBe(false);
    }
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
`,
    );
    const rules = loadRuleSet(dir);
    const q = quote(rules, {
      ruleset: "proto",
      period: "2026-10",
      edition: "constructor",
      usage: { valueof: 110 },
      addons: { hasownproperty: true },
    });
    expect(q.lines.map((l) => [l.id, l.amount])).toEqual([
      ["constructor", "10.00"],
      ["calls", "5.00"],
      ["hasownproperty", "3.00"],
    ]);
    expect(q.warnings).toEqual([]);
    // tostring does not offer the add-on: no prototype member stands in for its offer.
    expect(
      refusedWith(() =>
        quote(rules, { ruleset: "proto", period: "2026-10", usage: { valueof: 1 }, addons: { hasownproperty: true } }),
      ),
    ).toEqual(["usage.addon-not-offered"]);
    expect(
      refusedWith(() =>
        quote(rules, { ruleset: "proto", period: "2026-10", edition: "__proto__", usage: { valueof: 1 } }),
      ),
    ).toEqual(["schema.pattern"]);
    expect(
      refusedWith(() =>
        quote(rules, {
          ruleset: "proto",
          period: "2026-10",
          edition: "tostring",
          usage: { valueof: 1 },
          addons: { constructor: true },
        }),
      ),
    ).toEqual(["usage.addon"]);
    // A condition that reads app.constructor is refused: json-logic-js would find Object's constructor there.
    const mode = join(dir, "modes", "main.yaml");
    writeFileSync(
      mode,
      `${readFileSync(mode, "utf8")}  - { id: gated, name: Gated, price: 1, eligible: { when: { "!!": { var: app.constructor } }, message: Gated. } }\n`,
    );
    expect(validateRuleSet(dir).map((p) => p.code)).toEqual(["logic.var"]);
  });
});

describe("the shape of a document passed in memory", () => {
  it("names a cycle as a cycle, and a shared (acyclic) object is not one", () => {
    expect(() => quote(saas, cyclic as unknown as UsageDocument)).toThrow("refers to itself (a cycle)");
    const twice = { note: "x" };
    // Past the shape check: the schema then refuses objects as app facts.
    expect(refusedWith(() => quote(saas, { ...doc, app: { a: twice, b: twice } } as unknown as UsageDocument))).toEqual(
      ["schema.type", "schema.type"],
    );
  });

  it("refuses a document past the values limit, naming where it went past", () => {
    const many = Array.from({ length: 9_000 }, () => [1, 2, 3, 4, 5, 6]);
    expect(() => quote(saas, { ...doc, app: { many } } as unknown as UsageDocument)).toThrow(
      /input\.size {2}app\.many\[\d+\]\[\d\] is past the 50,000 values a document may hold/,
    );
  });
});
