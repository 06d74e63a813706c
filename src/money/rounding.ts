import { Decimal } from "./decimal.js";

/** Rounding modes a rule set may name, mapped onto decimal.js constants. */
export const ROUNDING_MODES = {
  "half-up": Decimal.ROUND_HALF_UP,
  "half-even": Decimal.ROUND_HALF_EVEN,
  "half-down": Decimal.ROUND_HALF_DOWN,
  up: Decimal.ROUND_UP,
  down: Decimal.ROUND_DOWN,
} as const;

export type RoundingMode = keyof typeof ROUNDING_MODES;
