import { MONTH_NAMES } from "../../calendar/dates.js";
import { Decimal, scaledString, writtenDecimal } from "../../money/decimal.js";
import { ordinal, unitOf } from "../../money/format.js";
import { localMoney, localNumber } from "../../money/locale-format.js";
import {
  isPerDay,
  type DecimalText,
  type IncludedDoc,
  type MeterDoc,
  type PriceDoc,
  type TierDoc,
} from "../../model/document.js";

/** "December 26, 2022", the way price pages write dates. */
export function longDate(date: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return `${MONTH_NAMES[m - 1]} ${d}, ${y}`;
}

/** A number as the rule file writes it (0.20 stays 0.20), grouped as the customer's locale groups digits. */
export function amount(value: DecimalText, at: { locale: string }): string {
  return localNumber(String(value), at.locale);
}

/**
 * The currency a page states amounts in: its code, the decimals an amount shows at least, the
 * customer's locale, and where the exact prices behind rescaled unit prices are noted.
 */
export interface Currency {
  code: string;
  scale: number;
  locale: string;
  notes?: PriceNotes;
}

/** An amount of money as the customer's locale writes it: "$29.50", "€0.0008" (more decimals kept, never fewer than the currency's). */
export function money(value: DecimalText, currency: Currency): string {
  return localMoney(scaledString(writtenDecimal(value), currency.scale), currency.code, currency.locale);
}

const SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

/** Footnotes of a page: the exact price behind each unit price restated per 1,000 or per million. */
export class PriceNotes {
  private readonly texts: string[] = [];

  /** The marker ("¹") of a note, the same marker for the same text. */
  add(text: string): string {
    let index = this.texts.indexOf(text);
    if (index < 0) index = this.texts.push(text) - 1;
    return markerOf(index + 1);
  }

  /** "¹ $0.00005 per event", in the order the markers were handed out. */
  items(): string[] {
    return this.texts.map((text, i) => `${markerOf(i + 1)} ${text}`);
  }
}

function markerOf(n: number): string {
  return [...String(n)].map((digit) => SUPERSCRIPTS["0123456789".indexOf(digit)]).join("");
}

/** The powers of ten a unit price is restated per: 1,000, a million, a billion units. */
const POWERS = [3, 6, 9];

function perWords(power: number, currency: Currency): string {
  return power === 3 ? amount("1000", currency) : power === 6 ? "million" : "billion";
}

/** Decimals a restated unit price may show; a price that needs more is worded as written. */
const RESTATED_EXTRA_DECIMALS = 6;

/**
 * A unit price as customers read it: "$0.25 per seat"; a price below one minor unit of the
 * currency is restated per 1,000, million or billion units ("$50.00 per million events"), and
 * its exact price goes to the page's notes. A price that restates only with endless decimals
 * (0.01 per 3) is worded as written.
 */
export function unitPriceWords(
  unitPrice: DecimalText,
  per: DecimalText | undefined,
  unit: string,
  plural: string,
  currency: Currency,
): string {
  const stated = new Decimal(unitPrice);
  const each = per === undefined ? stated : stated.div(per);
  const minor = new Decimal(10).pow(-currency.scale);
  const asWritten =
    per === undefined || new Decimal(per).eq(1)
      ? `${money(unitPrice, currency)} per ${unit}`
      : `${money(unitPrice, currency)} per ${amount(per, currency)} ${plural}`;
  if (each.gte(minor) || each.isZero()) return asWritten;
  const [exponent] = POWERS.filter((e) => each.times(new Decimal(10).pow(e)).gte(minor.times(10)));
  const power = exponent ?? 9;
  const restated = exactQuotient(stated.times(new Decimal(10).pow(power)), per, currency.scale);
  if (restated === undefined) return asWritten;
  const text = `${money(restated.toFixed(), currency)} per ${perWords(power, currency)} ${plural}`;
  if (per !== undefined && new Decimal(per).eq(new Decimal(10).pow(power))) return text;
  const perUnit = restated.div(new Decimal(10).pow(power)).toFixed();
  const marker = currency.notes?.add(`${text} is ${money(perUnit, currency)} per ${unit}.`) ?? "";
  return `${text}${marker}`;
}

