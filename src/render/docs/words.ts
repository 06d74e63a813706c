import { Decimal } from "../../money/decimal.js";
import { groupText } from "../../money/format.js";
import type { DecimalText, MeterDoc, PriceDoc, TierDoc } from "../../model/document.js";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "December 26, 2022", the way price pages write dates. */
export function longDate(date: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return `${MONTHS[m - 1]} ${d}, ${y}`;
}

/** An amount as the rule file writes it (0.20 stays 0.20), thousands grouped. */
export function amount(value: DecimalText): string {
  return groupText(String(value));
}

export const count = amount;

export function plural(meter: MeterDoc): string {
  return meter.plural ?? `${meter.unit}s`;
}

/** How a meter's month is measured, as a clause: "charged on the peak value within the calendar month". */
export function aggregateWords(meter: MeterDoc): string {
  switch (meter.aggregate) {
    case "max":
      return "charged on the peak value within the calendar month";
    case "sum":
      return "charged on the total within the calendar month";
    case "min":
      return "charged on the lowest value within the calendar month";
    case "average":
      return meter.missingDays === "ignore"
        ? "charged on the average of the days reported in the calendar month"
        : "charged on the average over every day of the calendar month (a day not reported counts as 0)";
    case "latest":
      return "charged on the last value of the calendar month";
  }
}

/** A price in words, as a price page would state it. */
export function priceWords(price: PriceDoc, meter: MeterDoc, currency: string): string {
  switch (price.model) {
    case "flat":
      return `${amount(price.amount)} ${currency}/month flat when there is billable usage`;
    case "per-unit":
      return price.per ? `${amount(price.unitPrice)} ${currency} per ${count(price.per)} ${plural(meter)}/month` : `${amount(price.unitPrice)} ${currency}/${meter.unit}/month`;
    case "block": {
      const size = count(price.blockSize);
      return `${amount(price.blockPrice)} ${currency}/${size} ${plural(meter)}. Fewer than ${size} are billed as ${size}.`;
    }
    case "percentage": {
      const bounds = [price.minimum === undefined ? "" : `at least ${amount(price.minimum)} ${currency}`, price.maximum === undefined ? "" : `at most ${amount(price.maximum)} ${currency}`].filter(Boolean);
      return `${amount(price.percent)}% of the month's ${meter.name.toLowerCase()}${bounds.length ? ` (${bounds.join(", ")} a month)` : ""}`;
    }
    case "graduated":
      return `Graduated: ${tierWords(price.tiers, meter, currency, "the first", "the next")}.${tierBasis(price.on)}`;
    case "volume":
      return `Volume: all units at the price of the tier the total falls in: ${tierWords(price.tiers, meter, currency, "up to", "up to")}.${tierBasis(price.on)}`;
    case "free": {
      const until = price.until ? ` until ${longDate(price.until)}` : "";
      const then = price.then ? `; then ${priceWords(price.then, meter, currency)}` : "";
      return `${price.note}${until}${then}`;
    }
  }
}

/** Where tiers count from, stated on the page: above the included quota (the default) or from the first unit used. */
function tierBasis(on: "billable" | "total" | undefined): string {
  return on === "total" ? " Tiers count every unit used, the included quota first; included units are not billed." : " Tiers count the usage above the included quota.";
}

function tierWords(tiers: readonly TierDoc[], meter: MeterDoc, currency: string, first: string, next: string): string {
  let previous: Decimal | undefined;
  return tiers
    .map((tier) => {
      const flat = tier.flatPrice === undefined ? "" : ` plus ${amount(tier.flatPrice)} ${currency}`;
      const price = `${amount(tier.unitPrice)} ${currency}/${meter.unit}${flat}`;
      if (tier.upTo === undefined) return `above ${count(previous?.toFixed() ?? "0")}: ${price}`;
      const bound = new Decimal(tier.upTo);
      const span = first === next ? `up to ${count(tier.upTo)}` : previous ? `${next} ${count(bound.minus(previous).toFixed())}` : `${first} ${count(tier.upTo)}`;
      previous = bound;
      return `${span}: ${price}`;
    })
    .join("; ");
}
