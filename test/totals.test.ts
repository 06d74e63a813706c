import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Totals } from "../src/batch/totals.js";
import { Decimal, scaledString } from "../src/money/decimal.js";

/** The sums the way Totals summed before it counted units: one Decimal addition per amount, shown at the most decimals seen. */
function byDecimal(amounts: [string, string][]): Record<string, string> {
  const sums = new Map<string, { sum: Decimal; scale: number }>();
  for (const [currency, amount] of amounts) {
    const entry = sums.get(currency) ?? { sum: new Decimal(0), scale: 0 };
    const point = amount.indexOf(".");
    sums.set(currency, {
      sum: entry.sum.plus(amount),
      scale: Math.max(entry.scale, point < 0 ? 0 : amount.length - point - 1),
    });
  }
  return Object.fromEntries(
    [...sums].sort(([a], [b]) => (a < b ? -1 : 1)).map(([c, { sum, scale }]) => [c, scaledString(sum, scale)]),
  );
}

function totalsOf(amounts: [string, string][]): Record<string, string> {
  const totals = new Totals();
  for (const [currency, amount] of amounts) totals.add(currency, amount);
  return totals.toJSON();
}

const amount = fc.oneof(
  // Quote totals: whole digits and a currency's decimals, past 2^53 units now and then.
  fc
    .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.integer({ min: 0, max: 4 }))
    .map(([negative, digits, places]) => {
      const text = digits.toString().padStart(places + 1, "0");
      const shown = places ? `${text.slice(0, -places)}.${text.slice(-places)}` : text;
      return `${negative ? "-" : ""}${shown}`;
    }),
  fc.constantFrom("9007199254740991", "9007199254740.99", "-0.00", "0", ".5", "1e3", "12.", "+4.5", "-"),
);

describe("Totals", () => {
  it("sums exactly what one Decimal addition per amount sums, in any currency, scale and magnitude", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom("USD", "EUR", "JPY"), amount), { maxLength: 60 }), (amounts) => {
        const valid = amounts.filter(([, text]) => {
          try {
            new Decimal(text);
            return true;
          } catch {
            return false;
          }
        });
        expect(totalsOf(valid)).toEqual(byDecimal(valid));
      }),
      { numRuns: 2_000 },
    );
  });

  it.each([
    ["the largest exact sum of units", ["9007199254740991", "1"], "9007199254740992"],
    ["units of different decimals", ["1.5", "2.25", "3"], "6.75"],
    ["a chunk's totals merged", ["0.10", "0.20"], "0.30"],
  ])("%s", (_name, amounts, total) => {
    const totals = new Totals();
    totals.merge({ USD: amounts[0]! });
    for (const more of amounts.slice(1)) totals.add("USD", more);
    expect(totals.toJSON()).toEqual({ USD: total });
  });
});
