import { Decimal, ZERO } from "../money/decimal.js";
import type { EditionCost, Split, UsageShape } from "./meter-costs.js";
import { lcm, type Piece } from "./usage-pieces.js";

/** Where a cheaper edition starts to cost more than a dearer one, with both costs there. */
export interface Crossing {
  usage: Decimal;
  cheapCost: Decimal;
  dearCost: Decimal;
}

/**
 * A stretch of whole usage on which the difference g = S_cheap − S_dear of two usage shapes lies
 * within `spread` of the line through (from, centre) with slope `slope`; `highest` bounds g from
 * above there. `period` as in Piece.
 */
interface Stretch {
  from: Decimal;
  to: Decimal;
  centre: Decimal;
  slope: Decimal;
  spread: Decimal;
  period: Decimal | undefined;
  highest: Decimal;
}

/** The stretches of a pair of shapes, with the running maximum of their bounds (to skip to the first that can cross a margin). */
interface Difference {
  stretches: Stretch[];
  runningHighest: Decimal[];
  /** The highest bound as a number: to rule out the pairs that are far apart without Decimal arithmetic. */
  near: number;
}

/**
 * Break-even points along one meter: the smallest whole usage at which the cheap edition costs
 * more than the dear one. Editions whose totals are a base plus a usage shape are compared
 * exactly from the shapes' pieces: a pair's difference has one linear form per stretch (give or
 * take the rounding of lines and the steps of blocks), so the first usage above the margin is
 * where the two lines meet, then settled on the few whole usages the rounding leaves open.
 * Editions whose totals are more than that (discounts, spend bounds) are quoted at a list of
 * candidate usages (ascending) and the crossing is bisected between them.
 */
export class BreakEvenSearch {
  private readonly differences = new Map<string, Difference>();
  private quotedPoints: readonly Decimal[] | undefined;

  constructor(private readonly candidates: () => readonly Decimal[]) {}

  find(cheap: EditionCost, dear: EditionCost): Crossing | undefined {
    if (!cheap.split || !dear.split) return this.quoted(cheap, dear);
    const usage = this.firstAbove(cheap.split, dear.split);
    return usage && { usage, cheapCost: cheap.cost(usage)!, dearCost: dear.cost(usage)! };
  }

  /** The first whole usage at which cheap's shape exceeds dear's by more than the difference of their bases. */
  private firstAbove(cheap: Split, dear: Split): Decimal | undefined {
    const margin = dear.base.minus(cheap.base);
    if (cheap.shape === dear.shape) return margin.lt(0) ? ZERO : undefined;
    const difference = this.differenceOf(cheap.shape, dear.shape);
    if (clearlyBelow(cheap.near + difference.near, dear.near)) return undefined;
    const { stretches, runningHighest } = difference;
    let lo = 0;
    let hi = stretches.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (runningHighest[mid]!.gt(margin)) hi = mid;
      else lo = mid + 1;
    }
    for (let k = lo; k < stretches.length; k++) {
      if (!stretches[k]!.highest.gt(margin)) continue;
      const found = crossingIn(stretches[k]!, margin, cheap.shape, dear.shape);
      if (found) return found;
    }
    return undefined;
  }

  private differenceOf(cheap: UsageShape, dear: UsageShape): Difference {
    const key = `${cheap.key}\u0000${dear.key}`;
    let difference = this.differences.get(key);
    if (!difference) this.differences.set(key, (difference = differenceOf(cheap, dear)));
    return difference;
  }

  /** Editions quoted point by point: the first candidate where cheap costs more, bisected down from the last one where it does not. */
  private quoted(cheap: EditionCost, dear: EditionCost): Crossing | undefined {
    const points = (this.quotedPoints ??= this.candidates());
    let below: Decimal | undefined;
    for (const point of points) {
      const a = cheap.cost(point);
      const b = dear.cost(point);
      if (!a || !b) continue;
      if (a.lte(b)) {
        below = point;
        continue;
      }
      let low = below ?? ZERO;
      let high = point;
      while (high.minus(low).gt(1)) {
        const mid = low.plus(high).div(2).floor();
        const ca = cheap.cost(mid);
        const cb = dear.cost(mid);
        if (ca && cb && ca.gt(cb)) high = mid;
        else low = mid;
      }
      return { usage: high, cheapCost: cheap.cost(high)!, dearCost: dear.cost(high)! };
    }
    return undefined;
  }
}

