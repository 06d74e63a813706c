import type { Period } from "../calendar/period.js";
import { Decimal, ZERO } from "../money/decimal.js";
import { roundLine, type MoneyPolicy } from "../money/policy.js";
import type { ChargePlan, Pricer, PricingContext } from "../model/plan.js";
import { pieces, type LineTerms, type Piece } from "./usage-pieces.js";

/** The usage part of a total: the sum of the rounded lines of the charges on one meter, as a function of its whole usage. */
export interface UsageShape {
  /** Equal keys, equal shapes: a pair of shapes' difference is built once per pair of keys. */
  key: string;
  /** The sum at a usage; undefined where the usage is refused. */
  lines: (usage: Decimal) => Decimal | undefined;
  /** The sum at a whole usage in 0…end, which every such usage is accepted at. */
  sum: (usage: Decimal) => Decimal;
  /** The most whole usage it admits. */
  end: Decimal;
  /** Its pieces over whole usage 0…end, built on first use. */
  pieces: () => Piece[];
}

/** A charge on the usage, with its one price and the quota the usage is counted above. */
interface ShapeLine {
  charge: ChargePlan;
  price: Pricer;
  included: Decimal;
  context: PricingContext;
}

/** The charges of one edition on a usage (of one meter, or of meters given the same value). */
export interface ShapeTerms {
  key: string;
  lines: readonly ShapeLine[];
  money: MoneyPolicy;
  period: Period;
  end: Decimal;
  /** Whether a usage is one the rules accept (at most `end`, whole where the meter counts whole units). */
  accepts: (usage: Decimal) => boolean;
}

/** A usage shape: each charge priced on the usage above the quota, capped, rounded as a line, and added up. */
export function usageShape(terms: ShapeTerms): UsageShape {
  const { money } = terms;
  const lineTerms: LineTerms[] = terms.lines.map(({ charge, price, included, context }) => ({
    charge,
    price,
    included,
    raw: (usage) => price(usage.gt(included) ? usage.minus(included) : ZERO, context).amount,
  }));
  const line = ({ charge, raw }: LineTerms, usage: Decimal) => {
    const amount = raw(usage);
    return roundLine(charge.cap && amount.gt(charge.cap) ? charge.cap : amount, money);
  };
  const total = (usage: Decimal) => lineTerms.reduce((sum, term) => sum.plus(line(term, usage)), ZERO);
  let built: Piece[] | undefined;
  return {
    key: terms.key,
    end: terms.end,
    lines: (usage) => (terms.accepts(usage) ? total(usage) : undefined),
    sum: total,
    pieces: () => (built ??= pieces(lineTerms, total, terms.end, terms.period, money.scale)),
  };
}
