import type { Period } from "../calendar/period.js";
import { priceDocOf } from "../compile/models/index.js";
import { compileTiers } from "../compile/models/tiers.js";
import { Decimal, ONE, ZERO } from "../money/decimal.js";
import type { PriceDoc } from "../model/document.js";
import type { ChargePlan, Pricer } from "../model/plan.js";

/**
 * A stretch of whole usage [from, to] on which a sum of rounded charge lines S stays within
 * `spread` of a line: |S(u) − value − slope·(u − from)| ≤ spread, `value` being S(from). A spread
 * of 0 means S is exactly that line there. `period` (when known and small) is a length P with
 * S(u + P) − S(u) = slope·P inside the stretch: the rounding and block effects repeat.
 */
export interface Piece {
  from: Decimal;
  to: Decimal;
  value: Decimal;
  slope: Decimal;
  spread: Decimal;
  period: Decimal | undefined;
}

/** One charge line on a meter, as the shape of its amount along usage needs it. */
export interface LineTerms {
  charge: ChargePlan;
  price: Pricer;
  included: Decimal;
  /** The line's amount at a usage, before its cap and rounding. */
  raw: (usage: Decimal) => Decimal;
}

/** A line's own stretch: where it is constant, linear, or a staircase of blocks. */
interface LinePiece {
  from: Decimal;
  slope: Decimal;
  spread: Decimal;
  period: Decimal | undefined;
}

/** Periods above this are not worth walking: the stretch is searched as a whole. */
const MOST_PERIOD = new Decimal(1_000_000);

/**
 * The pieces of a sum of rounded lines over whole usage 0…end. `total` is the sum itself (as
 * the shape prices it); pieces start at 0, at each quota, tier edge and spend bound of a line
 * and where a line reaches its cap, and inside one every line has a single form.
 */
export function pieces(
  lines: readonly LineTerms[],
  total: (usage: Decimal) => Decimal,
  end: Decimal,
  period: Period,
  scale: number,
): Piece[] {
  const unit = new Decimal(10).pow(-scale);
  const perLine = lines.map((line) => linePieces(line, end, period, scale, unit));
  const starts = [
    ...new Map([ZERO, ...perLine.flat().map((piece) => piece.from)].map((from) => [from.toFixed(), from])).values(),
  ].sort((a, b) => a.comparedTo(b));
  const inForce = perLine.map((own) => inForceAt(own));
  return starts.map((from, k) => {
    let slope = ZERO;
    let spread = ZERO;
    let repeat: Decimal | undefined = ONE;
    inForce.forEach((pieceAt) => {
      const piece = pieceAt(from);
      if (!piece) return; // a line has a piece from 0 on: none only past the end
      slope = slope.plus(piece.slope);
      spread = spread.plus(piece.spread);
      repeat = repeat && piece.period && lcm(repeat, piece.period);
      if (repeat?.gt(MOST_PERIOD)) repeat = undefined;
    });
    const next = starts[k + 1];
    const to = next ? next.minus(1) : end;
    return { from, to, value: total(from), slope, spread, period: repeat };
  });
}

/**
 * The piece in force at each of a run of ascending usages: the first piece, or the last one
 * starting at or before the usage.
 */
export function inForceAt<T extends { from: Decimal }>(pieces: readonly T[]): (usage: Decimal) => T | undefined {
  let current = pieces[0];
  let k = 1;
  return (usage) => {
    for (let next = pieces[k]; next?.from.lte(usage); next = pieces[++k]) current = next;
    return current;
  };
}

/** A line's pieces over 0…end: constant up to its quota, then by its model's form, constant again from its cap on. */
function linePieces(line: LineTerms, end: Decimal, period: Period, scale: number, unit: Decimal): LinePiece[] {
  const doc = resolved(priceDocOf(line.price), period);
  if (!doc) return [constant(ZERO)]; // unpriced or free this month: nothing, whatever the usage
  const starts = [ZERO, ...thresholds(doc, line.included).map((t) => t.floor().plus(1))].filter(
    (s) => s.gte(0) && s.lte(end),
  );
  const sorted = [...new Map(starts.map((s) => [s.toFixed(), s])).values()].sort((a, b) => a.comparedTo(b));
  const cap = line.charge.cap;
  const result: LinePiece[] = [];
  sorted.forEach((from, k) => {
    const next = sorted[k + 1];
    const to = next ? next.minus(1) : end;
    // Inside a piece the amount only grows: capped from the first usage at which it reaches the cap.
    if (cap && line.raw(from).gte(cap)) return result.push(constant(from));
    result.push(from.lte(line.included) ? constant(from) : form(doc, line, from, to, scale, unit));
    if (cap && line.raw(to).gte(cap)) result.push(constant(capPoint(doc, line, from, to, cap)));
  });
  return result;
}

