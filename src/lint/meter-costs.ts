import { parsePeriod, type Period } from "../calendar/period.js";
import { quote } from "../evaluate/quote.js";
import { LIMITS } from "../guard/limits.js";
import { Decimal, ZERO } from "../money/decimal.js";
import { appliesWith, type EditionPlan, type MeterPlan, type ModePlan, type Plan } from "../model/plan.js";
import type { ShapedTotal } from "../decide/crossing.js";
import { usageShape, type UsageShape } from "../decide/usage-shape.js";

/** A month's total as a function of one meter's usage, the others at zero; undefined above a hard limit or where the rules refuse the usage. */
type Cost = (usage: Decimal) => Decimal | undefined;

/**
 * How an edition's total moves with one meter: a base (everything that does not depend on it)
 * plus the usage part shared by every edition with the same shape (the same charges, included
 * quantity and hard limit on that meter). Absent when the total is more than such a sum
 * (discounts, spend limits, a fee per unit of this meter, rounding of the total only): such an
 * edition is quoted point by point.
 */
type Split = ShapedTotal;

export interface EditionCost {
  edition: EditionPlan;
  cost: Cost;
  split?: Split;
}

/** Usage beyond the digits a usage document may have is refused, as a quote would refuse it (so is a fraction of a whole unit). */
const TOO_LARGE = new Decimal(10).pow(LIMITS.integerDigits);

/** The month a lint rule prices: the first whole month a mode version is in force. */
export function lintPeriod(mode: ModePlan): string {
  const { from, until } = mode.effective ?? {};
  return from ? (from.endsWith("-01") ? from.slice(0, 7) : nextMonth(from)) : until ? previousMonth(until) : "2100-01";
}

/**
 * Each edition's cost along one meter. The quote of zero usage is taken once per edition; the
 * charges' own pricers price every other point, so no quote is run per point unless the total
 * is more than lines added up.
 */
export function meterCosts(plan: Plan, mode: ModePlan, meter: MeterPlan, shared: SharedCosts): EditionCost[] {
  const month = lintPeriod(mode);
  const period = parsePeriod(month);
  return [...mode.editions.values()].map((edition) => {
    const cost = quotedCost(plan, mode, edition, meter.id);
    if (!period || !splittable(plan, mode, edition, meter)) return { edition, cost };
    // With every meter at zero the total is the same whichever meter is varied: quoted once per edition.
    if (!shared.zero.has(edition)) shared.zero.set(edition, cost(ZERO));
    const zero = shared.zero.get(edition);
    if (!zero) return { edition, cost };
    const shape = usageShapeOf(plan, mode, edition, meter, period, shared.shapes);
    const base = zero.minus(shape.sum(ZERO));
    const split = { base, near: base.toNumber(), shape };
    return { edition, split, cost: (usage) => splitCost(split, usage) };
  });
}

/** What the meters of one mode version share: the totals at zero usage, and the usage shapes by key. */
export interface SharedCosts {
  zero: Map<EditionPlan, Decimal | undefined>;
  shapes: Map<string, UsageShape>;
}

/** The total of a quote with one meter at `usage` and the others at zero. */
function quotedCost(plan: Plan, mode: ModePlan, edition: EditionPlan, meter: string): Cost {
  const month = lintPeriod(mode);
  const limit = edition.quotas.get(meter)?.limit;
  return (usage) => {
    if (limit && usage.gt(limit)) return undefined;
    const values = Object.fromEntries([...mode.meters.keys()].map((id) => [id, id === meter ? usage.toFixed() : "0"]));
    try {
      return new Decimal(
        quote(plan, { ruleset: plan.id, period: month, mode: mode.id, edition: edition.id, usage: values }).total,
      );
    } catch {
      return undefined; // the mode needs app facts a linter does not have, or refuses the usage
    }
  };
}

function splitCost(split: Split, usage: Decimal): Decimal | undefined {
  const lines = split.shape.lines(usage);
  return lines && split.base.plus(lines);
}

/** Whether the total is the sum of its rounded lines, and only the charges' lines depend on the meter. */
function splittable(plan: Plan, mode: ModePlan, edition: EditionPlan, meter: MeterPlan): boolean {
  if (plan.money.roundAt !== "line" || mode.discounts.length || edition.minimumSpend || edition.maximumSpend)
    return false;
  if (edition.fee.kind === "per-unit" && edition.fee.meter === meter.id) return false;
  if (edition.quotas.get(meter.id)?.firstMonths !== undefined) return false;
  return meter.dimensions.length === 0 && meter.input !== "daily";
}

/** The usage part of an edition's total, shared with every edition whose charges, quota and limit on the meter are the same. */
function usageShapeOf(
  plan: Plan,
  mode: ModePlan,
  edition: EditionPlan,
  meter: MeterPlan,
  period: Period,
  shapes: Map<string, UsageShape>,
): UsageShape {
  const charges = mode.charges.filter((charge) => charge.meter === meter.id && appliesWith(charge, edition.id));
  const quota = edition.quotas.get(meter.id);
  const included = quota?.included ?? ZERO;
  const limit = quota?.limit;
  const key = `${charges.map((c) => c.id).join(",")}|${included.toFixed()}|${limit?.toFixed() ?? ""}`;
  const known = shapes.get(key);
  if (known) return known;
  const shape = usageShape({
    key,
    // A meter without dimensions has charges priced once.
    lines: charges.flatMap((charge) =>
      charge.price
        ? [{ charge, price: charge.price, included, context: { meter, period, included, scale: plan.money.scale } }]
        : [],
    ),
    money: plan.money,
    period,
    end: limit && limit.lt(TOO_LARGE) ? limit.floor() : TOO_LARGE.minus(1),
    accepts: (usage) => !(limit && usage.gt(limit)) && usage.lt(TOO_LARGE) && (!meter.integer || usage.isInteger()),
  });
  shapes.set(key, shape);
  return shape;
}

function previousMonth(date: string): string {
  const [y, m] = date.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

function nextMonth(date: string): string {
  const [y, m] = date.split("-").map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
}
