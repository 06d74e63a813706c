import { addDays, daysBetween } from "../calendar/dates.js";
import type { Period } from "../calendar/period.js";
import { Decimal, ZERO } from "../money/decimal.js";
import { groupDigits } from "../money/format.js";
import { moneyText, type MoneyPolicy } from "../money/policy.js";
import type { EditionPlan, QuoteWarning } from "../model/plan.js";
import type { SelectedAddon } from "../usage/select-addons.js";
import type { DraftLine } from "./draft-line.js";

/** The monthly price of a bought add-on in its edition: a price, included, or not published. */
type AddonPrice = { kind: "price"; amount: Decimal } | { kind: "included"; reason: string } | { kind: "unpublished" };

/**
 * One line per bought add-on. A free trial covering the month makes it free; a month with
 * no published price after a trial gets a warning and no line, never an invented amount.
 */
export function addonLines(selected: readonly SelectedAddon[], edition: EditionPlan, period: Period, money: MoneyPolicy, warnings: QuoteWarning[], trace: { rule: string; text: string }[]): DraftLine[] {
  const lines: DraftLine[] = [];
  for (const item of selected) {
    const line = addonLine(item, edition, period, money, warnings);
    if (line) {
      lines.push(line);
      trace.push({ rule: line.rule, text: line.text });
    }
  }
  return lines;
}

function addonLine(item: SelectedAddon, edition: EditionPlan, period: Period, money: MoneyPolicy, warnings: QuoteWarning[]): DraftLine | undefined {
  const { addon } = item;
  const choice = item.option !== undefined && addon.option ? ` (${item.option}${addon.option.unit ? ` ${addon.option.unit}s` : ""})` : "";
  const beta = addon.status === "beta" ? " [beta]" : "";
  const base = { id: addon.id, kind: "addon" as const, description: `${addon.name}${choice}${beta}`, quantity: new Decimal(1), unit: "month", rule: `addon/${addon.id}` };
  const free = (note: string, text: string, explanation: string): DraftLine => ({ ...base, unitPrice: ZERO, amount: ZERO, note, text, explanation });
  const price = priceOf(item, edition);

  if (price.kind === "included") return free("Included in the edition", `${addon.name}${choice}: ${price.reason}`, `${addon.name}${choice} is included in ${edition.name}: no charge.`);
  const trial = addon.trial && item.activatedAt ? trialWindow(item.activatedAt, addon.trial.days, period) : undefined;
  if (trial && trial.lastDay >= period.to) {
    const note = addon.trial?.note ?? `Free trial of ${addon.trial?.days} days`;
    const days = `day ${trial.firstDayNumber}–${trial.lastDayNumberInPeriod} of ${addon.trial?.days}`;
    return free(note, `${addon.name}: free trial, ${days} (from ${item.activatedAt}, ends ${trial.lastDay})`, `${addon.name} is in its free trial this month (${days}, activated ${item.activatedAt}, last free day ${trial.lastDay}): no charge.`);
  }
  if (price.kind === "unpublished") {
    const when = trial ? `after its free trial ends on ${trial.lastDay}` : `with ${edition.name} in these prices`;
    warnings.push({ code: "addon.unpriced", message: `${addon.name} (${addon.id}) has no published price ${when}; it is not priced in this quote` });
    if (trial && trial.lastDay >= period.from) {
      return free(addon.trial?.note ?? "Free trial", `${addon.name}: free trial until ${trial.lastDay}; no published price after it`, `${addon.name} is free until the end of its trial on ${trial.lastDay}; no price is published for the days after it.`);
    }
    return undefined;
  }
  if (trial && trial.lastDay >= period.from) {
    warnings.push({ code: "trial.ends-in-period", message: `${addon.name} (${addon.id}): the free trial ends on ${trial.lastDay}, inside ${period.month}; the full monthly price is quoted` });
  }
  return {
    ...base,
    unitPrice: price.amount,
    amount: price.amount,
    text: `${addon.name}${choice}: 1 month × ${groupDigits(price.amount)}`,
    explanation: `${addon.name}${choice} costs ${moneyText(price.amount, money)} a month with ${edition.name}.`,
  };
}

function priceOf(item: SelectedAddon, edition: EditionPlan): AddonPrice {
  const { offer, option } = item;
  if (offer.kind === "included") return { kind: "included", reason: offer.reason ?? `included in ${edition.name}` };
  const cell = option !== undefined ? offer.options?.get(option) : offer.price;
  if (cell === "included") return { kind: "included", reason: offer.reason ?? `included in ${edition.name}` };
  if (cell === undefined || cell === "not-offered") return { kind: "unpublished" };
  return { kind: "price", amount: cell };
}

/** The trial's last free day, and where the period falls in it (day numbers count from 1). */
function trialWindow(activatedAt: string, days: number, period: Period) {
  const lastDay = addDays(activatedAt, days - 1);
  const firstInPeriod = activatedAt > period.from ? activatedAt : period.from;
  const lastInPeriod = lastDay < period.to ? lastDay : period.to;
  return {
    lastDay,
    firstDayNumber: daysBetween(activatedAt, firstInPeriod) + 1,
    lastDayNumberInPeriod: daysBetween(activatedAt, lastInPeriod) + 1,
  };
}
