import { addDays, daysBetween, shortDate, type IsoDate } from "../calendar/dates.js";
import type { Period } from "../calendar/period.js";
import { Decimal, ONE, ZERO } from "../money/decimal.js";
import { groupMoney } from "../money/format.js";
import { moneyText, type MoneyPolicy } from "../money/policy.js";
import type { EditionPlan, ModePlan, QuoteWarning } from "../model/plan.js";
import type { Segment } from "../usage/resolve-segments.js";
import type { SelectedAddon } from "../usage/select-addons.js";
import type { TraceStep } from "../model/quote.js";
import type { DraftLine, LineWords } from "./draft-line.js";

/** The monthly price of a bought add-on in its edition: a price, included, or not published. */
type AddonPrice = { kind: "price"; amount: Decimal } | { kind: "included"; reason: string } | { kind: "unpublished" };

interface Window {
  from: IsoDate;
  to: IsoDate;
}

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

function addonLine(
  item: SelectedAddon,
  edition: EditionPlan,
  window: Window,
  context: AddonContext,
): DraftLine | undefined {
  const { addon } = item;
  const { period, money } = context;
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
  const price = priceOf(item, edition);
  const units = item.quantity;
  const each = addon.quantity ? ` per ${addon.quantity.unit}` : "";
  if (price.kind === "included") {
    return free("Included in the edition", () => ({
      text: `${addon.name}${choice}: ${price.reason}`,
      explanation: `${addon.name}${choice} is included in ${edition.name}: no charge.`,
    }));
  }

  const activeFrom = item.activatedAt && item.activatedAt > window.from ? item.activatedAt : window.from;
  const trialLast = addon.trial && item.activatedAt ? addDays(item.activatedAt, addon.trial.days - 1) : undefined;
  const paidFrom = trialLast && trialLast >= activeFrom ? addDays(trialLast, 1) : activeFrom;
  const trialNote = addon.trial?.note ?? `Free trial of ${addon.trial?.days} days`;
  if (trialLast && paidFrom > window.to) {
    return free(trialNote, () => {
      const days = `day ${daysBetween(item.activatedAt!, activeFrom) + 1}–${daysBetween(item.activatedAt!, window.to) + 1} of ${addon.trial?.days}`;
      return {
        text: `${addon.name}: free trial, ${days} (from ${item.activatedAt}, ends ${trialLast})`,
        explanation: `${addon.name} is in its free trial (${days}, activated ${item.activatedAt}, last free day ${trialLast}): no charge.`,
      };
    });
  }
  const inTrial = trialLast !== undefined && trialLast >= window.from;
  if (price.kind === "unpublished") {
    const when = trialLast ? `after its free trial ends on ${trialLast}` : `with ${edition.name} in these prices`;
    context.warnings.push({
      code: "addon.unpriced",
      message: `${addon.name} (${addon.id}) has no published price ${when}; it is not priced in this quote`,
    });
    if (!inTrial) return undefined;
    return free(trialNote, () => ({
      text: `${addon.name}: free trial until ${trialLast}; no published price after it`,
      explanation: `${addon.name} is free until the end of its trial on ${trialLast}; no price is published for the days after it.`,
    }));
  }
  const paidDays = daysBetween(paidFrom, window.to) + 1;
  if (!context.daily || paidDays === period.days) {
    if (inTrial)
      context.warnings.push({
        code: "trial.ends-in-period",
        message: `${addon.name} (${addon.id}): the free trial ends on ${trialLast}, inside ${period.month}; the rules bill whole months, so the full monthly price is quoted`,
      });
    if (addon.quantity) {
      const total = price.amount.mul(units);
      const unit = units === 1 ? addon.quantity.unit : addon.quantity.plural;
      return line({
        quantity: new Decimal(units),
        unit: addon.quantity.unit,
        unitPrice: price.amount,
        amount: total,
        words: () => ({
          text: `${addon.name}${choice}: ${units} ${unit} × ${groupMoney(price.amount, money.scale)} = ${groupMoney(total, money.scale)}`,
          explanation: `${addon.name}${choice}: ${units} ${unit} at ${moneyText(price.amount, money)} a month each = ${moneyText(total, money)}.`,
        }),
      });
    }
    return line({
      unitPrice: price.amount,
      amount: price.amount,
      words: () => ({
        text: `${addon.name}${choice}: 1 month × ${groupMoney(price.amount, money.scale)}`,
        explanation: `${addon.name}${choice} costs ${moneyText(price.amount, money)} a month with ${edition.name}.`,
      }),
    });
  }
  const amount = price.amount.mul(units).mul(paidDays).div(period.days);
  const span = `${shortDate(paidFrom)}–${shortDate(window.to)}`;
  const why = inTrial
    ? `after its free trial ended on ${trialLast}`
    : paidFrom === window.from
      ? ""
      : `from its activation on ${paidFrom}`;
  return line({
    description: `${description} (${span})`,
    quantity: new Decimal(paidDays),
    unit: `days of ${period.days}`,
    unitPrice: price.amount,
    amount,
    words: () => ({
      text: `${addon.name}${choice}, ${span}: ${groupMoney(price.amount, money.scale)}${each}${units === 1 ? "" : ` × ${units}`} × ${paidDays}/${period.days} = ${groupMoney(amount, money.scale)} (charged by day${why ? `, ${why}` : ""})`,
      explanation: `${addon.name}${choice} is charged by day for ${paidDays} of ${period.days} days (${span})${why ? `, ${why}` : ""}: ${moneyText(price.amount, money)}${each}${units === 1 ? "" : ` × ${units}`} × ${paidDays}/${period.days} = ${moneyText(amount, money)}.`,
    }),
  });
}

function priceOf(item: SelectedAddon, edition: EditionPlan): AddonPrice {
  const { offer, option } = item;
  if (offer.kind === "included") return { kind: "included", reason: offer.reason ?? `included in ${edition.name}` };
  const cell = option !== undefined ? offer.options?.get(option) : offer.price;
  if (cell === "included") return { kind: "included", reason: offer.reason ?? `included in ${edition.name}` };
  if (cell === undefined || cell === "not-offered") return { kind: "unpublished" };
  return { kind: "price", amount: cell };
}
