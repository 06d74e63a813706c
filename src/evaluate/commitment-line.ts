import { counted, groupDigits, groupMoney } from "../money/format.js";
import { moneyText, type MoneyPolicy } from "../money/policy.js";
import type { EditionPlan, ModePlan } from "../model/plan.js";
import type { DraftLine } from "./draft-line.js";

/** The committed units at the committed rate: billed every month whatever the usage. */
export function commitmentFeeLine(mode: ModePlan, edition: EditionPlan, money: MoneyPolicy): DraftLine | undefined {
  const commitment = edition.commitment;
  if (!commitment) return undefined;
  const meter = mode.meters.get(commitment.meter)!;
  const amount = commitment.quantity.times(commitment.unitPrice);
  return {
    id: `${edition.id}-commitment`,
    kind: "fee",
    description: `${edition.name} committed ${meter.plural}`,
    quantity: commitment.quantity,
    unit: meter.unit,
    unitPrice: commitment.unitPrice,
    amount,
    rule: `edition/${edition.id}/commitment`,
    words: () => ({
      text: `${edition.name}: ${groupDigits(commitment.quantity)} committed ${meter.plural} × ${groupMoney(commitment.unitPrice, money.scale)} = ${groupMoney(amount, money.scale)}, billed whatever the usage`,
      explanation: `${edition.name} commits to ${counted(commitment.quantity, meter)} at ${moneyText(commitment.unitPrice, money)} each, ${moneyText(amount, money)} a month whatever the usage; ${meter.plural} above it are billed at the usual price.`,
    }),
  };
}
