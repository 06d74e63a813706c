import { Crossings } from "../decide/crossing.js";
import { Decimal, ZERO } from "../money/decimal.js";
import type { EditionCost } from "./meter-costs.js";

/** Where a cheaper edition starts to cost more than a dearer one, with both costs there; or the stretch where that was not settled. */
export type Crossing =
  | { kind: "at"; usage: Decimal; cheapCost: Decimal; dearCost: Decimal }
  | { kind: "unsettled"; from: Decimal; to: Decimal };

/**
 * Break-even points along one meter: the smallest whole usage at which the cheap edition costs
 * more than the dear one. Editions whose totals are a base plus a usage shape are compared
 * exactly from the shapes' pieces (decide/crossing.ts). Editions whose totals are more than
 * that (discounts, spend bounds, a fee per unit of the meter) must be quoted: they are quoted at
 * a list of candidate usages (ascending) and the crossing is bisected between them, which may
 * land past an earlier crossing.
 */
export class BreakEvenSearch {
  private readonly crossings = new Crossings();
  private quotedPoints: readonly Decimal[] | undefined;

  constructor(private readonly candidates: () => readonly Decimal[]) {}

  find(cheap: EditionCost, dear: EditionCost): Crossing | undefined {
    if (!cheap.split || !dear.split) return this.quoted(cheap, dear);
    const found = this.crossings.first(cheap.split, dear.split);
    if (found?.kind !== "at") return found;
    // A crossing is a usage both shapes admit.
    const cheapCost = cheap.split.base.plus(cheap.split.shape.sum(found.usage));
    const dearCost = dear.split.base.plus(dear.split.shape.sum(found.usage));
    return { kind: "at", usage: found.usage, cheapCost, dearCost };
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
      let high = { usage: point, cheapCost: a, dearCost: b };
      while (high.usage.minus(low).gt(1)) {
        const mid = low.plus(high.usage).div(2).floor();
        const ca = cheap.cost(mid);
        const cb = dear.cost(mid);
        if (ca && cb && ca.gt(cb)) high = { usage: mid, cheapCost: ca, dearCost: cb };
        else low = mid;
      }
      return { kind: "at", ...high };
    }
    return undefined;
  }
}
