import { daysBetween, shortDate } from "../calendar/dates.js";
import type { Period } from "../calendar/period.js";
import { Decimal, ONE, ZERO } from "../money/decimal.js";
import { groupMoney } from "../money/format.js";
import { moneyText, type MoneyPolicy } from "../money/policy.js";
import type { AddonPlan, EditionPlan, ModePlan, QuoteWarning } from "../model/plan.js";
import type { Segment } from "../usage/resolve-segments.js";
import type { SelectedAddon } from "../usage/select-addons.js";
import type { TraceStep } from "../model/quote.js";
import { addonCharge, type AddonCharge, type Window } from "./addon-charge.js";
import type { DraftLine, LineWords } from "./draft-line.js";

/** What differs between an add-on's lines; the rest comes from the add-on. */
interface LineFields {
  description?: string;
  quantity?: Decimal;
  unit?: string;
  unitPrice: Decimal;
  amount: Decimal;
  note?: string;
  words: () => LineWords;
}

interface AddonContext {
  period: Period;
  daily: boolean;
  money: MoneyPolicy;
  warnings: QuoteWarning[];
}

/**
 * Lines for bought add-ons. Without proration an add-on active at any time in the month is
 * billed for the whole month; with daily proration each stretch of the month is billed for its
 * paid days. A free trial's days are free; days with no published price get a warning and no
 * amount, never an invented one.
 */
export function addonLines(
  segments: readonly Segment[],
  mode: ModePlan,
  period: Period,
  money: MoneyPolicy,
  warnings: QuoteWarning[],
  trace: TraceStep[] | undefined,
): DraftLine[] {
  const daily = mode.planChanges.proration === "daily";
  const context: AddonContext = { period, daily, money, warnings };
  const stretches = daily
    ? segments.flatMap(dailyStretches)
    : monthStretches(segments, { from: period.from, to: period.to });
  const lines: DraftLine[] = [];
  for (const { item, edition, window } of stretches) {
    const line = addonLine(item, edition, window, context);
    if (!line) continue;
    lines.push(line);
    trace?.push({ rule: line.rule, text: line.words().text });
  }
  return lines;
}

interface Stretch {
  item: SelectedAddon;
  edition: EditionPlan;
  window: Window;
}

/** Under daily proration each segment bills its own days. */
function dailyStretches(segment: Segment): Stretch[] {
  return segment.addons.map((item) => ({
    item,
    edition: segment.edition,
    window: { from: segment.from, to: segment.to },
  }));
}

/** Without proration each add-on is billed once, for the whole month, as in the last segment that has it. */
function monthStretches(segments: readonly Segment[], whole: Window): Stretch[] {
  const last = new Map<string, Stretch>();
  for (const segment of segments)
    for (const item of segment.addons) last.set(item.addon.id, { item, edition: segment.edition, window: whole });
  return [...last.values()];
}

/** The line of one add-on for a window: its charge (addon-charge.ts) put in words. */
function addonLine(
  item: SelectedAddon,
  edition: EditionPlan,
  window: Window,
  context: AddonContext,
): DraftLine | undefined {
  const { addon } = item;
  const { period } = context;
  const choice =
    item.option !== undefined && addon.option
      ? ` (${item.option}${addon.option.unit ? ` ${addon.option.unit}s` : ""})`
      : "";
  const description = `${addon.name}${choice}${addon.status === "beta" ? " [beta]" : ""}`;
  // Every line built whole, in one shape: spreading a shared base costs more than the arithmetic.
  const line = (fields: LineFields): DraftLine => ({
    id: addon.id,
    kind: "addon",
    description: fields.description ?? description,
    quantity: fields.quantity ?? ONE,
    unit: fields.unit ?? "month",
    unitPrice: fields.unitPrice,
    amount: fields.amount,
    rule: `addon/${addon.id}`,
    note: fields.note,
    words: fields.words,
  });
  const free = (note: string, words: () => LineWords): DraftLine =>
    line({ unitPrice: ZERO, amount: ZERO, note, words });
  const trialNote = addon.trial?.note ?? `Free trial of ${addon.trial?.days} days`;
  const charge = addonCharge(item, edition, window, period.days, context.daily);
  switch (charge.kind) {
    case "included":
      return free("Included in the edition", () => ({
        text: `${addon.name}${choice}: ${charge.reason}`,
        explanation: `${addon.name}${choice} is included in ${edition.name}: no charge.`,
      }));
    case "free-trial":
      return free(trialNote, () => {
        const { activatedAt, last } = charge.trial;
        const days = `day ${daysBetween(activatedAt, charge.activeFrom) + 1}–${daysBetween(activatedAt, window.to) + 1} of ${addon.trial?.days}`;
        return {
          text: `${addon.name}: free trial, ${days} (from ${activatedAt}, ends ${last})`,
          explanation: `${addon.name} is in its free trial (${days}, activated ${activatedAt}, last free day ${last}): no charge.`,
        };
      });
    case "unpriced": {
      const last = charge.trial?.last;
      const when = last ? `after its free trial ends on ${last}` : `with ${edition.name} in these prices`;
      context.warnings.push({
        code: "addon.unpriced",
        message: `${addon.name} (${addon.id}) has no published price ${when}; it is not priced in this quote`,
      });
      if (!charge.trial?.inWindow) return undefined;
      return free(trialNote, () => ({
        text: `${addon.name}: free trial until ${last}; no published price after it`,
        explanation: `${addon.name} is free until the end of its trial on ${last}; no price is published for the days after it.`,
      }));
    }
    case "whole":
      return wholeLine(addon, charge, choice, edition, context, line);
    case "prorated":
      return proratedLine(addon, charge, choice, description, window, context, line);
  }
}

