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

/** Plain decimal notation, never exponent notation. */
export function decimalString(value: Decimal): string {
  return value.toFixed();
}
