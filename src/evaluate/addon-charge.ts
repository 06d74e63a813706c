import { addDays, daysBetween, type IsoDate } from "../calendar/dates.js";
import { Decimal } from "../money/decimal.js";
import type { EditionPlan } from "../model/plan.js";
import type { SelectedAddon } from "../usage/select-addons.js";

/** The days of the month an add-on line covers. */
export interface Window {
  from: IsoDate;
  to: IsoDate;
}

/** Where a free trial stands for the window: its days, activation and last free day. */
interface Trial {
  activatedAt: IsoDate;
  /** The last free day. */
  last: IsoDate;
  /** Whether the trial reaches into the window. */
  inWindow: boolean;
}

/**
 * What a bought add-on costs for a window of the month, before any words: included in the
 * edition; free (the whole window in its free trial); unpriced (no published price, so no amount
 * is invented); billed for the whole month; or prorated by day over its paid days.
 */
export type AddonCharge =
  | { kind: "included"; reason: string }
  | { kind: "free-trial"; trial: Trial; activeFrom: IsoDate }
  | { kind: "unpriced"; trial?: Trial }
  | { kind: "whole"; unitPrice: Decimal; units: number; amount: Decimal; trial?: Trial }
  | {
      kind: "prorated";
      unitPrice: Decimal;
      units: number;
      paidFrom: IsoDate;
      paidDays: number;
      monthDays: number;
      amount: Decimal;
      trial?: Trial;
    };

/** The charge of one add-on for a window of a month of `monthDays` days; `daily`: the mode prorates by day. */
export function addonCharge(
  item: SelectedAddon,
  edition: EditionPlan,
  window: Window,
  monthDays: number,
  daily: boolean,
): AddonCharge {
  const price = priceOf(item, edition);
  if (price.kind === "included") return price;
  const { addon, activatedAt } = item;
  const activeFrom = activatedAt && activatedAt > window.from ? activatedAt : window.from;
  const last = addon.trial && activatedAt ? addDays(activatedAt, addon.trial.days - 1) : undefined;
  const trial = last && activatedAt ? { activatedAt, last, inWindow: last >= window.from } : undefined;
  const paidFrom = last && last >= activeFrom ? addDays(last, 1) : activeFrom;
  if (trial && paidFrom > window.to) return { kind: "free-trial", trial, activeFrom };
  if (price.kind === "unpublished") return { kind: "unpriced", ...(trial ? { trial } : {}) };
  const units = item.quantity;
  const paidDays = daysBetween(paidFrom, window.to) + 1;
  const withTrial = trial ? { trial } : {};
  if (!daily || paidDays === monthDays) {
    return { kind: "whole", unitPrice: price.amount, units, amount: price.amount.mul(units), ...withTrial };
  }
  const amount = price.amount.mul(units).mul(paidDays).div(monthDays);
  return { kind: "prorated", unitPrice: price.amount, units, paidFrom, paidDays, monthDays, amount, ...withTrial };
}

/** The monthly price of a bought add-on in its edition: a price, included, or not published. */
type AddonPrice = { kind: "price"; amount: Decimal } | { kind: "included"; reason: string } | { kind: "unpublished" };

function priceOf(item: SelectedAddon, edition: EditionPlan): AddonPrice {
  const { offer, option } = item;
  if (offer.kind === "included") return { kind: "included", reason: offer.reason ?? `included in ${edition.name}` };
  const cell = option !== undefined ? offer.options?.get(option) : offer.price;
  if (cell === "included") return { kind: "included", reason: offer.reason ?? `included in ${edition.name}` };
  if (cell === undefined || cell === "not-offered") return { kind: "unpublished" };
  return { kind: "price", amount: cell };
}
