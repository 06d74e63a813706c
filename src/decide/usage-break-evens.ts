import type { Period } from "../calendar/period.js";
import { Decimal, ZERO } from "../money/decimal.js";
import type { MoneyPolicy } from "../money/policy.js";
import { Crossings, type ShapedTotal } from "./crossing.js";
import { chargeAmount, type ScaledOption } from "./scaled-costs.js";
import { usageShape } from "./usage-shape.js";

/** The cheapest choice changing at a whole usage of the document's moving value: `from` up to usage − 1, `to` at usage. */
export interface UsageChange {
  usage: Decimal;
  from: string;
  to: string;
}

/** An allowed option as a base plus a usage shape, up to the most usage its limits allow. */
interface ShapedOption {
  label: string;
  /** Its place among the options: on equal totals the earlier one is chosen. */
  order: number;
  total: ShapedTotal;
}

/** Changes of the cheapest choice past this many are not followed: the caller searches instead. */
const MOST_CHANGES = 100;

/**
 * The one value a document's usage moves with when scaled: every charge and limit of every
 * option reads a single usage value rounded up after scaling (a month value, or a picked day),
 * and each such value is zero or this one. Zero when nothing moves; undefined when more than one
 * value moves, or a month value sums or averages days: then the cost is not a function of one
 * whole usage, and the caller searches the factors.
 */
export function movingValue(options: readonly ScaledOption[][]): Decimal | undefined {
  let moving: Decimal = ZERO;
  for (const option of options.flat()) {
    if (!option.allowed) continue;
    const [month, ...later] = option.months;
    if (!month || later.length) return undefined;
    for (const { reading } of [...month.charges, ...month.limits]) {
      const value = reading.value;
      if (!value) return undefined;
      if (value.isZero()) continue;
      if (!moving.isZero() && !moving.eq(value)) return undefined;
      moving = value;
    }
  }
  return moving;
}

/**
 * Where the cheapest choice changes as the moving value's usage goes from ⌈value ÷ 10⌉ to
 * ⌈value × 10⌉ (compare's factors 0.1…10), exactly, from each option's pieces: from the usage
 * where a choice starts, the next change is the first usage at which another option costs
 * less (or as much, when it comes first) or the choice's limit is passed. Undefined when a
 * crossing is not settled within the search's bound (decide/crossing.ts) or the choice changes
 * more than MOST_CHANGES times.
 */
export function usageChanges(
  options: readonly ScaledOption[][],
  value: Decimal,
  month: { money: MoneyPolicy; period: Period },
): UsageChange[] | undefined {
  const shaped = shapedOptions(options, value, month);
  const crossings = new Crossings();
  let usage = value.div(10).ceil();
  const last = value.times(10).ceil();
  let choice = cheapestAt(shaped, usage);
  const changes: UsageChange[] = [];
  while (choice && changes.length <= MOST_CHANGES) {
    const from = usage.plus(1);
    let next = choice.total.shape.end.plus(1);
    for (const other of shaped) {
      if (other === choice) continue;
      const found = crossings.first(choice.total, other.total, { from, orEquals: other.order < choice.order });
      if (found?.kind === "unsettled") return undefined;
      if (found && found.usage.lt(next)) next = found.usage;
    }
    if (next.gt(last)) return changes;
    const after = cheapestAt(shaped, next);
    changes.push({ usage: next, from: choice.label, to: after?.label ?? "none" });
    [usage, choice] = [next, after];
  }
  return choice ? undefined : changes;
}

/** Each allowed option's total at usage u of the moving value: what does not move, plus its moving lines. */
function shapedOptions(
  options: readonly ScaledOption[][],
  value: Decimal,
  { money, period }: { money: MoneyPolicy; period: Period },
): ShapedOption[] {
  const one = new Decimal(1);
  return options.flat().flatMap((option, order) => {
    // movingValue vouches for allowed options: one month, each reading one value.
    const [month] = option.months;
    if (!option.allowed || !month) return [];
    const moves = (reading: { value?: Decimal }) => !reading.value?.isZero();
    const still = month.charges.filter((term) => !moves(term.reading));
    const base = still.reduce((sum, term) => sum.plus(chargeAmount(term, one)), month.base);
    const limits = month.limits.filter(({ reading }) => moves(reading)).map(({ limit }) => limit.floor());
    const end = Decimal.min(value.times(10).ceil(), ...limits);
    const shape = usageShape({
      key: String(order),
      lines: month.charges.filter((term) => moves(term.reading)),
      money,
      period,
      end,
      accepts: (usage) => usage.lte(end) && usage.isInteger(),
    });
    return [{ label: option.label, order, total: { base, near: base.toNumber(), shape } }];
  });
}

/** The cheapest option at a usage, the earlier on equal totals; undefined when every option's limit is passed. */
function cheapestAt(options: readonly ShapedOption[], usage: Decimal): ShapedOption | undefined {
  let best: { option: ShapedOption; total: Decimal } | undefined;
  for (const option of options) {
    const lines = option.total.shape.lines(usage);
    const total = lines && option.total.base.plus(lines);
    if (total && (!best || total.lt(best.total))) best = { option, total };
  }
  return best?.option;
}
