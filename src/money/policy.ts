import { Decimal, decimalString, scaledString } from "./decimal.js";
import { groupText } from "./format.js";
import { roundScaled } from "./scaled.js";
import { ROUNDING_MODES, type RoundingMode } from "./rounding.js";

/** The money rules of a rule set, as written in its data. */
export interface MoneyPolicy {
  currency: string;
  scale: number;
  rounding: RoundingMode;
  /** `line`: each line is rounded and the total is their sum; `total`: only the total is rounded. */
  roundAt: "line" | "total";
}

/** The single place where amounts are rounded. */
export function roundAmount(amount: Decimal, policy: MoneyPolicy): Decimal {
  if (amount.decimalPlaces() <= policy.scale) return amount;
  const rounding = ROUNDING_MODES[policy.rounding];
  return roundScaled(amount, policy.scale, rounding) ?? amount.toDecimalPlaces(policy.scale, rounding);
}

export function roundLine(amount: Decimal, policy: MoneyPolicy): Decimal {
  return policy.roundAt === "line" ? roundAmount(amount, policy) : amount;
}

/** A line's rounding that never goes above `amount`: a draw on a balance takes at most what the balance holds. */
export function roundLineWithin(amount: Decimal, policy: MoneyPolicy): Decimal {
  const rounded = roundLine(amount, policy);
  return rounded.lte(amount) ? rounded : amount.toDecimalPlaces(policy.scale, Decimal.ROUND_DOWN);
}

/** An amount as it leaves the library: a decimal string, at the currency's scale when rounded. */
export function amountString(amount: Decimal, policy: MoneyPolicy, rounded: boolean): string {
  return rounded ? scaledString(amount, policy.scale) : decimalString(amount);
}

/** Shows an amount as a billed line would: rounded by the policy, thousands grouped, currency last. */
export function moneyText(amount: Decimal, policy: MoneyPolicy): string {
  const rounded = roundLine(amount, policy);
  return `${groupText(amountString(rounded, policy, policy.roundAt === "line"))} ${policy.currency}`;
}