type LineOf = (fields: LineFields) => DraftLine;

/** A month billed whole: per unit for an add-on bought in units, else one month. */
function wholeLine(
  addon: AddonPlan,
  charge: Extract<AddonCharge, { kind: "whole" }>,
  choice: string,
  edition: EditionPlan,
  context: AddonContext,
  line: LineOf,
): DraftLine {
  const { unitPrice, units, amount, trial } = charge;
  const { money, period } = context;
  if (trial?.inWindow)
    context.warnings.push({
      code: "trial.ends-in-period",
      message: `${addon.name} (${addon.id}): the free trial ends on ${trial.last}, inside ${period.month}; the rules bill whole months, so the full monthly price is quoted`,
    });
  if (addon.quantity) {
    const unit = units === 1 ? addon.quantity.unit : addon.quantity.plural;
    return line({
      quantity: new Decimal(units),
      unit: addon.quantity.unit,
      unitPrice,
      amount,
      words: () => ({
        text: `${addon.name}${choice}: ${units} ${unit} × ${groupMoney(unitPrice, money.scale)} = ${groupMoney(amount, money.scale)}`,
        explanation: `${addon.name}${choice}: ${units} ${unit} at ${moneyText(unitPrice, money)} a month each = ${moneyText(amount, money)}.`,
      }),
    });
  }
  return line({
    unitPrice,
    amount: unitPrice,
    words: () => ({
      text: `${addon.name}${choice}: 1 month × ${groupMoney(unitPrice, money.scale)}`,
      explanation: `${addon.name}${choice} costs ${moneyText(unitPrice, money)} a month with ${edition.name}.`,
    }),
  });
}

/** The paid days of the month, charged by day. */
function proratedLine(
  addon: AddonPlan,
  charge: Extract<AddonCharge, { kind: "prorated" }>,
  choice: string,
  description: string,
  window: Window,
  context: AddonContext,
  line: LineOf,
): DraftLine {
  const { unitPrice, units, paidFrom, paidDays, monthDays, amount, trial } = charge;
  const { money } = context;
  const each = addon.quantity ? ` per ${addon.quantity.unit}` : "";
  const span = `${shortDate(paidFrom)}–${shortDate(window.to)}`;
  const why = trial?.inWindow
    ? `after its free trial ended on ${trial.last}`
    : paidFrom === window.from
      ? ""
      : `from its activation on ${paidFrom}`;
  const times = `${units === 1 ? "" : ` × ${units}`} × ${paidDays}/${monthDays}`;
  return line({
    description: `${description} (${span})`,
    quantity: new Decimal(paidDays),
    unit: `days of ${monthDays}`,
    unitPrice,
    amount,
    words: () => ({
      text: `${addon.name}${choice}, ${span}: ${groupMoney(unitPrice, money.scale)}${each}${times} = ${groupMoney(amount, money.scale)} (charged by day${why ? `, ${why}` : ""})`,
      explanation: `${addon.name}${choice} is charged by day for ${paidDays} of ${monthDays} days (${span})${why ? `, ${why}` : ""}: ${moneyText(unitPrice, money)}${each}${times} = ${moneyText(amount, money)}.`,
    }),
  });
}
