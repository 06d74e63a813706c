import { Decimal as DecimalJs } from "decimal.js";

/**
 * The one Decimal constructor ratecard computes with. 60 significant digits keep
 * products like 1e16 users × a 4-decimal price exact; no amount ever passes through a float.
 */
export const Decimal = DecimalJs.clone({ precision: 60, toExpNeg: -40, toExpPos: 60 });
export type Decimal = InstanceType<typeof Decimal>;

export const ZERO = new Decimal(0);

/** Plain decimal notation, never exponent notation. */
export function decimalString(value: Decimal): string {
  return value.toFixed();
}