const constant = (from: Decimal): LinePiece => ({ from, slope: ZERO, spread: ZERO, period: ONE });

/** The price that applies in the month: a free offer is nothing until it ends, then its later price (none: nothing). */
function resolved(doc: PriceDoc | undefined, period: Period): PriceDoc | undefined {
  if (doc?.model !== "free") return doc;
  return doc.until && doc.until <= period.from ? resolved(doc.then, period) : undefined;
}

/** The usage levels t at which a line's form may change for usage above t. */
function thresholds(doc: PriceDoc, included: Decimal): Decimal[] {
  const edges = (tiers: Parameters<typeof compileTiers>[0], onTotal: boolean) =>
    compileTiers(tiers).flatMap((tier) => (tier.upTo ? [onTotal ? tier.upTo : included.plus(tier.upTo)] : []));
  switch (doc.model) {
    case "graduated":
    case "volume":
      return [included, ...edges(doc.tiers, doc.on === "total")];
    case "percentage": {
      const rate = new Decimal(doc.percent).div(100);
      const bounds = [doc.minimum, doc.maximum].flatMap((bound) =>
        bound === undefined || rate.isZero() ? [] : [included.plus(new Decimal(bound).div(rate))],
      );
      return [included, ...bounds];
    }
    default:
      return [included];
  }
}

/** A line's form on usage from…to above its quota, before its cap. */
function form(doc: PriceDoc, line: LineTerms, from: Decimal, to: Decimal, scale: number, unit: Decimal): LinePiece {
  if (doc.model === "block") {
    const price = new Decimal(doc.blockPrice);
    const size = new Decimal(doc.blockSize);
    const exact = price.decimalPlaces() <= scale;
    return {
      from,
      slope: price.div(size),
      spread: exact ? price : price.plus(unit.times(2)),
      period: blockPeriod(price, size, scale),
    };
  }
  const first = line.raw(from);
  const slope = to.gt(from) ? line.raw(to).minus(first).div(to.minus(from)) : ZERO;
  if (slope.isZero()) return constant(from);
  const exact = slope.decimalPlaces() <= scale && first.decimalPlaces() <= scale;
  return { from, slope, spread: exact ? ZERO : unit.times(2), period: exact ? ONE : rationalPeriod(slope, scale) };
}

/** The first usage in from…to (above the quota) at which the amount reaches the cap, which it does at `to`. */
function capPoint(doc: PriceDoc, line: LineTerms, from: Decimal, to: Decimal, cap: Decimal): Decimal {
  if (doc.model === "block") {
    // Blocks reach the cap at ⌈cap ÷ price⌉ blocks: one unit past the whole blocks before.
    const blocks = cap.div(new Decimal(doc.blockPrice)).ceil();
    return Decimal.max(
      from,
      line.included
        .plus(new Decimal(doc.blockSize).times(blocks.minus(1)))
        .floor()
        .plus(1),
    );
  }
  const first = line.raw(from);
  const slope = line.raw(to).minus(first).div(to.minus(from));
  let reached = from.plus(cap.minus(first).div(slope).ceil());
  // Exact unless the slope's quotient does not terminate: then settled on the amounts themselves.
  while (reached.gt(from) && line.raw(reached.minus(1)).gte(cap)) reached = reached.minus(1);
  while (reached.lt(to) && line.raw(reached).lt(cap)) reached = reached.plus(1);
  return reached;
}

/** The length after which a rounded linear amount's rounding repeats: slope × length is a whole number of cents. */
function rationalPeriod(slope: Decimal, scale: number): Decimal | undefined {
  const [, denominator] = slope.times(new Decimal(10).pow(scale)).toFraction();
  return denominator?.lte(MOST_PERIOD) ? denominator : undefined;
}

/** A block staircase repeats after a whole number of blocks whose price is a whole number of cents, and of whole units. */
function blockPeriod(price: Decimal, size: Decimal, scale: number): Decimal | undefined {
  const blocks = rationalPeriod(price, scale);
  if (!blocks) return undefined;
  const [units] = size.times(blocks).toFraction();
  return units?.lte(MOST_PERIOD) ? units : undefined;
}

/** The least common multiple of two whole numbers. */
export function lcm(a: Decimal, b: Decimal): Decimal {
  let [x, y] = [a, b];
  while (!y.isZero()) [x, y] = [y, x.mod(y)];
  return a.div(x).times(b);
}
