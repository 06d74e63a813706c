import { Decimal } from "decimal.js";
import type { Issues } from "./issues.js";
import type { BillingPeriod, OfferSource } from "./model.js";
import { otherUnitWords, seatUnit } from "./units.js";

/** The monthly amount in one billing period, or the words that stand for a price not made public. */
export type PeriodPrice = { kind: "amount"; amount: Decimal } | { kind: "text"; text: string };

/** The price in a billing period: the period's own price (1.x annualPrice) or the monthly price × the period's factor. */
export function periodPrice(offer: OfferSource, period: BillingPeriod): PeriodPrice {
  const own = offer.periodPrices[period.months];
  const price = own ?? offer.price;
  if (price.kind === "text") return price;
  if (price.kind === "missing") return { kind: "text", text: "Price not given" };
  return { kind: "amount", amount: new Decimal(price.amount).times(own ? 1 : period.factor) };
}

/** Whether the price is per user; a unit per something else is reported once, and priced flat. */
export function isPerSeat(offer: OfferSource, issues: Issues): boolean {
  const others = otherUnitWords(offer.unit);
  if (others.length)
    issues.unmapped([...offer.path, "unit"], `a price per ${others.join("/")} is imported as a flat monthly price`);
  return seatUnit(offer.unit) !== undefined;
}

/** Exact decimal text for the rule set: plain notation, at most 12 decimals. */
export function amountText(amount: Decimal): string {
  return amount.toDecimalPlaces(12).toFixed();
}
