import { Decimal, ZERO } from "../money/decimal.js";
import { inForceAt, lcm, type Piece } from "./usage-pieces.js";
import type { UsageShape } from "./usage-shape.js";

/** A total that is a base plus a usage shape. */
export interface ShapedTotal {
  base: Decimal;
  /** `base` as a number: to rule out the pairs that are far apart without Decimal arithmetic. */
  near: number;
  shape: UsageShape;
}

/**
 * What a search for a crossing answers: the first whole usage (`at`), none (undefined), or a
 * stretch of usage it gave up on (`unsettled`), where whether the first crossing lies is not known.
 */
export type CrossingAnswer =
  { kind: "at"; usage: Decimal } | { kind: "unsettled"; from: Decimal; to: Decimal } | undefined;

/**
 * Whole usages one pair's search may visit while settling where its lines meet (each visit
 * prices both shapes at one or two usages). The bound: a pair's stretches are one per piece of
 * either shape, so their number is set by the rule file's quotas, tiers and caps, and each is
 * skipped at the cost of one comparison; inside a stretch the line ± its spread leaves a window
 * of about 2·spread ÷ |slope| usages, which the shapes' growth prunes in a few dozen visits
 * when lines are whole cents or blocks (in test/catalog-scale.test.ts's random price lists
 * most searches need under 60, the most seen was 708). Only lines of equal slope whose rounding
 * never repeats leave a window as long as the stretch; those are answered unsettled, not walked
 * usage by usage, so one pair costs at most a few milliseconds.
 */
const MOST_VISITS = 2_000;

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

/** What a search asks: the first usage from `from` on at which cheap's total exceeds dear's (`orEquals`: or equals it). */
export interface CrossingQuery {
  from?: Decimal;
  orEquals?: boolean;
}

/**
 * First crossings of totals that are a base plus a usage shape, computed from the shapes'
 * pieces: a pair's difference has one linear form per stretch (give or take the rounding of
 * lines and the steps of blocks), so the first usage above the margin is where the two lines
 * meet, then settled on the few whole usages the rounding leaves open. The differences of
 * shapes are kept by their keys.
 */
export class Crossings {
  private readonly differences = new Map<string, Difference>();
  /** The most visits one search used: how close the searches come to MOST_VISITS. */
  mostVisits = 0;

  first(cheap: ShapedTotal, dear: ShapedTotal, query: CrossingQuery = {}): CrossingAnswer {
    const from = query.from ?? ZERO;
    const above = query.orEquals ? (g: Decimal, m: Decimal) => g.gte(m) : (g: Decimal, m: Decimal) => g.gt(m);
    if (cheap.shape === dear.shape) {
      // The same usage part: cheap costs more at every usage or at none, by the bases alone.
      if (clearlyBelow(cheap.near, dear.near) || !above(ZERO, dear.base.minus(cheap.base))) return undefined;
      return from.lte(cheap.shape.end) ? { kind: "at", usage: from } : undefined;
    }
    const difference = this.differenceOf(cheap.shape, dear.shape);
    if (clearlyBelow(cheap.near + difference.near, dear.near)) return undefined;
    const margin = dear.base.minus(cheap.base);
    const { stretches, runningHighest } = difference;
    let lo = 0;
    let hi = stretches.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const highest = runningHighest[mid];
      if (highest && above(highest, margin)) hi = mid;
      else lo = mid + 1;
    }
    const search: Search = { margin, above, cheap: cheap.shape, dear: dear.shape, visits: 0 };
    try {
      for (let k = lo; k < stretches.length; k++) {
        const stretch = stretches[k];
        if (!stretch || stretch.to.lt(from) || !above(stretch.highest, margin)) continue;
        const found = crossingIn(stretch, Decimal.max(from, stretch.from), search);
        if (found) return found;
      }
      return undefined;
    } finally {
      this.mostVisits = Math.max(this.mostVisits, search.visits);
    }
  }

  private differenceOf(cheap: UsageShape, dear: UsageShape): Difference {
    const key = `${cheap.key}\u0000${dear.key}`;
    let difference = this.differences.get(key);
    if (!difference) this.differences.set(key, (difference = differenceOf(cheap, dear)));
    return difference;
  }
}

