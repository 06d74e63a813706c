import { settlementWindow } from "../calendar/period.js";
import { ZERO, type Decimal } from "../money/decimal.js";
import { amountString, moneyText, roundAmount, roundLine } from "../money/policy.js";
import { decimalString } from "../money/decimal.js";
import type { Plan } from "../model/plan.js";
import type { Quote, QuoteLine } from "../model/quote.js";
import type { ResolvedUsage } from "../usage/resolve-usage.js";
import { addonLines } from "./addon-lines.js";
import { chargeLines, limitWarnings } from "./charge-lines.js";
import type { DraftLine } from "./draft-line.js";
import { feeLines } from "./fee-line.js";

/** Evaluate: resolved usage in, itemised quote out. */
export function evaluate(plan: Plan, usage: ResolvedUsage): Quote {
  const { mode, edition, period } = usage;
  const warnings = [...usage.warnings, ...limitWarnings(edition, usage.meters)];
  const trace = [...usage.trace];
  for (const reading of usage.meters.values()) trace.push({ rule: `meter/${reading.meter.id}`, text: reading.detail });

  const fees = feeLines(usage.segments, mode, period, plan.money);
  for (const fee of fees) trace.push({ rule: fee.rule, text: fee.text });
  const drafts: DraftLine[] = [
    ...fees,
    ...chargeLines({ mode, edition, meters: usage.meters, period, money: plan.money }, warnings, trace),
    ...addonLines(usage.segments, mode, period, plan.money, warnings, trace),
  ];

  const lines = drafts.map((draft) => finishLine(plan, draft, trace));
  const sum = drafts.reduce((total, draft) => total.plus(roundLine(draft.amount, plan.money)), ZERO);
  const total = roundAmount(sum, plan.money);
  trace.push({ rule: "money", text: `total ${lines.map((l) => l.amount).join(" + ") || "0"} = ${moneyText(total, plan.money)}` });

  return {
    ruleset: plan.id,
    currency: plan.money.currency,
    period: { month: period.month, from: period.from, to: period.to },
    mode: mode.id,
    version: { ...mode.effective },
    edition: edition.id,
    lines,
    total: total.toFixed(plan.money.scale),
    warnings,
    settlement: { ...settlementWindow(period, plan.settlement.days), ...(plan.settlement.text ? { text: plan.settlement.text } : {}) },
    trace,
  };
}

function finishLine(plan: Plan, draft: DraftLine, trace: Quote["trace"]): QuoteLine {
  const rounded = roundLine(draft.amount, plan.money);
  if (!rounded.eq(draft.amount)) {
    trace.push({ rule: "money", text: `${draft.id}: ${decimalString(draft.amount)} rounded ${plan.money.rounding} to ${plan.money.scale} decimals = ${rounded.toFixed(plan.money.scale)}` });
  }
  return {
    id: draft.id,
    kind: draft.kind,
    description: draft.description,
    quantity: decimalString(draft.quantity),
    unit: draft.unit,
    unitPrice: draft.unitPrice && priceString(draft.unitPrice, plan.money.scale),
    amount: amountString(rounded, plan.money, plan.money.roundAt === "line"),
    rule: draft.rule,
    explanation: draft.explanation,
    ...(draft.note ? { note: draft.note } : {}),
  };
}

/** A unit price with at least the currency's decimals (5 → "5.00"), and more when it has them (0.125). */
function priceString(price: Decimal, scale: number): string {
  return price.toFixed(Math.max(scale, price.decimalPlaces()));
}
