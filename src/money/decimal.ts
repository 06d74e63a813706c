import { Decimal as DecimalJs } from "decimal.js";
import { DECIMAL_PRECISION } from "../guard/limits.js";

/**
 * The one Decimal constructor ratecard computes with. Its precision is derived from the limits
 * on accepted numbers (limits.ts), so every product and sum of accepted values is exact; no
 * amount ever passes through a float.
 */
export const Decimal = DecimalJs.clone({
  precision: DECIMAL_PRECISION,
  toExpNeg: -DECIMAL_PRECISION,
  toExpPos: DECIMAL_PRECISION,
});
export type Decimal = InstanceType<typeof Decimal>;

export const ZERO = new Decimal(0);
export const ONE = new Decimal(1);

/** Plain decimal notation, never exponent notation. */
export function decimalString(value: Decimal): string {
  return value.toFixed();
}

/** Decimals a price was written with beyond its value's own ("0.150": 3): shown, never computed with. */
const WRITTEN_PLACES = new WeakMap<Decimal, number>();

/**
 * A price read from the rules that shows as written: "0.150" stays 0.150 wherever it is shown
 * (scaledString), while arithmetic on it gives plain values. A number (12.5) has no trailing zeros.
 */
export function writtenDecimal(text: string | number): Decimal {
  const value = new Decimal(text);
  const places = typeof text === "string" && text.includes(".") ? text.length - text.indexOf(".") - 1 : 0;
  if (places > value.decimalPlaces()) WRITTEN_PLACES.set(value, places);
  return value;
}

/**
 * At least `scale` decimals, or the decimals a price was written with if more: 5 → "5.00",
 * 0.125 → "0.125", "0.150" as written → "0.150". A value with more decimals keeps them; callers
 * round first. Padding the plain digits is exact and cheaper than decimal.js's toFixed.
 */
export function scaledString(value: Decimal, scale: number): string {
  const places = value.decimalPlaces();
  const text = value.toFixed();
  const shown = Math.max(scale, WRITTEN_PLACES.get(value) ?? 0);
  if (places >= shown) return text;
  return `${text}${places === 0 ? "." : ""}${"0".repeat(shown - places)}`;
}

/** Whole numbers below this are exact as JavaScript numbers, and so are their sums and products with one another up to 2^53. */
const WHOLE_LIMIT_EXPONENT = 14;

/**
 * The value as a number when it is a whole number below 10^15 (so exact as a float, with room
 * for exact integer arithmetic on it); otherwise undefined. Reads decimal.js's documented
 * digits (`d`: base-10^7 words, trailing zero words dropped; `e`: the decimal exponent), which
 * costs a fraction of `toNumber()`'s trip through a string.
 */
export function wholeNumber(value: Decimal): number | undefined {
  if (value.e > WHOLE_LIMIT_EXPONENT || !value.isInteger()) return undefined;
  const words = Math.floor(value.e / 7) + 1; // eslint-disable-line ratecard/no-float-money -- a word count, not money
  let whole = 0;
  for (let i = 0; i < words; i++) whole = whole * 1e7 + (value.d[i] ?? 0);
  return value.s < 0 && whole !== 0 ? -whole : whole;
}
