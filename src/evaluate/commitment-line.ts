import type { Period } from "../calendar/period.js";
import { counted, groupDigits, groupMoney } from "../money/format.js";
import { moneyText, type MoneyPolicy } from "../money/policy.js";
import type { EditionPlan, ModePlan, QuoteWarning } from "../model/plan.js";
import type { DraftLine } from "./draft-line.js";
import { intervalMonth } from "./fee-line.js";

interface CommitmentInput {
  mode: ModePlan;
  edition: EditionPlan;
  money: MoneyPolicy;
  period: Period;
  createdAt?: string | undefined;
  warnings: QuoteWarning[];
}

/**
 * The committed units at the committed rate, billed whatever the usage: every month, or, on an
 * edition whose fee covers several months, once per interval in its first month (the rate is then
 * the interval's). Usage above the committed units is billed every month at the charge's price.
 */
export function commitmentFeeLine({
  mode,
  edition,
  money,
  period,
  createdAt,
  warnings,
}: CommitmentInput): DraftLine | undefined {
  const commitment = edition.commitment;
  if (!commitment) return undefined;
  const meter = mode.meters.get(commitment.meter)!;
  const interval = edition.feeInterval && intervalMonth(edition.feeInterval, period, createdAt);
  if (interval?.due) {
    warnings.push({
      code: "fee.in-advance",
      message: `${edition.name}'s commitment is billed a ${interval.word} in advance; ${period.month} bills none of it, the next is due in ${interval.due}`,
    });
    return undefined;
  }
  const amount = commitment.quantity.times(commitment.unitPrice);
  const per = interval ? `a ${interval.word}, in advance,` : "a month";
  return {
    id: `${edition.id}-commitment`,
    kind: "fee",
    description: `${edition.name} committed ${meter.plural}${interval ? ` (a ${interval.word} in advance)` : ""}`,
    quantity: commitment.quantity,
    unit: meter.unit,
    unitPrice: commitment.unitPrice,
    amount,
    rule: `edition/${edition.id}/commitment`,
    words: () => ({
      text: `${edition.name}: ${groupDigits(commitment.quantity)} committed ${meter.plural} × ${groupMoney(commitment.unitPrice, money.scale)} = ${groupMoney(amount, money.scale)}, billed ${interval ? `a ${interval.word} in advance ` : ""}whatever the usage`,
      explanation: `${edition.name} commits to ${counted(commitment.quantity, meter)} at ${groupMoney(commitment.unitPrice, money.scale)} ${money.currency} each, ${moneyText(amount, money)} ${per} whatever the usage; ${meter.plural} above it are billed every month at the usual price.`,
    }),
  };
}
