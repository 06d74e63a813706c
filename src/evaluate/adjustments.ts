import { daysBetween, shortDateYear } from "../calendar/dates.js";
import { firstMonthsEnd } from "../calendar/first-months.js";
import { Decimal, ONE, ZERO } from "../money/decimal.js";
import { groupDigits, groupMoney } from "../money/format.js";
import { moneyText, roundLine, roundLineWithin, type MoneyPolicy } from "../money/policy.js";
import type { DiscountPlan, EditionPlan } from "../model/plan.js";
import type { Credit } from "../usage/resolve-usage.js";
import type { DraftLine, LineWords } from "./draft-line.js";

/** A line as priced so far: the draft and its rounded amount. */
export interface PricedLine {
  draft: DraftLine;
  rounded: Decimal;
}

/**
 * The discounts' lines, in the order listed. Each is taken on what is left of its target after the
 * discounts before it: `total` on the quote so far; the fee, a charge or an add-on on its lines less
 * the earlier discounts on that same target, and never more than is left of the quote. A percentage
 * is of what is left; an amount off is at most what is left. A discount that finds nothing left
 * gives no line, so discounts never take a target, or the quote, below zero.
 */
export function discountLines(
  discounts: readonly DiscountPlan[],
  lines: readonly PricedLine[],
  subtotal: Decimal,
  money: MoneyPolicy,
): DraftLine[] {
  const taken = new Map<string, Decimal>();
  let quoteLeft = subtotal;
  const drafts: DraftLine[] = [];
  for (const discount of discounts) {
    const key = targetKey(discount);
    const earlier = taken.get(key);
    const base = discount.on.kind === "total" ? quoteLeft : targetSum(discount, lines).minus(earlier ?? ZERO);
    const left = Decimal.min(base, quoteLeft);
    const { off } = discount;
    const whole = off.kind === "percent" ? base.mul(off.percent).div(100) : off.amount;
    const wanted = roundLine(discount.share ? whole.mul(discount.share.days).div(discount.share.of) : whole, money);
    const amount = Decimal.min(wanted, left);
    if (amount.lte(0)) continue;
    taken.set(key, (earlier ?? ZERO).plus(amount));
    quoteLeft = quoteLeft.minus(amount);
    const reduced = earlier !== undefined && discount.on.kind !== "total";
    drafts.push(
      adjustment("discount", discount.id, discount.name, amount.neg(), () =>
        discountWords(discount, { base, reduced, wanted, amount, quoteLeft: left }, money),
      ),
    );
  }
  return drafts;
}

interface DiscountFigures {
  /** What was left of the target. */
  base: Decimal;
  /** Earlier discounts took part of the target. */
  reduced: boolean;
  /** What the discount takes before the cap: its percentage of the base, or its amount. */
  wanted: Decimal;
  amount: Decimal;
  /** What was left of the quote when the discount was taken. */
  quoteLeft: Decimal;
}

function discountWords(discount: DiscountPlan, figures: DiscountFigures, money: MoneyPolicy): LineWords {
  const { off, name } = discount;
  const { base, reduced, wanted, amount, quoteLeft } = figures;
  const byQuote = amount.lt(wanted) && quoteLeft.lt(base);
  const of = off.kind === "percent" ? `${groupDigits(off.percent)}% of` : `${groupMoney(off.amount, money.scale)} off`;
  const quoteCap = byQuote ? `, at most the ${groupMoney(quoteLeft, money.scale)} left of the quote` : "";
  const offWords = off.kind === "percent" ? `${groupDigits(off.percent)}% off` : `${moneyText(off.amount, money)} off`;
  const baseWords = reduced ? `the ${moneyText(base, money)} left after earlier discounts` : moneyText(base, money);
  const capWords = amount.lt(wanted) ? `, at most the ${moneyText(amount, money)} left to discount` : "";
  const { share } = discount;
  const days = share ? ` × ${share.days}/${share.of} days` : "";
  const dayWords = share
    ? `, for the ${share.days} of the month's ${share.of} days before ${firstMonthsEnd(share.months)} on ${shortDateYear(share.ends)}`
    : "";
  return {
    text: `${name}: ${of} ${groupMoney(base, money.scale)}${reduced ? " left" : ""}${days}${quoteCap} = −${groupMoney(amount, money.scale)}`,
    explanation: `${name}: ${offWords} ${baseWords}${dayWords}${capWords} = −${moneyText(amount, money)}.`,
  };
}

