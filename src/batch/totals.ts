import { Decimal, scaledString } from "../money/decimal.js";

/** Sums of amounts per currency, exact, at the decimals of the amounts summed: the batch and bill summaries. */
export class Totals {
  private readonly sums = new Map<string, { sum: Decimal; scale: number }>();

  add(currency: string, amount: string): void {
    const entry = this.sums.get(currency) ?? { sum: new Decimal(0), scale: 0 };
    const point = amount.indexOf(".");
    this.sums.set(currency, {
      sum: entry.sum.plus(amount),
      scale: Math.max(entry.scale, point < 0 ? 0 : amount.length - point - 1),
    });
  }

  /** Adds another set of totals (a chunk's, given as decimal strings). */
  merge(totals: Readonly<Record<string, string>>): void {
    for (const [currency, amount] of Object.entries(totals)) this.add(currency, amount);
  }

  /** Currency → decimal string, currencies in alphabetical order. */
  toJSON(): Record<string, string> {
    return Object.fromEntries(
      [...this.sums]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([currency, { sum, scale }]) => [currency, scaledString(sum, scale)]),
    );
  }
}
