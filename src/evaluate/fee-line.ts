import { Decimal, ZERO } from "../money/decimal.js";
import { groupDigits } from "../money/format.js";
import { moneyText, type MoneyPolicy } from "../money/policy.js";
import type { EditionPlan } from "../model/plan.js";
import type { DraftLine } from "./draft-line.js";

/** The edition's plan fee for the month (a zero line for a free edition, so every quote names its plan). */
export function feeLine(edition: EditionPlan, money: MoneyPolicy): DraftLine {
  const fee = edition.fee ?? ZERO;
  const free = edition.fee === null;
  return {
    id: edition.id,
    kind: "fee",
    description: `${edition.name} plan fee`,
    quantity: new Decimal(1),
    unit: "month",
    unitPrice: fee,
    amount: fee,
    rule: `edition/${edition.id}`,
    ...(free ? { note: edition.validity === "permanent" ? "Free, permanent" : "Free" } : {}),
    explanation: free
      ? `${edition.name} is free${edition.validity === "permanent" ? ", with no time limit" : ""}.`
      : `${edition.name} costs ${moneyText(fee, money)} a month.`,
    text: free ? `${edition.name} is free${edition.validity === "permanent" ? " (permanent)" : ""}` : `${edition.name}: 1 month × ${groupDigits(fee)}`,
  };
}
