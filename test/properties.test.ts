import fc from "fast-check";
import jsonLogic from "json-logic-js";
import { describe, expect, it } from "vitest";
import { compileLogic } from "../src/logic/compile-logic.js";
import { LOGIC_OPERATORS } from "../src/logic/operators.js";
import { Decimal, wholeNumber } from "../src/money/decimal.js";
import { compilePrice } from "../src/compile/models/index.js";
import type { MeterPlan, Plan } from "../src/model/plan.js";
import { quote, RatecardError } from "../src/index.js";
import { saasQuote, tencent, tencentQuote, valueOrRefusal } from "./helpers.js";
import { HEAVY } from "./timeouts.js";

const count = fc.bigInt({ min: 0n, max: 10n ** 18n });
const cents = (amount: string) => new Decimal(amount);

describe("invariants of every quote", () => {
  const editions = [
    { app: { createdAt: "2022-06-01" }, edition: "pro", meters: ["dau", "groups"] },
    { app: { createdAt: "2022-06-01" }, edition: "ultimate", meters: ["dau", "groups"] },
    { app: { createdAt: "2023-06-01" }, edition: "standard", meters: ["mau", "pcc"] },
    { app: { createdAt: "2023-06-01" }, edition: "premium", meters: ["mau", "pcc"] },
  ];

  it("more usage never costs less (Tencent IM, every paid edition)", HEAVY, () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...editions),
        count,
        count,
        count,
        count,
        ({ app, edition, meters }, a, b, extraA, extraB) => {
          const [m1, m2] = meters as [string, string];
          const low = tencentQuote({ app, edition, usage: { [m1]: a.toString(), [m2]: b.toString() } });
          const high = tencentQuote({
            app,
            edition,
            usage: { [m1]: (a + extraA).toString(), [m2]: (b + extraB).toString() },
          });
          expect(cents(high.total).gte(cents(low.total))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("more e-mails and seats never cost less (graduated and per-unit charges)", HEAVY, () => {
    fc.assert(
      fc.property(count, count, fc.nat(1000), fc.nat(1000), (emails, more, seats, moreSeats) => {
        const low = saasQuote({ edition: "business", usage: { emails: emails.toString(), seats, storage: 0 } });
        const high = saasQuote({
          edition: "business",
          usage: { emails: (emails + more).toString(), seats: seats + moreSeats, storage: 0 },
        });
        expect(cents(high.total).gte(cents(low.total))).toBe(true);
      }),
    );
  });

  it("the total is the sum of the lines, at the currency's scale", HEAVY, () => {
    fc.assert(
      fc.property(fc.constantFrom(...editions), count, count, ({ app, edition, meters }, a, b) => {
        const [m1, m2] = meters as [string, string];
        const q = tencentQuote({ app, edition, usage: { [m1]: a.toString(), [m2]: b.toString() } });
        const sum = q.lines.reduce((total, line) => total.plus(line.amount), new Decimal(0));
        expect(q.total).toBe(sum.toFixed(2));
        for (const line of q.lines) expect(line.amount).toMatch(/^\d+\.\d{2}$/);
      }),
    );
  });

  it("words change nothing: a lean quote is the explained one without explanations and trace", HEAVY, () => {
    const series = fc.array(fc.nat(2_000_000), { minLength: 1, maxLength: 31 });
    const value = fc.oneof(count.map(String), fc.nat(2_000_000), series);
    const addons = fc.record({
      "group-members": fc.boolean(),
      "message-retention": fc.constantFrom(false, { days: 90 }),
      "av-call": fc.constantFrom(false, { activatedAt: "2026-09-20" }),
    });
    fc.assert(
      fc.property(
        fc.constantFrom(...editions.slice(0, 2)),
        value,
        value,
        addons,
        ({ app, edition }, dau, groups, bought) => {
          const doc = {
            ruleset: "tencent-im",
            period: "2026-10",
            app,
            edition,
            usage: { dau, groups },
            addons: bought,
          };
          const explained = quote(tencent, doc, { explain: true });
          const lean = quote(tencent, doc);
          expect(lean.trace).toBeUndefined();
          expect(explained.trace!.length).toBeGreaterThan(0);
          expect(lean).toEqual({
            ...explained,
            trace: undefined,
            lines: explained.lines.map(({ explanation, ...line }) => (expect(explanation).toBeTruthy(), line)),
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it("a block charge is ceil(billable / size) × price, exactly", HEAVY, () => {
    fc.assert(
      fc.property(count, (dau) => {
        const q = tencentQuote({
          app: { createdAt: "2022-06-01" },
          edition: "pro",
          usage: { dau: dau.toString(), groups: 0 },
        });
        const billable = dau > 10_000n ? dau - 10_000n : 0n;
        const blocks = (billable + 9_999n) / 10_000n;
        const line = q.lines.find((l) => l.id === "dau-overage")!;
        expect(line.quantity).toBe(blocks.toString());
        expect(line.amount).toBe(new Decimal(blocks.toString()).mul("449.99").toFixed(2));
      }),
    );
  });
});

describe("compiled JSON Logic", () => {
  const data = fc.record({
    app: fc.record(
      {
        createdAt: fc.constantFrom("2021-01-01", "2022-12-25", "2022-12-26", "2024-05-05"),
        tier: fc.integer({ min: -2, max: 5 }),
      },
      { requiredKeys: [] },
    ),
    edition: fc.constantFrom("free", "pro", "ultimate", ""),
    addons: fc.dictionary(fc.constantFrom("sso", "audit"), fc.oneof(fc.boolean(), fc.constant({ days: 90 }))),
  });
  const leaf = fc.oneof(
    fc.constantFrom(
      { var: "edition" },
      { var: "app.createdAt" },
      { var: "app.tier" },
      { var: "addons.sso" },
      { var: ["app.missing", "fallback"] },
    ),
    fc.constantFrom("pro", "2022-12-26", 0, 3, true, false, null, ["pro", "ultimate"]),
  );
  const rule = fc.letrec<{ rule: unknown }>((tie) => ({
    rule: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      leaf,
      fc.record({ "==": fc.tuple(tie("rule"), tie("rule")) }),
      fc.record({ "!==": fc.tuple(tie("rule"), tie("rule")) }),
      fc.record({ "<": fc.tuple(tie("rule"), tie("rule")) }),
      fc.record({ ">=": fc.tuple(tie("rule"), tie("rule")) }),
      fc.record({ "<=": fc.tuple(tie("rule"), tie("rule"), tie("rule")) }),
      fc.record({ and: fc.array(tie("rule"), { minLength: 1, maxLength: 3 }) }),
      fc.record({ or: fc.array(tie("rule"), { minLength: 1, maxLength: 3 }) }),
      fc.record({ "!": tie("rule") }),
      fc.record({ "!!": fc.tuple(tie("rule")) }),
      fc.record({ if: fc.array(tie("rule"), { minLength: 1, maxLength: 5 }) }),
      fc.record({ in: fc.tuple(tie("rule"), fc.constantFrom(["pro", "ultimate"], "professional")) }),
      fc.record({ missing: fc.constantFrom(["app.createdAt"], ["edition", "app.tier"]) }),
    ),
  })).rule;

  it("agrees with json-logic-js, the reference implementation, on the allowed operators", HEAVY, () => {
    fc.assert(
      fc.property(rule, data, (r, d) => {
        expect(compileLogic(r)(d)).toEqual(jsonLogic.apply(r as never, d));
      }),
      { numRuns: 2000 },
    );
  });

  it("allows exactly the operators the schema allows", async () => {
    const common = (await import("../schemas/common.schema.json", { with: { type: "json" } })).default as {
      $defs: { logicOperator: { enum: string[] } };
    };
    expect([...common.$defs.logicOperator.enum].sort()).toEqual([...LOGIC_OPERATORS].sort());
  });
});

describe("bad input never crashes", () => {
  const value = fc.oneof(
    fc.anything(),
    fc.constantFrom(
      "2026-10",
      "pro",
      "original",
      "current",
      "-1",
      "1e400",
      "0x10",
      "NaN",
      [1, -1],
      { days: 90 },
      { activatedAt: "2026-13-01" },
    ),
  );
  const key = fc.constantFrom("ruleset", "period", "app", "mode", "edition", "usage", "addons", "extra");
  const inner = fc.constantFrom(
    "dau",
    "groups",
    "mau",
    "pcc",
    "message-retention",
    "av-call",
    "createdAt",
    "migratedAt",
    "days",
  );

  it("quote() returns a quote or throws a RatecardError with problems, whatever the document", HEAVY, () => {
    const base = {
      ruleset: "tencent-im",
      period: "2026-10",
      app: { createdAt: "2022-06-01" },
      edition: "pro",
      usage: { dau: 1, groups: 1 },
      addons: {},
    };
    fc.assert(
      fc.property(key, fc.option(inner, { nil: undefined }), value, (k, sub, v) => {
        const doc: Record<string, unknown> = structuredClone(base);
        if (sub && doc[k] && typeof doc[k] === "object") (doc[k] as Record<string, unknown>)[sub] = v;
        else doc[k] = v;
        const outcome = valueOrRefusal(() => tencentQuote(doc).total);
        expect(
          outcome instanceof RatecardError ? outcome.problems.length > 0 : /^\d+\.\d{2}$/.test(outcome),
          String(outcome),
        ).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("bad rules never crash the loader", () => {
  it("loadRuleSet() returns a rule set or throws a RatecardError, whatever a mode file holds", HEAVY, async () => {
    const { cpSync, mkdtempSync, readFileSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const YAML = await import("yaml");
    const { loadRuleSet } = await import("../src/index.js");
    const { RULES } = await import("./helpers.js");
    const dir = join(mkdtempSync(join(tmpdir(), "ratecard-fuzz-")), "example-saas");
    cpSync(join(RULES, "example-saas"), dir, { recursive: true });
    const modeFile = join(dir, "modes", "standard.yaml");
    const original = YAML.parse(readFileSync(modeFile, "utf8"));
    const paths = [
      ["editions", 0, "fee"],
      ["editions", 1, "quotas"],
      ["charges", 0, "price"],
      ["charges", 0, "price", "tiers", 1],
      ["charges", 1, "meter"],
      ["addons", 1, "eligible", "when"],
      ["addons", 0, "editions"],
      ["meters", 0],
      ["editions", 0, "default"],
      ["charges", 3, "price", "then"],
      ["selection"],
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...paths),
        fc.oneof(
          fc.anything(),
          fc.constantFrom({ var: "edition" }, { model: "block" }, { upTo: 1 }, "free", -1, "1e999"),
        ),
        (path, value) => {
          const doc = structuredClone(original);
          let node = doc;
          for (const part of path.slice(0, -1)) node = node?.[part] ?? {};
          node[path.at(-1)!] = value;
          writeFileSync(modeFile, YAML.stringify(doc));
          const outcome = valueOrRefusal(() => loadRuleSet(dir) as Plan);
          expect(
            outcome instanceof RatecardError ? outcome.problems.length > 0 : outcome.modes.size > 0,
            outcome instanceof RatecardError ? outcome.message : "loaded",
          ).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("whole numbers taken off the Decimal path", () => {
  it("wholeNumber is the value for whole numbers below 10^15, undefined for anything else", HEAVY, () => {
    const scaled = fc.tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.nat(6));
    fc.assert(
      fc.property(scaled, ([digits, places]) => {
        const value = new Decimal(`${digits}e-${places}`);
        const expected = value.isInteger() && value.abs().lt("1e15") ? value.toNumber() : undefined;
        expect(wholeNumber(value)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
    for (const edge of ["0", "9999999", "10000000", "999999999999999", "100000000000000"])
      expect(wholeNumber(new Decimal(edge))).toBe(Number(edge));
    for (const edge of ["1e15", "0.5", "123456789012345.5"]) expect(wholeNumber(new Decimal(edge))).toBeUndefined();
  });

  it("block counts equal the exact ceiling of quantity ÷ block size, whole or not, small or huge", HEAVY, () => {
    const meter = { unit: "call", plural: "calls" } as MeterPlan;
    const quantity = fc
      .oneof(fc.bigInt({ min: 0n, max: 10n ** 16n }), fc.bigInt({ min: 0n, max: 10n ** 24n }))
      .chain((whole) => fc.constantFrom(`${whole}`, `${whole}.5`, `${whole}.000000000001`));
    const size = fc.oneof(
      fc.bigInt({ min: 1n, max: 10n ** 15n }).map(String),
      fc.constantFrom("0.5", "1", "3", "7", "10000", "100000", "999999999999999", "1000000000000000", "0.000000000001"),
    );
    fc.assert(
      fc.property(quantity, size, (raw, blockSize) => {
        const billable = new Decimal(raw);
        const priced = compilePrice({ model: "block", blockSize, blockPrice: "1" })(billable, {
          meter,
          scale: 2,
        } as never);
        expect(priced.quantity.toFixed()).toBe(billable.div(blockSize).ceil().toFixed());
      }),
      { numRuns: 3000 },
    );
  });
});
