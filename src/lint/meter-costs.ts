import { parsePeriod, type Period } from "../calendar/period.js";
import { quote } from "../evaluate/quote.js";
import { LIMITS } from "../guard/limits.js";
import { Decimal, ZERO } from "../money/decimal.js";
import { roundLine } from "../money/policy.js";
import type { EditionPlan, MeterPlan, ModePlan, Plan } from "../model/plan.js";

/** A month's total as a function of one meter's usage, the others at zero; undefined above a hard limit or where the rules refuse the usage. */
type Cost = (usage: Decimal) => Decimal | undefined;

/**
 * How an edition's total moves with one meter: `base` (everything that does not depend on it)
 * plus the usage part shared by every edition with the same `shape` (the same charges, included
 * quantity and hard limit on that meter). Absent when the total is more than such a sum
 * (discounts, spend limits, a fee per unit of this meter, rounding of the total only): such an
 * edition is quoted point by point.
 */
interface Split {
  base: Decimal;
  /** `base` as a number: to rule out the pairs that are far apart without Decimal arithmetic. */
  near: number;
  shape: UsageShape;
}

/** The usage part of a total: the rounded lines of the charges on one meter, for the editions that share them. */
export interface UsageShape {
  key: string;
  limit?: Decimal;
  lines: Cost;
}

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
  const period = parsePeriod(lintPeriod(mode));
  return [...mode.editions.values()].map((edition) => {
    const cost = quotedCost(plan, mode, edition, meter.id);
    if (!period || !splittable(plan, mode, edition, meter)) return { edition, cost };
    // With every meter at zero the total is the same whichever meter is varied: quoted once per edition.
    if (!shared.zero.has(edition)) shared.zero.set(edition, cost(ZERO));
    const zero = shared.zero.get(edition);
    if (!zero) return { edition, cost };
    const shape = usageShape(plan, mode, edition, meter, period, shared.shapes);
    const linesAtZero = shape?.lines(ZERO);
    if (!shape || !linesAtZero) return { edition, cost };
    const base = zero.minus(linesAtZero);
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
  return meter.dimensions.length === 0 && meter.input !== "daily";
}

/**
 * The usage part of an edition's total, shared with every edition whose charges, quota and limit
 * on the meter are the same; undefined when a charge on it is priced by cell.
 */
function usageShape(
  plan: Plan,
  mode: ModePlan,
  edition: EditionPlan,
  meter: MeterPlan,
  period: Period,
  shapes: Map<string, UsageShape>,
): UsageShape | undefined {
  const charges = mode.charges.filter(
    (charge) => charge.meter === meter.id && (!charge.editions || charge.editions.has(edition.id)),
  );
  const pricers = charges.flatMap(({ price, cap }) => (price ? [{ price, cap }] : []));
  if (pricers.length < charges.length) return undefined;
  const quota = edition.quotas.get(meter.id);
  const included = quota?.included ?? ZERO;
  const limit = quota?.limit;
  const key = `${charges.map((c) => c.id).join(",")}|${included.toFixed()}|${limit?.toFixed() ?? ""}`;
  const known = shapes.get(key);
  if (known) return known;
  const line = ({ price, cap }: (typeof pricers)[number], usage: Decimal) => {
    const billable = usage.gt(included) ? usage.minus(included) : ZERO;
    const priced = price(billable, { meter, period, included, scale: plan.money.scale });
    const amount = cap && priced.amount.gt(cap) ? cap : priced.amount;
    return roundLine(amount, plan.money);
  };
  const shape: UsageShape = {
    key,
    ...(limit ? { limit } : {}),
    lines: (usage) => {
      if ((limit && usage.gt(limit)) || usage.gte(TOO_LARGE) || (meter.integer && !usage.isInteger())) return undefined;
      return pricers.reduce((sum, pricer) => sum.plus(line(pricer, usage)), ZERO);
    },
  };
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