/** Discounts with the same key take from the same lines. */
function targetKey({ on }: DiscountPlan): string {
  return on.kind === "total" || on.kind === "fee" ? on.kind : `${on.kind === "usage" ? "charge" : "addon"}/${on.id}`;
}

/** The lines a discount targets (every line of a charge, its cells included, or of an add-on), summed. */
function targetSum(discount: DiscountPlan, lines: readonly PricedLine[]): Decimal {
  const key = targetKey(discount);
  let sum = ZERO;
  for (const { draft, rounded } of lines)
    if (key === "fee" ? draft.kind === "fee" : draft.rule === key) sum = sum.plus(rounded);
  return sum;
}

/** The month's minimum spend: the edition that owns the true-up line, the amount, and its words. */
export interface MonthMinimum {
  edition: EditionPlan;
  amount: Decimal;
  /** Under daily proration across editions: each edition's part, "Team 15/30 of 20.00". */
  parts?: string[];
}

/**
 * The minimum spend of the month, billed like the plan fee: the month-end edition's or, across
 * the editions of daily proration (`stretches`, empty without it), each edition's minimum for its
 * days (minimum × days / days in the month). Editions without a minimum add nothing.
 */
export function monthMinimum(
  edition: EditionPlan,
  stretches: readonly { from: string; to: string; edition: EditionPlan }[],
  monthDays: number,
  money: MoneyPolicy,
): MonthMinimum | undefined {
  if (stretches.length <= 1) return edition.minimumSpend && { edition, amount: edition.minimumSpend };
  let amount = ZERO;
  let owner: EditionPlan | undefined;
  const parts: string[] = [];
  for (const stretch of stretches) {
    const minimum = stretch.edition.minimumSpend;
    if (!minimum) continue;
    const days = daysBetween(stretch.from, stretch.to) + 1;
    amount = amount.plus(minimum.mul(days).div(monthDays));
    owner = stretch.edition;
    parts.push(`${stretch.edition.name} ${days}/${monthDays} of ${groupMoney(minimum, money.scale)}`);
  }
  return owner && { edition: owner, amount, parts };
}

/** The true-up to the month's minimum spend, when the lines so far total less. */
export function commitmentLine(
  minimum: MonthMinimum | undefined,
  subtotal: Decimal,
  money: MoneyPolicy,
): DraftLine | undefined {
  if (!minimum) return undefined;
  const { edition, parts } = minimum;
  const amount = minimum.amount.minus(subtotal);
  if (roundLine(amount, money).lte(0)) return undefined; // none at the minimum or above, nor for a difference that rounds to nothing
  const shown = groupMoney(minimum.amount, money.scale);
  return adjustment("commitment", edition.id, `${edition.name} minimum spend true-up`, amount, () => ({
    text: `${edition.name}: minimum spend ${shown}${parts ? ` (${parts.join(" + ")}, by day)` : ""} − lines ${groupMoney(subtotal, money.scale)} = ${groupMoney(amount, money.scale)}`,
    explanation: parts
      ? `The minimum spend is charged by day across this month's editions (${parts.join(" + ")}): ${moneyText(minimum.amount, money)}; this month's charges come to ${moneyText(subtotal, money)}, so the difference of ${moneyText(amount, money)} is billed.`
      : `${edition.name} commits to at least ${moneyText(minimum.amount, money)} a month; this month's charges come to ${moneyText(subtotal, money)}, so the difference of ${moneyText(amount, money)} is billed.`,
  }));
}

/**
 * The cap on an edition's monthly spend, when the lines so far total more: on the whole quote, or
 * on the group of lines the cap names, after the discounts on those charges (a discount on the
 * total is not shared out among them), never taking more than the quote's total. The lines of a
 * group it trims say so in their note.
 */
