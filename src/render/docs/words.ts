import { Decimal, scaledString } from "../../money/decimal.js";
import { groupText } from "../../money/format.js";
import type { DecimalText, IncludedDoc, MeterDoc, PriceDoc, TierDoc } from "../../model/document.js";

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

/** The currency a page states amounts in: its code and the decimals an amount shows at least. */
export interface Currency {
  code: string;
  scale: number;
}

/** An amount of money as a price list shows it: "29.50 EUR", "0.0008 EUR" (more decimals kept, never fewer than the currency's). */
export function money(value: DecimalText, currency: Currency): string {
  return `${groupText(scaledString(new Decimal(value), currency.scale))} ${currency.code}`;
}

export const count = amount;

export function plural(meter: MeterDoc): string {
  return meter.plural ?? `${meter.unit}s`;
}

/** An included quota as a page states it: "10,000", or "100 per host". */
export function includedWords(included: IncludedDoc, meters: readonly MeterDoc[]): string {
  if (typeof included !== "object") return count(included);
  const per = meters.find((meter) => meter.id === included.per);
  return `${count(included.amount)} per ${per?.unit ?? included.per}`;
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
    case "percentile":
      return `charged on the ${meter.percentile}th percentile (nearest rank) of the ${meter.input === "hourly" ? "hourly values (UTC)" : "values"} of the calendar month`;
  }
}

/** A price in words, as a price page would state it. */
export function priceWords(price: PriceDoc, meter: MeterDoc, currency: Currency): string {
  switch (price.model) {
    case "flat":
      return `${money(price.amount, currency)}/month flat when there is billable usage`;
    case "per-unit":
      return price.per ? `${money(price.unitPrice, currency)} per ${count(price.per)} ${plural(meter)}/month` : `${money(price.unitPrice, currency)}/${meter.unit}/month`;
    case "block": {
      const size = count(price.blockSize);
      return `${money(price.blockPrice, currency)}/${size} ${plural(meter)}. Fewer than ${size} are billed as ${size}.`;
    }
    case "percentage": {
      const bounds = [price.minimum === undefined ? "" : `at least ${money(price.minimum, currency)}`, price.maximum === undefined ? "" : `at most ${money(price.maximum, currency)}`].filter(Boolean);
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

function tierWords(tiers: readonly TierDoc[], meter: MeterDoc, currency: Currency, first: string, next: string): string {
  let previous: Decimal | undefined;
  return tiers
    .map((tier) => {
      const flat = tier.flatPrice === undefined ? "" : ` plus ${money(tier.flatPrice, currency)}`;
      const price = `${money(tier.unitPrice, currency)}/${meter.unit}${flat}`;
      if (tier.upTo === undefined) return `above ${count(previous?.toFixed() ?? "0")}: ${price}`;
      const bound = new Decimal(tier.upTo);
      const span = first === next ? `up to ${count(tier.upTo)}` : previous ? `${next} ${count(bound.minus(previous).toFixed())}` : `${first} ${count(tier.upTo)}`;
      previous = bound;
      return `${span}: ${price}`;
    })
    .join("; ");
}
