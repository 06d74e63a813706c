import { decimalString, isOne, scaledString, type Decimal } from "./decimal.js";

/** Groups thousands for people: 23456 → "23,456"; keeps every decimal digit. */
export function groupDigits(value: Decimal): string {
  return groupText(decimalString(value));
}

/** A quantity of a meter's unit: "13,456 users", "1 user". */
export function counted(quantity: Decimal, meter: { unit: string; plural: string }): string {
  return `${groupDigits(quantity)} ${isOne(quantity) ? meter.unit : meter.plural}`;
}

/** An amount for people: grouped, with at least the currency's decimals (0.2 → "0.20"; 0.0008 stays). */
export function groupMoney(value: Decimal, scale: number): string {
  return groupText(clippedDecimal(scaledString(value, scale)));
}

/** Decimal places words show; a rule's figures have at most 12, so only a quotient runs longer. */
const SHOWN_PLACES = 12;

/**
 * A decimal's text for words, cut after SHOWN_PLACES decimals with "…" (20.00 × 9/31 is
 * 5.806451612903… to the 160 digits of the working precision): the amount is rounded to the
 * currency's scale in one place anyway, and the trace says so.
 */
export function clippedDecimal(text: string): string {
  const point = text.indexOf(".");
  return point >= 0 && text.length - point - 1 > SHOWN_PLACES ? `${text.slice(0, point + 1 + SHOWN_PLACES)}…` : text;
}

/**
 * A name as it reads mid-sentence: "Emails sent" → "emails sent"; acronyms ("SMS", "API calls")
 * and names in title case ("Fast Data Transfer") keep their case.
 */
export function inSentence(name: string): string {
  return /^[A-Z][a-z]/.test(name) && !/^[A-Z][a-z]*( [A-Z][A-Za-z]*)+$/.test(name)
    ? name.charAt(0).toLowerCase() + name.slice(1)
    : name;
}

/** "host" for a meter named Hosts, "GB of storage" for one named Storage: a unit of a meter, naming the meter when the unit does not. */
export function unitOf(meter: { name: string; unit: string }): string {
  return meter.name.toLowerCase().includes(meter.unit.toLowerCase())
    ? meter.unit
    : `${meter.unit} of ${inSentence(meter.name)}`;
}

/** "99th", "1st", "22nd", "13th", "99.9th": a number as an ordinal in words. */
export function ordinal(number: string): string {
  if (number.includes(".") || /1\d$/.test(number)) return `${number}th`;
  return number + ({ "1": "st", "2": "nd", "3": "rd" }[number.slice(-1)] ?? "th");
}

/** Groups the thousands of a decimal string as written: "2219.90" → "2,219.90". */
export function groupText(decimal: string): string {
  const point = decimal.indexOf(".");
  const end = point < 0 ? decimal.length : point;
  const start = decimal.startsWith("-") ? 1 : 0;
  if (end - start <= 3) return decimal;
  // Sliced from the left: the first group holds 1–3 digits, every later group 3.
  let out = decimal.slice(0, start + ((end - start) % 3 || 3));
  for (let i = out.length; i < end; i += 3) out += `,${decimal.slice(i, i + 3)}`;
  return out + decimal.slice(end);
}