/** `amount / per` when it ends within the money scale plus a few decimals; undefined when it does not. */
function exactQuotient(amount: Decimal, per: DecimalText | undefined, scale: number): Decimal | undefined {
  if (per === undefined) return amount;
  const quotient = amount.div(per).toDecimalPlaces(scale + RESTATED_EXTRA_DECIMALS);
  return quotient.times(per).eq(amount) ? quotient : undefined;
}

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
    case "percentile":
      return `charged on the ${ordinal(String(meter.percentile))} percentile (nearest rank) of the ${meter.input === "hourly" ? "hourly values (UTC)" : "values"} of the calendar month`;
  }
}

/**
 * An included quota of `meter` as a page states it: "10,000 users", "100 metrics per host",
 * "3 GB per GB of storage" when the unit alone does not name the meter it is per, "the first 2,500
 * transactions each day", and "… in the first 12 months after sign-up" for a quota of the first months.
 */
export function includedWords(
  included: IncludedDoc,
  meter: MeterDoc,
  meters: readonly MeterDoc[],
  currency: Currency,
  firstMonths?: number,
): string {
  const words = allotmentWords(included, meter, meters, currency);
  if (firstMonths === undefined) return words;
  return `${words}${typeof included === "object" ? "" : " a month"} ${afterSignup(firstMonths)}`;
}

/** "in the first 12 months after sign-up": when a quota of the first months is granted. */
export function afterSignup(months: number): string {
  return `in the first ${months === 1 ? "month" : `${months} months`} after sign-up`;
}

/** "10,000 users", "2,500 transactions a day", "100 metrics per host". */
function allotmentWords(included: IncludedDoc, meter: MeterDoc, meters: readonly MeterDoc[], currency: Currency) {
  const units = (value: DecimalText) =>
    `${amount(value, currency)} ${new Decimal(value).eq(1) ? meter.unit : plural(meter)}`;
  if (typeof included !== "object") return units(included);
  if (isPerDay(included)) return `the first ${units(included.perDay)} each day`;
  const per = meters.find((m) => m.id === included.per);
  return `${units(included.amount)} per ${per ? unitOf(per) : included.per}`;
}

/** A price in words, as a price page would state it. */
export function priceWords(price: PriceDoc, meter: MeterDoc, currency: Currency): string {
  switch (price.model) {
    case "flat":
      return `${money(price.amount, currency)} a month flat when there is billable usage`;
    case "per-unit":
      return unitPriceWords(price.unitPrice, price.per, meter.unit, plural(meter), currency);
    case "block": {
      const size = amount(price.blockSize, currency);
      return `${money(price.blockPrice, currency)} per ${size} ${plural(meter)}. Fewer than ${size} are billed as ${size}.`;
    }
    case "percentage": {
      const bounds = [
        price.minimum === undefined ? "" : `at least ${money(price.minimum, currency)}`,
        price.maximum === undefined ? "" : `at most ${money(price.maximum, currency)}`,
      ].filter(Boolean);
      return `${amount(price.percent, currency)}% of the month's ${meter.name.toLowerCase()}${bounds.length ? ` (${bounds.join(", ")} a month)` : ""}`;
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
  return on === "total"
    ? " Tiers count every unit used, the included quota first; included units are not billed."
    : " Tiers count the usage above the included quota.";
}

function tierWords(
  tiers: readonly TierDoc[],
  meter: MeterDoc,
  currency: Currency,
  first: string,
  next: string,
): string {
  let previous: Decimal | undefined;
  return tiers
    .map((tier) => {
      const flat = tier.flatPrice === undefined ? "" : ` plus ${money(tier.flatPrice, currency)}`;
      const price = `${unitPriceWords(tier.unitPrice, undefined, meter.unit, plural(meter), currency)}${flat}`;
      if (tier.upTo === undefined) return `above ${amount(previous?.toFixed() ?? "0", currency)}: ${price}`;
      const bound = new Decimal(tier.upTo);
      const span =
        first === next
          ? `up to ${amount(tier.upTo, currency)}`
          : previous
            ? `${next} ${amount(bound.minus(previous).toFixed(), currency)}`
            : `${first} ${amount(tier.upTo, currency)}`;
      previous = bound;
      return `${span}: ${price}`;
    })
    .join("; ");
}
