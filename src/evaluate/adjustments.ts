import { Decimal, ONE, ZERO } from "../money/decimal.js";
import { groupDigits, groupMoney } from "../money/format.js";
import { moneyText, type MoneyPolicy } from "../money/policy.js";
import { readDecimal } from "../money/read-decimal.js";
import type { DiscountPlan, EditionPlan } from "../model/plan.js";
import type { CreditGrant } from "../model/usage.js";
import type { DraftLine, LineWords } from "./draft-line.js";

/** A line as priced so far: the draft and its rounded amount. */
export interface PricedLine {
  draft: DraftLine;
  rounded: Decimal;
}

/** A discount's line: a percentage or an amount off the lines it targets; none when they total nothing. */
export function discountLine(discount: DiscountPlan, lines: readonly PricedLine[], money: MoneyPolicy): DraftLine | undefined {
  const base = lines.filter(({ draft }) => targets(discount, draft)).reduce((sum, line) => sum.plus(line.rounded), ZERO);
  if (base.lte(0)) return undefined;
  const { off } = discount;
  const amount = off.kind === "percent" ? base.mul(off.percent).div(100) : Decimal.min(off.amount, base);
  return adjustment("discount", discount.id, discount.name, amount.neg(), () => {
    const how = off.kind === "percent" ? `${groupDigits(off.percent)}% of ${groupMoney(base, money.scale)}` : `${groupMoney(amount, money.scale)} off ${groupMoney(base, money.scale)}`;
    return {
      text: `${discount.name}: ${how} = −${groupMoney(amount, money.scale)}`,
      explanation: `${discount.name}: ${off.kind === "percent" ? `${groupDigits(off.percent)}% off` : "off"} ${moneyText(base, money)} = −${moneyText(amount, money)}.`,
    };
  });
}

function targets(discount: DiscountPlan, draft: DraftLine): boolean {
  const { on } = discount;
  if (on.kind === "total") return true;
  if (on.kind === "fee") return draft.kind === "fee";
  return draft.kind === on.kind && draft.id === on.id;
}

/** The true-up to an edition's minimum spend, when the lines so far total less. */
export function commitmentLine(edition: EditionPlan, subtotal: Decimal, money: MoneyPolicy): DraftLine | undefined {
  const minimum = edition.minimumSpend;
  if (!minimum || subtotal.gte(minimum)) return undefined;
  const amount = minimum.minus(subtotal);
  return adjustment("commitment", edition.id, `${edition.name} minimum spend true-up`, amount, () => ({
    text: `${edition.name}: minimum spend ${groupMoney(minimum, money.scale)} − lines ${groupMoney(subtotal, money.scale)} = ${groupMoney(amount, money.scale)}`,
    explanation: `${edition.name} commits to at least ${moneyText(minimum, money)} a month; this month's charges come to ${moneyText(subtotal, money)}, so the difference of ${moneyText(amount, money)} is billed.`,
  }));
}

/** The cap on an edition's monthly spend, when the lines so far total more. */
export function capLine(edition: EditionPlan, subtotal: Decimal, money: MoneyPolicy): DraftLine | undefined {
  const maximum = edition.maximumSpend;
  if (!maximum || subtotal.lte(maximum)) return undefined;
  const excess = subtotal.minus(maximum);
  return adjustment("cap", edition.id, `${edition.name} monthly spend cap`, excess.neg(), () => ({
    text: `${edition.name}: lines ${groupMoney(subtotal, money.scale)} − cap ${groupDigits(maximum)} = −${groupMoney(excess, money.scale)}`,
    explanation: `${edition.name} bills at most ${moneyText(maximum, money)} a month; the ${moneyText(excess, money)} above it is not billed.`,
  }));
}

/** Prepaid credits drawn down in order, never below a zero total; each line says what is left. */
export function creditLines(credits: readonly CreditGrant[], subtotal: Decimal, money: MoneyPolicy): DraftLine[] {
  const lines: DraftLine[] = [];
  let due = subtotal;
  for (const credit of credits) {
    const balance = readDecimal(credit.balance) as Decimal; // the schema admits only decimals within the limits
    const used = Decimal.max(Decimal.min(balance, due), ZERO);
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

function adjustment(kind: DraftLine["kind"], id: string, description: string, amount: Decimal, words: () => LineWords): DraftLine {
  return { id, kind, description, quantity: ONE, unit: "month", unitPrice: amount, amount, rule: `${kind}/${id}`, words };
}