/** The stretches of S_cheap − S_dear over the usage both admit: one per piece of either. */
function differenceOf(cheap: UsageShape, dear: UsageShape): Difference {
  const end = Decimal.min(cheap.end, dear.end);
  const a = cheap.pieces();
  const b = dear.pieces();
  const starts = [...new Map([...a, ...b].filter((p) => p.from.lte(end)).map((p) => [p.from.toFixed(), p.from])).values()].sort((x, y) => x.comparedTo(y));
  let i = 0;
  let j = 0;
  const stretches = starts.map((from, k): Stretch => {
    while (i + 1 < a.length && a[i + 1]!.from.lte(from)) i++;
    while (j + 1 < b.length && b[j + 1]!.from.lte(from)) j++;
    const to = k + 1 < starts.length ? starts[k + 1]!.minus(1) : end;
    const slope = a[i]!.slope.minus(b[j]!.slope);
    const centre = along(a[i]!, from).minus(along(b[j]!, from));
    const spread = a[i]!.spread.plus(b[j]!.spread);
    const period = a[i]!.period && b[j]!.period && lcm(a[i]!.period!, b[j]!.period!);
    const rise = slope.gt(0) ? slope.times(to.minus(from)) : ZERO;
    return { from, to, centre, slope, spread, period, highest: centre.plus(spread).plus(rise) };
  });
  const runningHighest: Decimal[] = [];
  for (const stretch of stretches) runningHighest.push(runningHighest.length && runningHighest.at(-1)!.gt(stretch.highest) ? runningHighest.at(-1)! : stretch.highest);
  return { stretches, runningHighest, near: runningHighest.at(-1)?.toNumber() ?? -Infinity };
}

/** A piece's line at a usage inside it. */
const along = (piece: Piece, usage: Decimal) => piece.value.plus(piece.slope.times(usage.minus(piece.from)));

/**
 * The first whole usage of a stretch at which g exceeds the margin. Where the stretch's line
 * passes the margin ± its spread bounds the answer; the whole usages in between are settled on
 * the shapes' values, each shape only growing inside a stretch: a range whose cheap value at
 * its end minus its dear value at its start is not above the margin holds no crossing.
 */
function crossingIn(stretch: Stretch, margin: Decimal, cheap: UsageShape, dear: UsageShape): Decimal | undefined {
  const { from, to, centre, slope, spread, period } = stretch;
  const need = margin.minus(centre);
  let lo = from;
  let hi = to;
  if (slope.gt(0)) {
    // A unit of slack either side: the quotients of a slope that does not terminate are near, not exact.
    lo = Decimal.max(from, from.plus(need.minus(spread).div(slope).floor()));
    // From where the lower line passes the margin a crossing is certain (at `lo` when it is already past it).
    hi = Decimal.max(lo, Decimal.min(to, from.plus(need.plus(spread).div(slope).floor()).plus(2)));
  } else if (slope.lt(0)) {
    hi = Decimal.min(to, from.plus(need.minus(spread).div(slope).ceil()).plus(1));
  }
  // Not rising, the difference repeats each period lower or level: a crossing is in the first period or nowhere.
  if (period && !slope.gt(0)) hi = Decimal.min(hi, lo.plus(period).minus(1));
  const ranges: [Decimal, Decimal][] = [[lo, hi]];
  while (ranges.length) {
    const [low, high] = ranges.pop()!;
    if (low.gt(high)) continue;
    const dearLow = dear.lines(low)!;
    if (!cheap.lines(high)!.minus(dearLow).gt(margin)) continue;
    if (cheap.lines(low)!.minus(dearLow).gt(margin)) return low;
    const mid = low.plus(high).div(2).floor();
    ranges.push([mid.plus(1), high], [low.plus(1), mid]);
  }
  return undefined;
}

/**
 * Whether a is below b whatever the rounding of the two numbers (each within a few units in the
 * last place of exact sums of Decimals): far apart, the exact comparison is not needed.
 */
function clearlyBelow(a: number, b: number): boolean {
  return a < b - 1e-9 * (Math.abs(a) + Math.abs(b) + 1);
}