/** One pair's search: the margin g must pass, how, and the visits it has used. */
interface Search {
  margin: Decimal;
  above: (g: Decimal, margin: Decimal) => boolean;
  cheap: UsageShape;
  dear: UsageShape;
  visits: number;
}

/** The stretches of S_cheap − S_dear over the usage both admit: one per piece of either. */
function differenceOf(cheap: UsageShape, dear: UsageShape): Difference {
  const end = Decimal.min(cheap.end, dear.end);
  const a = cheap.pieces();
  const b = dear.pieces();
  const starts = [
    ...new Map([...a, ...b].filter((p) => p.from.lte(end)).map((p) => [p.from.toFixed(), p.from])).values(),
  ].sort((x, y) => x.comparedTo(y));
  const cheapAt = inForceAt(a);
  const dearAt = inForceAt(b);
  const stretches = starts.flatMap((from, k): Stretch[] => {
    const p = cheapAt(from);
    const q = dearAt(from);
    if (!p || !q) return []; // both shapes have a piece from 0 on
    const next = starts[k + 1];
    const to = next ? next.minus(1) : end;
    const slope = p.slope.minus(q.slope);
    const centre = along(p, from).minus(along(q, from));
    const spread = p.spread.plus(q.spread);
    const period = p.period && q.period && lcm(p.period, q.period);
    const rise = slope.gt(0) ? slope.times(to.minus(from)) : ZERO;
    return [{ from, to, centre, slope, spread, period, highest: centre.plus(spread).plus(rise) }];
  });
  const runningHighest: Decimal[] = [];
  let highest: Decimal | undefined;
  for (const stretch of stretches) {
    highest = highest?.gt(stretch.highest) ? highest : stretch.highest;
    runningHighest.push(highest);
  }
  return { stretches, runningHighest, near: highest?.toNumber() ?? -Infinity };
}

/** A piece's line at a usage inside it. */
const along = (piece: Piece, usage: Decimal) => piece.value.plus(piece.slope.times(usage.minus(piece.from)));

/**
 * The first whole usage of a stretch, from `start` on, at which g passes the margin. Where the
 * stretch's line passes the margin ± its spread bounds the answer; the whole usages in between
 * are settled on the shapes' values, each shape only growing inside a stretch: a range whose
 * cheap value at its end minus its dear value at its start does not pass the margin holds no
 * crossing. Past MOST_VISITS visits the range left is answered unsettled.
 */
function crossingIn(stretch: Stretch, start: Decimal, search: Search): CrossingAnswer {
  const { from, to, centre, slope, spread, period } = stretch;
  const { margin, above, cheap, dear } = search;
  const need = margin.minus(centre);
  let lo = start;
  let hi = to;
  if (slope.gt(0)) {
    // A unit of slack either side: the quotients of a slope that does not terminate are near, not exact.
    lo = Decimal.max(start, from.plus(need.minus(spread).div(slope).floor()));
    // From where the lower line passes the margin a crossing is certain (at `lo` when it is already past it).
    hi = Decimal.max(lo, Decimal.min(to, from.plus(need.plus(spread).div(slope).floor()).plus(2)));
  } else if (slope.lt(0)) {
    hi = Decimal.min(to, from.plus(need.minus(spread).div(slope).ceil()).plus(1));
  }
  // Not rising, the difference repeats each period lower or level: a crossing is in the first period or nowhere.
  if (period && !slope.gt(0)) hi = Decimal.min(hi, lo.plus(period).minus(1));
  const ranges: [Decimal, Decimal][] = [[lo, hi]];
  // Every whole usage of a stretch is in 0…end of both shapes.
  for (let range = ranges.pop(); range; range = ranges.pop()) {
    const [low, high] = range;
    if (low.gt(high)) continue;
    if (++search.visits > MOST_VISITS) return { kind: "unsettled", from: low, to: hi };
    const dearLow = dear.sum(low);
    if (!above(cheap.sum(high).minus(dearLow), margin)) continue;
    if (above(cheap.sum(low).minus(dearLow), margin)) return { kind: "at", usage: low };
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
