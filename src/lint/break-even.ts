import { Decimal } from "../money/decimal.js";
import type { EditionCost, UsageShape } from "./meter-costs.js";

/** Where a cheaper edition starts to cost more than a dearer one, with both costs there. */
export interface Crossing {
  usage: Decimal;
  cheapCost: Decimal;
  dearCost: Decimal;
}

/** The usage levels where `h` reaches a new high: (point index, value, value as a number), values rising. */
type Records = { index: number; value: Decimal; near: number }[];

/**
 * Break-even points along one meter, over a fixed list of candidate usage levels (ascending).
 * The answer is the one a scan of the candidates followed by a bisection between the last
 * candidate below and the first one above gives: the smallest whole usage there at which the
 * cheap edition costs more. Editions whose totals split into a base plus a shared usage part
 * are compared without pricing each pair at each point: the usage parts are priced once per
 * shape, and for each pair of shapes the running maximum of their difference is kept, so a
 * pair's first crossing is a binary search for its difference of bases.
 */
export class BreakEvenSearch {
  private readonly shapeValues = new Map<UsageShape, (Decimal | undefined)[]>();
  private readonly editionValues = new Map<EditionCost, (Decimal | undefined)[]>();
  private readonly records = new Map<string, Records>();

  constructor(private readonly points: readonly Decimal[]) {}

  find(cheap: EditionCost, dear: EditionCost): Crossing | undefined {
    const first = this.firstAbove(cheap, dear);
    if (first === undefined) return undefined;
    let below: Decimal | undefined;
    for (let k = first - 1; k >= 0 && !below; k--) if (this.at(cheap, k) && this.at(dear, k)) below = this.points[k];
    let low = below ?? new Decimal(0);
    let high = this.points[first];
    if (!high) return undefined;
    while (high.minus(low).gt(1)) {
      const mid = low.plus(high).div(2).floor();
      const a = cheap.cost(mid);
      const b = dear.cost(mid);
      if (a && b && a.gt(b)) high = mid;
      else low = mid;
    }
    const cheapCost = cheap.cost(high);
    const dearCost = dear.cost(high);
    // Both are known at a crossing: at the candidate found first, and wherever bisection moved `high`.
    return cheapCost && dearCost ? { usage: high, cheapCost, dearCost } : undefined;
  }

  /** The first candidate at which both costs are known and the cheap one is higher. */
  private firstAbove(cheap: EditionCost, dear: EditionCost): number | undefined {
    if (cheap.split && dear.split) {
      const records = this.recordsOf(cheap.split.shape, dear.split.shape);
      const top = records.at(-1);
      if (!top || clearlyBelow(cheap.split.near + top.near, dear.split.near)) return undefined;
      const margin = dear.split.base.minus(cheap.split.base);
      let lo = 0;
      let hi = records.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (records[mid]?.value.gt(margin)) hi = mid;
        else lo = mid + 1;
      }
      return records[lo]?.index;
    }
    for (let k = 0; k < this.points.length; k++) {
      const a = this.at(cheap, k);
      const b = this.at(dear, k);
      if (a && b && a.gt(b)) return k;
    }
    return undefined;
  }

  /** New highs of (cheap shape − dear shape) over the points where both are known. */
  private recordsOf(cheap: UsageShape, dear: UsageShape): Records {
    const key = `${cheap.key}\u0000${dear.key}`;
    let records = this.records.get(key);
    if (records) return records;
    records = [];
    if (cheap === dear) {
      // The same usage part: the difference is zero wherever it is known, from zero usage on.
      const [zero] = this.points;
      if (zero && cheap.lines(zero)) records.push({ index: 0, value: new Decimal(0), near: 0 });
      this.records.set(key, records);
      return records;
    }
    const a = this.valuesOf(cheap);
    const b = this.valuesOf(dear);
    for (let k = 0; k < this.points.length; k++) {
      const [cheapLines, dearLines] = [a[k], b[k]];
      if (!cheapLines || !dearLines) continue;
      const value = cheapLines.minus(dearLines);
      const top = records.at(-1);
      if (!top || value.gt(top.value)) records.push({ index: k, value, near: value.toNumber() });
    }
    this.records.set(key, records);
    return records;
  }

  private valuesOf(shape: UsageShape): (Decimal | undefined)[] {
    let values = this.shapeValues.get(shape);
    if (!values) this.shapeValues.set(shape, (values = this.points.map((point) => shape.lines(point))));
    return values;
  }

  /** An edition's cost at the k-th candidate. */
  private at(edition: EditionCost, k: number): Decimal | undefined {
    if (edition.split) {
      const lines = this.valuesOf(edition.split.shape)[k];
      return lines && edition.split.base.plus(lines);
    }
    let values = this.editionValues.get(edition);
    if (!values) this.editionValues.set(edition, (values = this.points.map((point) => edition.cost(point))));
    return values[k];
  }
}

/**
 * Whether a is below b whatever the rounding of the two numbers (each within a few units in the
 * last place of exact sums of Decimals): far apart, the exact comparison is not needed.
 */
function clearlyBelow(a: number, b: number): boolean {
  return a < b - 1e-9 * (Math.abs(a) + Math.abs(b) + 1);
}
