import fc from "fast-check";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LIMITS } from "../src/guard/limits.js";
import { loadRuleSet, quote, type RuleSet } from "../src/index.js";
import { HEAVY } from "./timeouts.js";

/**
 * The Decimal context is wide enough for every accepted input: quotes of generated rule sets
 * whose prices, quotas and usage reach the digit limits equal an independent computation in
 * BigInt rationals, line by line, and the total is the sum of the lines.
 */

const INT = LIMITS.integerDigits;
const FRAC = LIMITS.fractionDigits;

/** A decimal as numerator × 10^-exponent. */
interface Exact {
  n: bigint;
  e: number;
}

function exact(text: string): Exact {
  const [whole, fraction = ""] = text.split(".");
  return { n: BigInt(whole! + fraction), e: fraction.length };
}

const pow10 = (k: number) => 10n ** BigInt(k);

/** num/den rounded half-up to 2 decimals, as a string. */
function halfUpCents(num: bigint, den: bigint): string {
  const cents = (2n * num * 100n + den) / (2n * den);
  const text = cents.toString().padStart(3, "0");
  return `${text.slice(0, -2)}.${text.slice(-2)}`;
}

/** A random decimal with up to `int` digits before the point and `frac` after, as text. */
const decimal = (int: number, frac: number, positive = false) =>
  fc
    .tuple(
      fc.bigInt({ min: positive ? 1n : 0n, max: pow10(int) - 1n }),
      fc.bigInt({ min: 0n, max: pow10(frac) - 1n }),
      fc.nat(frac),
    )
    .map(([whole, fraction, places]) =>
      places === 0 ? whole.toString() : `${whole}.${(fraction % pow10(places)).toString().padStart(places, "0")}`,
    );

/** Digits that use the whole width now and then, so the limits themselves are reached. */
const edgy = (int: number, frac: number, positive = false) =>
  fc.oneof(
    decimal(int, frac, positive),
    fc.constant(frac ? `${"9".repeat(int)}.${"9".repeat(frac)}` : "9".repeat(int)),
    decimal(3, Math.min(frac, 2), positive),
  );

interface Prices {
  unitPrice: string;
  per: string;
  blockSize: string;
  blockPrice: string;
  tier1: string;
  tier1Price: string;
  tier2Price: string;
  included: string;
}

const prices: fc.Arbitrary<Prices> = fc.record({
  unitPrice: edgy(INT, FRAC),
  per: edgy(INT, 0, true).filter((p) => exact(p).n > 0n),
  blockSize: edgy(INT, 0, true).filter((p) => exact(p).n > 0n),
  blockPrice: edgy(INT, FRAC),
  tier1: edgy(INT, 0, true).filter((p) => exact(p).n > 0n),
  tier1Price: edgy(INT, FRAC),
  tier2Price: edgy(INT, FRAC),
  included: edgy(INT, 0),
});

