import { ONE, type Decimal } from "../money/decimal.js";
import { groupDigits } from "../money/format.js";
import { moneyText, type MoneyPolicy } from "../money/policy.js";
import type { EditionPlan } from "../model/plan.js";
import type { DraftLine } from "./draft-line.js";

/**
 * The true-up to an edition's minimum spend: when the month's lines total less than the
 * commitment, one line bills the difference, so the total is the commitment. None otherwise.
 */
export function commitmentLine(edition: EditionPlan, subtotal: Decimal, money: MoneyPolicy): DraftLine | undefined {
  const minimum = edition.minimumSpend;
  if (!minimum || subtotal.gte(minimum)) return undefined;
  const amount = minimum.minus(subtotal);
  return {
    id: edition.id,
    kind: "commitment",
    description: `${edition.name} minimum spend true-up`,
    quantity: ONE,
    unit: "month",
    unitPrice: amount,
    amount,
    rule: `commitment/${edition.id}`,
    words: () => ({
      text: `${edition.name}: minimum spend ${groupDigits(minimum)} − lines ${groupDigits(subtotal)} = ${groupDigits(amount)}`,
      explanation: `${edition.name} commits to at least ${moneyText(minimum, money)} a month; this month's charges come to ${moneyText(subtotal, money)}, so the difference of ${moneyText(amount, money)} is billed.`,
    }),
  };
}
