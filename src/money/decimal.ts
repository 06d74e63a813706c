import { Decimal as DecimalJs } from "decimal.js";
import { DECIMAL_PRECISION } from "../guard/limits.js";

/**
 * The one Decimal constructor ratecard computes with. Its precision is derived from the limits
 * on accepted numbers (limits.ts), so every product and sum of accepted values is exact; no
 * amount ever passes through a float.
 */
export const Decimal = DecimalJs.clone({ precision: DECIMAL_PRECISION, toExpNeg: -DECIMAL_PRECISION, toExpPos: DECIMAL_PRECISION });
export type Decimal = InstanceType<typeof Decimal>;

export const ZERO = new Decimal(0);
export const ONE = new Decimal(1);

/** Plain decimal notation, never exponent notation. */
export function decimalString(value: Decimal): string {
  return value.toFixed();
}

/**
 * At least `scale` decimals: 5 → "5.00", 0.125 → "0.125". A value with more decimals keeps them;
 * callers round first. Padding the plain digits is exact and cheaper than decimal.js's toFixed.
 */
export function scaledString(value: Decimal, scale: number): string {
  const places = value.decimalPlaces();
  const text = value.toFixed();
  if (places >= scale) return text;
  return `${text}${places === 0 ? "." : ""}${"0".repeat(scale - places)}`;
}