const scratch = mkdtempSync(join(tmpdir(), "ratecard-limits-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let made = 0;

/** A rule set with one meter per pricing model, its figures from `p`. */
function ruleSet(p: Prices): RuleSet {
  const dir = join(scratch, String(made++), "edge");
  mkdirSync(join(dir, "modes"), { recursive: true });
  writeFileSync(
    join(dir, "ruleset.yaml"),
    `id: edge\nname: Edge\nmoney: { currency: USD, scale: 2, rounding: half-up, roundAt: line }\nbilling: { cycle: calendar-month, settlement: { days: 3 } }\nmodes: [modes/main.yaml]\nselection: { default: main }\n`,
  );
  writeFileSync(
    join(dir, "modes", "main.yaml"),
    `id: main
name: Main
meters:
  - { id: a, name: A, unit: unit, aggregate: sum, integer: false }
  - { id: b, name: B, unit: unit, aggregate: sum, integer: false }
  - { id: c, name: C, unit: unit, aggregate: sum, integer: false }
editions:
  - { id: only, name: Only, fee: "${p.unitPrice}", default: true, quotas: { a: { included: "${p.included}" } } }
charges:
  - { id: a, name: A, meter: a, price: { model: per-unit, unitPrice: "${p.unitPrice}", per: "${p.per}" } }
  - { id: b, name: B, meter: b, price: { model: block, blockSize: "${p.blockSize}", blockPrice: "${p.blockPrice}" } }
  - id: c
    name: C
    meter: c
    price: { model: graduated, tiers: [{ upTo: "${p.tier1}", unitPrice: "${p.tier1Price}" }, { unitPrice: "${p.tier2Price}" }] }
`,
  );
  return loadRuleSet(dir);
}

/** The expected amount of each line, computed in BigInt rationals. */
function expected(p: Prices, usage: { a: string; b: string; c: string }): Record<string, string> {
  const [a, b, c] = [exact(usage.a), exact(usage.b), exact(usage.c)];
  const included = exact(p.included);
  // Billable a: max(0, a − included), over a common exponent.
  const e = Math.max(a.e, included.e);
  const billableA = a.n * pow10(e - a.e) - included.n * pow10(e - included.e);
  const billable: Exact = { n: billableA > 0n ? billableA : 0n, e };
  const unit = exact(p.unitPrice);
  const per = exact(p.per);
  const perUnit = halfUpCents(billable.n * unit.n * pow10(per.e), per.n * pow10(billable.e + unit.e));
  const size = exact(p.blockSize);
  const blockNum = b.n * pow10(size.e);
  const blockDen = size.n * pow10(b.e);
  const blocks = (blockNum + blockDen - 1n) / blockDen;
  const blockPrice = exact(p.blockPrice);
  const block = halfUpCents(blocks * blockPrice.n, pow10(blockPrice.e));
  const tier1 = exact(p.tier1);
  const t = Math.max(c.e, tier1.e);
  const cn = c.n * pow10(t - c.e);
  const t1 = tier1.n * pow10(t - tier1.e);
  const first = cn < t1 ? cn : t1;
  const rest = cn > t1 ? cn - t1 : 0n;
  const price1 = exact(p.tier1Price);
  const price2 = exact(p.tier2Price);
  const pe = Math.max(price1.e, price2.e);
  const graduatedNum = first * price1.n * pow10(pe - price1.e) + rest * price2.n * pow10(pe - price2.e);
  const graduated = halfUpCents(graduatedNum, pow10(t + pe));
  return { only: halfUpCents(unit.n, pow10(unit.e)), a: perUnit, b: block, c: graduated };
}

describe("limits: every accepted input is priced exactly", () => {
  it(
    "quotes at the digit limits equal a BigInt computation; the total is the sum of the lines (10,000 documents)",
    HEAVY,
    () => {
      let documents = 0;
      fc.assert(
        fc.property(
          prices,
          fc.array(fc.record({ a: edgy(INT, FRAC), b: edgy(INT, FRAC), c: edgy(INT, FRAC) }), {
            minLength: 500,
            maxLength: 500,
          }),
          (p, usages) => {
            const rules = ruleSet(p);
            for (const usage of usages) {
              const q = quote(rules, { ruleset: "edge", period: "2026-10", usage });
              const lines = Object.fromEntries(q.lines.map((line) => [line.id, line.amount]));
              const want = expected(p, usage);
              expect(lines).toEqual(want);
              const sum = Object.values(want).reduce((total, amount) => total + exact(amount).n, 0n);
              expect(exact(q.total).n).toBe(sum);
              documents++;
            }
          },
        ),
        { numRuns: 20, endOnFailure: true },
      );
      expect(documents).toBeGreaterThanOrEqual(10_000);
    },
  );

  it("one digit past a limit is refused, at the limit is accepted", () => {
    const rules = ruleSet({
      unitPrice: "1",
      per: "1",
      blockSize: "1",
      blockPrice: "1",
      tier1: "1",
      tier1Price: "1",
      tier2Price: "1",
      included: "0",
    });
    const usage = (a: string) => ({ ruleset: "edge", period: "2026-10", usage: { a, b: "0", c: "0" } });
    expect(quote(rules, usage("9".repeat(INT))).lines[1]!.amount).toBe(`${"9".repeat(INT)}.00`);
    expect(() => quote(rules, usage(`1${"0".repeat(INT)}`))).toThrow(/above the limit of 24 digits/);
    expect(quote(rules, usage(`0.${"0".repeat(FRAC - 1)}1`)).lines[1]!.quantity).toBe(`0.${"0".repeat(FRAC - 1)}1`);
    expect(() => quote(rules, usage(`0.${"0".repeat(FRAC)}1`))).toThrow(/more than 12 digits after/);
    expect(() => quote(rules, usage("1e9000000000000000"))).toThrow(/above the limit/);
  });

  it("a price per N units is multiplied before it is divided: 1 × 0.015 / 3 = 0.005 rounds half-up to 0.01", () => {
    const rules = ruleSet({
      unitPrice: "0.015",
      per: "3",
      blockSize: "1",
      blockPrice: "1",
      tier1: "1",
      tier1Price: "1",
      tier2Price: "1",
      included: "0",
    });
    const q = quote(rules, { ruleset: "edge", period: "2026-10", usage: { a: "1", b: "0", c: "0" } });
    expect(q.lines.find((line) => line.id === "a")!.amount).toBe("0.01");
  });
});