export function capLine(
  edition: EditionPlan,
  lines: readonly PricedLine[],
  discounts: readonly DiscountPlan[],
  total: Decimal,
  money: MoneyPolicy,
): DraftLine | undefined {
  const maximum = edition.maximumSpend;
  if (!maximum) return undefined;
  const on = edition.maximumSpendOn;
  const capped = (charge: string) => on === "usage" || (on !== undefined && on.has(charge));
  const group = on
    ? lines.filter(({ draft }) => draft.kind === "usage" && capped(draft.rule.slice("charge/".length)))
    : undefined;
  const discounted = group && discountsOn(discounts, lines, capped);
  const subtotal = group
    ? [...group, ...(discounted ?? [])].reduce((sum, line) => sum.plus(line.rounded), ZERO)
    : total;
  const excess = Decimal.min(subtotal.minus(maximum), total);
  if (roundLine(excess, money).lte(0)) return undefined; // none at the cap or below, nor for an excess that rounds to nothing
  const what =
    on === undefined
      ? "monthly spend cap"
      : on === "usage"
        ? "spend limit on usage"
        : `spend limit on ${[...on].join(", ")}`;
  const capShown = groupMoney(maximum, money.scale);
  for (const { draft } of (group ?? []).filter((line) => line.rounded.gt(0)))
    draft.note = [draft.note, `trimmed by the ${what} of ${capShown}`].filter(Boolean).join("; ");
  const linesWord = group
    ? `${what.slice("spend limit on ".length)} lines${discounted?.length ? " after their discounts" : ""}`
    : "lines";
  return adjustment("cap", edition.id, `${edition.name} ${what}`, excess.neg(), () => ({
    text: `${edition.name}: ${linesWord} ${groupMoney(subtotal, money.scale)} − cap ${capShown} = −${groupMoney(excess, money.scale)}`,
    explanation: group
      ? `${edition.name} bills at most ${moneyText(maximum, money)} a month for ${what.slice("spend limit on ".length)}; the ${moneyText(excess, money)} above it is not billed.`
      : `${edition.name} bills at most ${moneyText(maximum, money)} a month; the ${moneyText(excess, money)} above it is not billed.`,
  }));
}

/** The discount lines taken off a charge the cap covers (their amounts are negative). */
function discountsOn(
  discounts: readonly DiscountPlan[],
  lines: readonly PricedLine[],
  capped: (charge: string) => boolean,
): PricedLine[] {
  const onCapped = new Set(
    discounts
      .filter((discount) => discount.on.kind === "usage" && capped(discount.on.id))
      .map((discount) => `discount/${discount.id}`),
  );
  return lines.filter(({ draft }) => draft.kind === "discount" && onCapped.has(draft.rule));
}

/** Prepaid credits drawn down in order, never below a zero total nor beyond a balance (rounded within it); each line says what is left. */
export function creditLines(credits: readonly Credit[], subtotal: Decimal, money: MoneyPolicy): DraftLine[] {
  const lines: DraftLine[] = [];
  let due = subtotal;
  for (const credit of credits) {
    const { balance } = credit;
    const used = roundLineWithin(Decimal.min(balance, due), money); // never negative: the adjustments before credits keep the total at zero or above
    due = due.minus(used);
    const left = balance.minus(used);
    const line = adjustment("credit", credit.id, credit.note ?? `Prepaid credit ${credit.id}`, used.neg(), () => ({
      text: `${credit.id}: ${groupMoney(used, money.scale)} of ${groupMoney(balance, money.scale)} used, ${groupMoney(left, money.scale)} left`,
      explanation: `${credit.note ?? `Prepaid credit ${credit.id}`}: ${moneyText(used, money)} used this month; ${moneyText(left, money)} left.`,
    }));
    line.note = `${moneyText(left, money)} left`;
    lines.push(line);
  }
  return lines;
}

function adjustment(
  kind: DraftLine["kind"],
  id: string,
  description: string,
  amount: Decimal,
  words: () => LineWords,
): DraftLine {
  return {
    id,
    kind,
    description,
    quantity: ONE,
    unit: "month",
    unitPrice: amount,
    amount,
    rule: `${kind}/${id}`,
    words,
  };
}
