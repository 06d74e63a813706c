import fc from "fast-check";
import jsonLogic from "json-logic-js";
import { describe, expect, it } from "vitest";
import { compileLogic } from "../src/logic/compile-logic.js";
import { LOGIC_OPERATORS } from "../src/logic/operators.js";
import { Decimal } from "../src/money/decimal.js";
import { saasQuote, tencentQuote } from "./helpers.js";

const count = fc.bigInt({ min: 0n, max: 10n ** 18n });
const cents = (amount: string) => new Decimal(amount);

describe("invariants of every quote", () => {
  const editions = [
    { app: { createdAt: "2022-06-01" }, edition: "pro", meters: ["dau", "groups"] },
    { app: { createdAt: "2022-06-01" }, edition: "ultimate", meters: ["dau", "groups"] },
    { app: { createdAt: "2023-06-01" }, edition: "standard", meters: ["mau", "pcc"] },
    { app: { createdAt: "2023-06-01" }, edition: "premium", meters: ["mau", "pcc"] },
  ];

  it("more usage never costs less (Tencent IM, every paid edition)", () => {
    fc.assert(
      fc.property(fc.constantFrom(...editions), count, count, count, count, ({ app, edition, meters }, a, b, extraA, extraB) => {
        const [m1, m2] = meters as [string, string];
        const low = tencentQuote({ app, edition, usage: { [m1]: a.toString(), [m2]: b.toString() } });
        const high = tencentQuote({ app, edition, usage: { [m1]: (a + extraA).toString(), [m2]: (b + extraB).toString() } });
        expect(cents(high.total).gte(cents(low.total))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("more e-mails and seats never cost less (graduated and per-unit charges)", () => {
    fc.assert(
      fc.property(count, count, fc.nat(1000), fc.nat(1000), (emails, more, seats, moreSeats) => {
        const low = saasQuote({ edition: "business", usage: { emails: emails.toString(), seats, storage: 0 } });
        const high = saasQuote({ edition: "business", usage: { emails: (emails + more).toString(), seats: seats + moreSeats, storage: 0 } });
        expect(cents(high.total).gte(cents(low.total))).toBe(true);
      }),
    );
  });

  it("the total is the sum of the lines, at the currency's scale", () => {
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

  it("a block charge is ceil(billable / size) × price, exactly", () => {
    fc.assert(
      fc.property(count, (dau) => {
        const q = tencentQuote({ app: { createdAt: "2022-06-01" }, edition: "pro", usage: { dau: dau.toString(), groups: 0 } });
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
    app: fc.record({ createdAt: fc.constantFrom("2021-01-01", "2022-12-25", "2022-12-26", "2024-05-05"), tier: fc.integer({ min: -2, max: 5 }) }, { requiredKeys: [] }),
    edition: fc.constantFrom("free", "pro", "ultimate", ""),
    addons: fc.dictionary(fc.constantFrom("sso", "audit"), fc.oneof(fc.boolean(), fc.constant({ days: 90 }))),
  });
  const leaf = fc.oneof(
    fc.constantFrom({ var: "edition" }, { var: "app.createdAt" }, { var: "app.tier" }, { var: "addons.sso" }, { var: ["app.missing", "fallback"] }),
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

  it("agrees with json-logic-js, the reference implementation, on the allowed operators", () => {
    fc.assert(
      fc.property(rule, data, (r, d) => {
        expect(compileLogic(r)(d)).toEqual(jsonLogic.apply(r as never, d));
      }),
      { numRuns: 2000 },
    );
  });

  it("allows exactly the operators the schema allows", async () => {
    const common = (await import("../schemas/common.schema.json", { with: { type: "json" } })).default as { $defs: { logic: { oneOf: { propertyNames?: { enum: string[] } }[] } } };
    const allowed = common.$defs.logic.oneOf.find((branch) => branch.propertyNames)!.propertyNames!.enum;
    expect([...allowed].sort()).toEqual([...LOGIC_OPERATORS].sort());
  });
});
