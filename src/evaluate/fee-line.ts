import { daysBetween, shortDate } from "../calendar/dates.js";
import type { Period } from "../calendar/period.js";
import { Decimal, ONE, ZERO } from "../money/decimal.js";
import { groupDigits } from "../money/format.js";
import { moneyText, type MoneyPolicy } from "../money/policy.js";
import type { EditionPlan, ModePlan } from "../model/plan.js";
import type { Segment } from "../usage/resolve-segments.js";
import type { DraftLine } from "./draft-line.js";

/**
 * The plan fee: the edition in force at the end of the month for the whole month, or, under
 * daily proration, each edition for its days (fee × days / days in the month).
 */
export function feeLines(segments: readonly Segment[], mode: ModePlan, period: Period, money: MoneyPolicy): DraftLine[] {
  const stretches = editionStretches(segments);
  if (mode.planChanges.proration === "none" || stretches.length === 1) return [feeLine(segments.at(-1)!.edition, money)];
  return stretches.map((segment) => {
    const days = daysBetween(segment.from, segment.to) + 1;
    const { edition } = segment;
    const fee = edition.fee ?? ZERO;
    const amount = fee.mul(days).div(period.days);
    const span = `${shortDate(segment.from)}–${shortDate(segment.to)}`;
    return {
      id: edition.id,
      kind: "fee",
      description: `${edition.name} plan fee (${span})`,
      quantity: new Decimal(days),
      unit: `days of ${period.days}`,
      unitPrice: fee,
      amount,
      rule: `edition/${edition.id}`,
      words: () => ({
        text: `${edition.name}, ${span}: ${groupDigits(fee)} × ${days}/${period.days} = ${groupDigits(amount)} (charged by day)`,
        explanation: `${edition.name} for ${days} of ${period.days} days (${span}), charged by day: ${moneyText(fee, money)} × ${days}/${period.days} = ${moneyText(amount, money)}.`,
      }),
    };
  });
}

/** Consecutive segments with the same edition joined: add-on changes do not split the plan fee. */
function editionStretches(segments: readonly Segment[]): Omit<Segment, "addons">[] {
  const stretches: Omit<Segment, "addons">[] = [];
  for (const { from, to, edition } of segments) {
    const last = stretches.at(-1);
    if (last && last.edition.id === edition.id) last.to = to;
    else stretches.push({ from, to, edition });
  }
  return stretches;
}

/** The edition's plan fee for a whole month (a zero line for a free edition, so every quote names its plan). */
function feeLine(edition: EditionPlan, money: MoneyPolicy): DraftLine {
  const fee = edition.fee ?? ZERO;
  const free = edition.fee === null;
  return {
    id: edition.id,
    kind: "fee",
    description: `${edition.name} plan fee`,
    quantity: ONE,
    unit: "month",
    unitPrice: fee,
    amount: fee,
    rule: `edition/${edition.id}`,
    ...(free ? { note: edition.validity === "permanent" ? "Free, permanent" : "Free" } : {}),
    words: () => ({
      explanation: free ? `${edition.name} is free${edition.validity === "permanent" ? ", with no time limit" : ""}.` : `${edition.name} costs ${moneyText(fee, money)} a month.`,
      text: free ? `${edition.name} is free${edition.validity === "permanent" ? " (permanent)" : ""}` : `${edition.name}: 1 month × ${groupDigits(fee)}`,
    }),
  };
}
