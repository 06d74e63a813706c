import { settlementWindow } from "../calendar/period.js";
import { ZERO, type Decimal } from "../money/decimal.js";
import { amountString, moneyText, roundAmount, roundLine } from "../money/policy.js";
import { decimalString, sameValue, scaledString } from "../money/decimal.js";
import { plusDecimal } from "../money/scaled.js";
import { clippedDecimal } from "../money/format.js";
import type { Plan } from "../model/plan.js";
import type { Period } from "../calendar/period.js";
import type { Quote, QuoteLine, Settlement, TraceStep } from "../model/quote.js";
import type { ResolvedUsage } from "../usage/resolve-usage.js";
import type { MeterReading } from "../usage/meter-reading.js";
import { addonLines } from "./addon-lines.js";
import { chargeLines, limitWarnings } from "./charge-lines.js";
import type { DraftLine } from "./draft-line.js";
import { capLine, commitmentLine, creditLines, discountLines, monthMinimum, type PricedLine } from "./adjustments.js";
import { editionStretches, feeLines } from "./fee-line.js";
import { commitmentFeeLines } from "./commitment-line.js";

/**
 * Evaluate: resolved usage in, itemised quote out. The trace and the lines' explanations are
 * built only when the usage was resolved with `explain` (its trace is then an array).
 */
export function evaluate(plan: Plan, usage: ResolvedUsage): Quote {
  const { mode, edition, period, trace } = usage;
  const warnings = [...usage.warnings, ...limitWarnings(edition, usage.meters)];
  if (trace) meterSteps(usage.meters, trace);

  const createdAt = usage.doc.app?.createdAt;
  const fees = feeLines({
    segments: usage.segments,
    edition,
    mode,
    period,
    money: plan.money,
    meters: usage.meters,
    createdAt,
    feeUnitsPaid: usage.feeUnitsPaid,
    warnings,
  });
  fees.push(
    ...commitmentFeeLines({ mode, edition, segments: usage.segments, money: plan.money, period, createdAt, warnings }),
  );
  if (trace) for (const fee of fees) trace.push({ rule: fee.rule, text: fee.words().text });
  const drafts: DraftLine[] = [
    ...fees,
    ...chargeLines({ mode, edition, meters: usage.meters, period, money: plan.money }, warnings, trace),
    ...addonLines(usage.segments, mode, period, plan.money, warnings, trace),
  ];

  // Adjustments follow the lines, in a fixed order: discounts, minimum-spend true-up, spend cap, prepaid credits.
  const priced: PricedLine[] = [];
  let sum = ZERO;
  const add = (draft: DraftLine | undefined) => {
    if (!draft) return;
    const rounded = roundLine(draft.amount, plan.money);
    sum = plusDecimal(sum, rounded);
    priced.push({ draft, rounded });
    if (draft.kind !== "fee" && draft.kind !== "usage" && draft.kind !== "addon")
      trace?.push({ rule: draft.rule, text: draft.words().text });
  };
  for (const draft of drafts) add(draft);
  for (const discount of discountLines(usage.discounts, priced, sum, plan.money)) add(discount);
  const daily = mode.planChanges.proration === "daily" && usage.segments.length > 1;
  const stretches = daily ? editionStretches(usage.segments) : [];
  add(commitmentLine(monthMinimum(edition, stretches, period.days, plan.money), sum, plan.money));
  add(capLine(edition, priced, usage.discounts, sum, plan.money));
  for (const credit of creditLines(usage.credits, sum, plan.money)) add(credit);
  const lines = priced.map(({ draft, rounded }) => finishLine(plan, draft, rounded, trace));
  const total = roundAmount(sum, plan.money);
  trace?.push(totalStep(lines, total, plan.money));

  const quoted: Quote = {
    ruleset: plan.id,
    currency: plan.money.currency,
    period: { month: period.month, from: period.from, to: period.to },
    mode: mode.id,
    version: { ...mode.effective },
    edition: edition.id,
    names: { ruleset: plan.name, mode: mode.name, edition: edition.name },
    lines,
    total: scaledString(total, plan.money.scale),
    warnings,
  };
  if (plan.settlement) quoted.settlement = settlement(plan.settlement, period);
  if (trace) quoted.trace = trace;
  return quoted;
}

/** One step per meter read: how its month value came about. */
export function meterSteps(meters: ReadonlyMap<string, MeterReading>, trace: TraceStep[]): void {
  for (const reading of meters.values())
    trace.push({ rule: `meter/${reading.meter.id}`, text: reading.words().detail });
}

/** The trace's last step: the lines' amounts summed to the total. */
export function totalStep(lines: readonly QuoteLine[], total: Decimal, money: Plan["money"]): TraceStep {
  return { rule: "money", text: `total ${sumText(lines.map((l) => l.amount))} = ${moneyText(total, money)}` };
}

/** "12.00 + 30.00 − 15.00": a negative amount is subtracted, not added as "+ -15.00". */
function sumText(amounts: readonly string[]): string {
  if (!amounts.length) return "0";
  return amounts
    .map((amount, i) => (amount.startsWith("-") ? `${i ? "− " : "−"}${amount.slice(1)}` : `${i ? "+ " : ""}${amount}`))
    .join(" ");
}

/** A draft line as the quote shows it: amounts as strings at the money policy's scale. */
/** Lines that adjust the quote (quantity 1, at their amount). */
const ADJUSTMENTS: ReadonlySet<QuoteLine["kind"]> = new Set(["discount", "commitment", "cap", "credit"]);

export function finishLine(plan: Plan, draft: DraftLine, rounded: Decimal, trace: TraceStep[] | undefined): QuoteLine {
  if (trace && !sameValue(rounded, draft.amount)) {
    trace.push({
      rule: "money",
      text: `${draft.id}: ${clippedDecimal(decimalString(draft.amount))} rounded ${plan.money.rounding} to ${plan.money.scale} decimals = ${rounded.toFixed(plan.money.scale)}`,
    });
  }
  const line: QuoteLine = {
    id: draft.id,
    kind: draft.kind,
    description: draft.description,
    quantity: decimalString(draft.quantity),
    unit: draft.unit,
    // An adjustment is one month at its amount: its unit price is the amount as rounded.
    unitPrice:
      draft.unitPrice && scaledString(ADJUSTMENTS.has(draft.kind) ? rounded : draft.unitPrice, plan.money.scale),
    amount: amountString(rounded, plan.money, plan.money.roundAt === "line"),
    rule: draft.rule,
  };
  if (trace) line.explanation = draft.words().explanation;
  if (draft.note) line.note = draft.note;
  return line;
}

function settlement(rule: NonNullable<Plan["settlement"]>, period: Period): Settlement {
  const window: Settlement = settlementWindow(period, rule.days);
  if (rule.text) window.text = rule.text;
  return window;
}
