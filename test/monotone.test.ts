import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exampleFiles } from "../src/examples/run-examples.js";
import { loadRuleSet, parseUsage, quote, RatecardError, type UsageDocument } from "../src/index.js";
import { Decimal } from "../src/money/decimal.js";
import type { Plan } from "../src/model/plan.js";
import { BUNDLED, RULES } from "./helpers.js";
import { HEAVY } from "./timeouts.js";

/**
 * More usage never costs less, on every example of every bundled rule set: each example is quoted,
 * then quoted again with some of its usage values raised, and the second total is never below the
 * first. Two rules rightly break it, so their meters are left as they are: volume tiers (every unit
 * at a lower tier's price), and a meter others' allotments are counted per unit of (more data
 * stored brings more free downloads, worth more than the storage costs: found by this test). A raised document the rules
 * refuse (a hard limit passed, an add-on no longer eligible) is skipped: refusing is not billing less.
 * Each raised quote's total is also the sum of its lines.
 */

type Leaf = { meter: string; get(): unknown; set(value: string): void };

/** Every usage value of a document (a month's number, a day's, a cell's), with where it is. */
function leaves(usage: Record<string, unknown>): Leaf[] {
  const found: Leaf[] = [];
  const visit = (meter: string, holder: Record<string, unknown> | unknown[], key: string | number) => {
    const value = (holder as Record<string | number, unknown>)[key];
    if (value !== null && typeof value === "object") {
      for (const inner of Object.keys(value)) visit(meter, value as Record<string, unknown>, inner);
      return;
    }
    found.push({
      meter,
      get: () => (holder as Record<string | number, unknown>)[key],
      set: (raised) => ((holder as Record<string | number, unknown>)[key] = raised),
    });
  };
  for (const meter of Object.keys(usage)) visit(meter, usage, meter);
  return found;
}

/** Meters a volume charge prices, and meters an allotment is counted per unit of, in any mode. */
function heldMeters(plan: Plan): Set<string> {
  const meters = new Set<string>();
  for (const versions of plan.modes.values())
    for (const mode of versions) {
      for (const charge of mode.charges) if (charge.model === "volume") meters.add(charge.meter);
      for (const edition of mode.editions.values())
        for (const quota of [...edition.quotas.values(), ...[...(edition.cellQuotas?.values() ?? [])].flat()])
          if (quota.includedPer) meters.add(quota.includedPer.meter);
    }
  return meters;
}

const cases = BUNDLED.flatMap((id) => {
  const plan = loadRuleSet(join(RULES, id)) as Plan;
  const held = heldMeters(plan);
  return exampleFiles(join(RULES, id)).flatMap((file) => {
    const doc = parseUsage(readFileSync(file, "utf8"), file).data as UsageDocument;
    // Forecasts have months of their own, and examples refused on purpose have no total to compare.
    if (doc.months !== undefined || doc.expect?.error !== undefined) return [];
    return [{ name: `${id}/${file.split("/").at(-1)}`, plan, doc, held }];
  });
});

describe("more usage never costs less, on every bundled example", () => {
  it("has examples of every bundled rule set", () => {
    expect(new Set(cases.map((c) => c.name.split("/")[0])).size).toBe(BUNDLED.length);
  });

  it.each(cases.map((c) => [c.name, c] as const))("%s", HEAVY, (_name, { plan, doc, held }) => {
    const base = quote(plan, doc).total;
    const raisable = leaves(structuredClone(doc.usage) as Record<string, unknown>).filter((l) => !held.has(l.meter));
    if (!raisable.length) return;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(raisable.length - 1), fc.integer({ min: 1, max: 5_000_000 })), {
          minLength: 1,
          maxLength: 6,
        }),
        (raises) => {
          const raised = structuredClone<UsageDocument>(doc);
          const targets = leaves(raised.usage as Record<string, unknown>).filter((l) => !held.has(l.meter));
          for (const [index, by] of raises) {
            const leaf = targets[index]!;
            leaf.set(new Decimal(String(leaf.get())).plus(by).toFixed());
          }
          let priced: ReturnType<typeof quote>;
          try {
            priced = quote(plan, raised);
          } catch (error) {
            if (!(error instanceof RatecardError)) throw error;
            return;
          }
          const total = priced.total;
          expect(new Decimal(total).gte(base), `${JSON.stringify(raises)}: ${total} < ${base}`).toBe(true);
          // Rounded at each line (every bundled rule set), the total is the sum of the lines exactly.
          const sum = priced.lines.reduce((acc, line) => acc.plus(line.amount), new Decimal(0));
          expect(sum.toFixed(plan.money.scale)).toBe(total);
        },
      ),
      { numRuns: 60 },
    );
  });
});
