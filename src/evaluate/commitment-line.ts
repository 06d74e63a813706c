import { cellsWords } from "../model/cells.js";
import { daysBetween, shortDate } from "../calendar/dates.js";
import type { Period } from "../calendar/period.js";
import { Decimal } from "../money/decimal.js";
import { counted, groupDigits, groupMoney } from "../money/format.js";
import { moneyText, type MoneyPolicy } from "../money/policy.js";
import type { EditionPlan, ModePlan, QuoteWarning } from "../model/plan.js";
import type { Segment } from "../usage/resolve-segments.js";
import type { DraftLine } from "./draft-line.js";
import { intervalMonth } from "../usage/fee-interval.js";
import { editionStretches } from "./fee-line.js";

interface CommitmentInput {
  mode: ModePlan;
  /** The edition at the end of the month. */
  edition: EditionPlan;
  segments: readonly Segment[];
  money: MoneyPolicy;
  period: Period;
  createdAt?: string | undefined;
  warnings: QuoteWarning[];
}

/**
 * The commitment lines of the month. A commitment is billed like the plan fee: the edition in
 * force at the end of the month for the whole month or, under daily proration, each edition's
 * commitment for its days. What it covers follows the charges, which are the month-end edition's.
 */
export function commitmentFeeLines(input: CommitmentInput): DraftLine[] {
  const stretches = input.mode.planChanges.proration === "daily" ? editionStretches(input.segments) : [];
  if (stretches.length <= 1) {
    const whole = commitmentFeeLine(input);
    return whole ? [whole] : [];
  }
  return stretches.flatMap((stretch) => {
    const line = stretch.edition.commitment && proratedCommitment(stretch, input);
    return line ? [line] : [];
  });
}

function proratedCommitment(stretch: Omit<Segment, "addons">, { mode, money, period }: CommitmentInput): DraftLine {
  const { edition, from, to } = stretch;
  const commitment = edition.commitment!;
  const meter = mode.meters.get(commitment.meter)!;
  const days = daysBetween(from, to) + 1;
  const month = commitment.quantity.times(commitment.unitPrice);
  const amount = month.mul(days).div(period.days);
  const span = `${shortDate(from)}–${shortDate(to)}`;
  const rate = groupMoney(commitment.unitPrice, money.scale);
  return {
    id: `${edition.id}-commitment`,
    kind: "fee",
    description: `${edition.name} committed ${meter.plural} (${span})`,
    quantity: new Decimal(days),
    unit: `days of ${period.days}`,
    unitPrice: month,
    amount,
    rule: `edition/${edition.id}/commitment`,
    words: () => ({
      text: `${edition.name}, ${span}: ${groupDigits(commitment.quantity)} committed ${meter.plural} × ${rate} × ${days}/${period.days} = ${groupMoney(amount, money.scale)} (charged by day)`,
      explanation: `${edition.name} commits to ${counted(commitment.quantity, meter)}${committedCells(commitment)} at ${rate} ${money.currency} each, ${moneyText(month, money)} a month; for ${days} of ${period.days} days (${span}), charged by day: ${moneyText(amount, money)}.`,
    }),
  };
}

/**
 * The committed units at the committed rate, billed whatever the usage: every month, or, on an
 * edition whose fee covers several months, once per interval in its first month (the rate is then
 * the interval's). Usage above the committed units is billed every month at the charge's price.
 */
function commitmentFeeLine({
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
      explanation: `${edition.name} commits to ${counted(commitment.quantity, meter)}${committedCells(commitment)} at ${groupMoney(commitment.unitPrice, money.scale)} ${money.currency} each, ${moneyText(amount, money)} ${per} whatever the usage; ${meter.plural} above it are billed every month at the usual price.`,
    }),
  };
}

/** " (class standard)": the cells a commitment covers, when it names them. */
function committedCells(commitment: NonNullable<EditionPlan["commitment"]>): string {
  return commitment.cells ? ` (${cellsWords(commitment.cells)})` : "";
}
