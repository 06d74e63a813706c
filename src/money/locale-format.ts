import { groupText } from "./format.js";

/** Intl.NumberFormat takes at most this many fraction digits. */
const MAX_FRACTION_DIGITS = 20;

/** Intl.NumberFormat reads a decimal string exactly (ECMA-402 v3); typed here since the ES2022 lib names numbers only. */
type ExactFormat = (value: string) => string;

const cache = new Map<string, ExactFormat>();

function formatter(locale: string, currency: string | undefined, decimals: number): ExactFormat {
  const key = `${locale}|${currency ?? ""}|${decimals}`;
  let format = cache.get(key);
  if (!format) {
    const options: Intl.NumberFormatOptions = {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      ...(currency ? { style: "currency", currency } : {}),
    };
    const intl = new Intl.NumberFormat(locale, options);
    format = intl.format.bind(intl) as unknown as ExactFormat;
    cache.set(key, format);
  }
  return format;
}

function decimalsOf(text: string): number {
  const point = text.indexOf(".");
  return point < 0 ? 0 : text.length - point - 1;
}

/**
 * An exact decimal string ("0.00005", "2219.90") as the customer's locale writes money: "$0.00005",
 * "2.219,90 €". Every digit of the string is shown, no float ever holds the amount.
 */
export function localMoney(text: string, currency: string, locale: string): string {
  const decimals = decimalsOf(text);
  if (decimals > MAX_FRACTION_DIGITS) return `${groupText(text)} ${currency}`;
  return formatter(locale, currency, decimals)(text);
}

/** A count ("100000", "12.5") grouped as the locale groups digits, every digit kept. */
export function localNumber(text: string, locale: string): string {
  const decimals = decimalsOf(text);
  if (decimals > MAX_FRACTION_DIGITS) return groupText(text);
  return formatter(locale, undefined, decimals)(text);
}
