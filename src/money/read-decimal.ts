import { LIMITS } from "../guard/limits.js";
import { Decimal } from "./decimal.js";
import { readScaled, scaledDecimal } from "./scaled.js";

/** A number as written: sign, digits, optional fraction and exponent (no hex, no spaces, no "Infinity"). */
const NUMBER_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Why a value is not an acceptable number, in words that finish "… is X, which …". */
export type DecimalRefusal = "not a number" | "too large" | "too precise";

/**
 * Reads a number or a decimal string exactly, refusing before any arithmetic whatever would
 * exceed LIMITS: more than `integerDigits` digits before the point or `fractionDigits` after
 * it, however the value is written (an exponent of 1e9000000000000000 is refused, not expanded).
 */
export function readDecimal(raw: unknown): Decimal | DecimalRefusal {
  // The common case, plain digits within the limits, is read without a regular expression or decimal.js's parse.
  const scaled = readScaled(raw);
  if (scaled) return scaledDecimal(scaled.mantissa, scaled.scale);
  // A safe integer has at most 16 digits: within the limits, read without parsing text (-0 reads as 0).
  if (Number.isSafeInteger(raw)) return new Decimal((raw as number) + 0);
  if (typeof raw === "number") return Number.isFinite(raw) ? checked(String(raw)) : "not a number";
  if (typeof raw !== "string" || raw.length > 200) return typeof raw === "string" ? "too large" : "not a number";
  return checked(raw);
}

function checked(text: string): Decimal | DecimalRefusal {
  const match = NUMBER_TEXT.exec(text);
  if (!match) return "not a number";
  const [, , whole = "", fraction = "", exponentText] = match;
  if (whole === "" && fraction === "") return "not a number";
  if (exponentText !== undefined && exponentText.replace(/^[+-]?0*/, "").length > 4)
    return /^-/.test(exponentText) ? "too precise" : "too large";
  // eslint-disable-next-line ratecard/no-float-money -- an exponent of at most 4 digits, checked above
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  const digits = (whole + fraction).replace(/^0+/, "");
  if (digits === "") return new Decimal(0);
  // Position of the first significant digit and of the last, relative to the decimal point.
  const leading = whole.length + exponent - ((whole + fraction).length - digits.length);
  const trailing = digits.replace(/0+$/, "").length;
  if (leading > LIMITS.integerDigits) return "too large";
  if (trailing - leading > LIMITS.fractionDigits) return "too precise";
  return new Decimal(text);
}

/** The limit a refusal refers to, for messages. */
export function refusalText(refusal: DecimalRefusal): string {
  if (refusal === "too large")
    return `which is above the limit of ${LIMITS.integerDigits} digits before the decimal point`;
  if (refusal === "too precise") return `which has more than ${LIMITS.fractionDigits} digits after the decimal point`;
  return "which is not a number";
}
