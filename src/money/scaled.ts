import { LIMITS } from "../guard/limits.js";
import { Decimal } from "./decimal.js";

/**
 * A decimal value as a safe integer and a count of decimals: 3.245161 is 3245161 at scale 6.
 * Sums and comparisons of such values at one scale are exact integer arithmetic while they stay
 * below 2^53, at a fraction of what decimal.js costs; past that, callers use Decimals.
 */
export interface Scaled {
  mantissa: number;
  scale: number;
}

/** Most decimals a scaled value is read or made with: its fraction then fits two base-10^7 words. */
const MAX_SCALE = 14;

/** 10^0 … 10^15, exact as numbers. */
const POWERS = Array.from({ length: 16 }, (_, i) => 10 ** i);

/**
 * 10^`exponent` for 0 … 15; NaN past them, which no product is a safe integer with, so callers
 * that check their results fall back to decimal.js.
 */
export function power(exponent: number): number {
  return POWERS[exponent] ?? Number.NaN;
}

/**
 * A usage value as a non-negative scaled integer, when it is a non-negative safe integer or
 * plain decimal text ("40.6", "007", "5.") of at most 15 digits, within LIMITS; otherwise
 * undefined (readDecimal then reads it, or says why not). Values read here are never refused.
 */
export function readScaled(raw: unknown): Scaled | undefined {
  if (typeof raw === "number")
    return Number.isSafeInteger(raw) && raw >= 0 ? { mantissa: raw + 0, scale: 0 } : undefined;
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 16) return undefined;
  let mantissa = 0;
  let digits = 0;
  let point = -1;
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      mantissa = mantissa * 10 + (code - 48);
      digits++;
    } else if (code === 46 && point < 0) point = i;
    else return undefined;
  }
  const scale = point < 0 ? 0 : raw.length - point - 1;
  if (digits === 0 || digits > 15 || scale > LIMITS.fractionDigits || scale > MAX_SCALE) return undefined;
  return { mantissa, scale };
}

/**
 * The Decimal `mantissa` × 10^-`scale`, equal in every field to the one decimal.js's constructor
 * makes from its text (property tests prove it) at a fifth of the cost: its digits are written
 * directly as decimal.js documents them (`d`: base-10^7 words aligned on the decimal point,
 * without leading or trailing zero words; `e`: the exponent of the first digit; `s`: the sign).
 * A mantissa that is not a safe integer, or a scale past MAX_SCALE, is read from its text.
 */
export function scaledDecimal(mantissa: number, scale: number): Decimal {
  if (!Number.isSafeInteger(mantissa) || !Number.isInteger(scale) || scale < 0 || scale > MAX_SCALE)
    return new Decimal(`${mantissa}e-${scale}`);
  const magnitude = mantissa < 0 ? -mantissa : mantissa;
  const fraction = magnitude % power(scale);
  const whole = (magnitude - fraction) / power(scale);
  const small = fraction === 0 && mantissa >= 0 ? SMALL_WHOLES[whole] : undefined;
  if (small) return small;
  // Made by the constructor (its cheapest path), so it shares the hidden class of every other Decimal.
  const value = new Decimal(0) as unknown as { s: number; e: number; d: number[] };
  value.s = mantissa < 0 ? -1 : 1;
  const words: number[] = [];
  pushWords(whole, 0, words);
  const wholeWords = words.length;
  // The fraction padded to whole words of 7 decimals.
  const fractionWords = scale === 0 ? 0 : scale <= 7 ? 1 : 2;
  pushWords(fraction * power(fractionWords * 7 - scale), fractionWords, words);
  let first = 0;
  while (words[first] === 0) first++;
  let end = words.length;
  while (words[end - 1] === 0) end--;
  const lead = digitCount(words[first] ?? 0);
  // The first digit's word lies wholeWords − first − 1 words above the units word (below it past the point).
  value.e = (7 * (wholeWords - first - 1) + lead - 1) | 0;
  value.d = first === 0 && end === words.length ? words : words.slice(first, end);
  return value as Decimal;
}

/**
 * The whole numbers usage is mostly made of, made once: decimal.js never changes a Decimal, and
 * nothing in ratecard tells Decimals apart by identity but prices as written, which are not these.
 */
const SMALL_WHOLES = Array.from({ length: 1024 }, (_, i) => new Decimal(i));

/** Pushes the base-10^7 words of a safe integer, most significant first: all `count` of them, or (count 0) as many as it has. */
function pushWords(value: number, count: number, into: number[]): void {
  const low = value % 1e7;
  const rest = (value - low) / 1e7;
  const middle = rest % 1e7;
  const high = (rest - middle) / 1e7;
  const needed = count || (high ? 3 : middle ? 2 : low ? 1 : 0);
  // `| 0` keeps each word a small integer (as decimal.js's own are), not a float-valued number:
  // one float in a Decimal's fields or digits would slow every Decimal after it.
  if (needed >= 3) into.push(high | 0);
  if (needed >= 2) into.push(middle | 0);
  if (needed >= 1) into.push(low | 0);
}

function digitCount(word: number): number {
  let count = 1;
  for (let limit = 10; word >= limit; limit *= 10) count++;
  return count;
}

/**
 * A Decimal as a scaled integer, read from its documented digits, when it has at most three
 * base-10^7 words that make a safe integer; otherwise undefined. The scale is the value's own
 * decimals (12.50 is 125 at scale 1).
 */
export function scaledOf(value: Decimal): Scaled | undefined {
  return readDigits(value) ? { mantissa: digits.mantissa, scale: digits.scale } : undefined;
}

/** What readDigits read last: one object reused, since sums read every line's amount. */
const digits: Scaled = { mantissa: 0, scale: 0 };

/** Reads `value` into `digits`, as scaledOf describes; false when it does not fit. */
function readDigits(value: Decimal): boolean {
  const { d, e } = value;
  // -0 stays a Decimal: decimal.js keeps its sign through some sums.
  if (!d || d.length > 3 || (value.s < 0 && d[0] === 0)) return false;
  // Words before the point, and zero words between the point and the first digit.
  const wholeWords = e >= 0 ? (e - (e % 7)) / 7 + 1 : 0;
  const zeroWords = e >= 0 ? 0 : (-e - 1 - ((-e - 1) % 7)) / 7;
  if (zeroWords + d.length > 3) return false;
  let mantissa = 0;
  for (const word of d) mantissa = mantissa * 1e7 + word;
  let scale = 7 * (zeroWords + d.length - wholeWords);
  if (!Number.isSafeInteger(mantissa)) return false;
  if (scale < 0) {
    // Whole words left out as zeros after the digits.
    mantissa *= power(-scale);
    scale = 0;
    if (!Number.isSafeInteger(mantissa)) return false;
  }
  while (scale > 0 && mantissa % 10 === 0) {
    mantissa /= 10;
    scale--;
  }
  digits.mantissa = value.s < 0 ? -mantissa : mantissa;
  digits.scale = scale;
  return true;
}

/** decimal.js rounding modes this module rounds scaled values by: all the money policy's. */
const ROUND_UP = 0;
const ROUND_DOWN = 1;
const ROUND_HALF_UP = 4;
const ROUND_HALF_DOWN = 5;
const ROUND_HALF_EVEN = 6;

/**
 * `value.toDecimalPlaces(places, rounding)` on scaled integers when the value has few enough
 * digits and the rounding is one the money policy names; undefined otherwise, and for a
 * negative value that rounds to zero (decimal.js keeps its sign: -0).
 */
export function roundScaled(value: Decimal, places: number, rounding: number): Decimal | undefined {
  if (!readDigits(value) || digits.scale > MAX_SCALE || places < 0) return undefined;
  const scaled = digits;
  if (scaled.scale <= places) return value;
  const negative = scaled.mantissa < 0;
  const magnitude = negative ? -scaled.mantissa : scaled.mantissa;
  const unit = power(scaled.scale - places);
  const rest = magnitude % unit;
  let kept = (magnitude - rest) / unit;
  const twice = rest * 2;
  if (rounding === ROUND_HALF_UP) kept += twice >= unit ? 1 : 0;
  else if (rounding === ROUND_HALF_DOWN) kept += twice > unit ? 1 : 0;
  else if (rounding === ROUND_HALF_EVEN) kept += twice > unit || (twice === unit && kept % 2 === 1) ? 1 : 0;
  else if (rounding === ROUND_UP) kept += rest > 0 ? 1 : 0;
  else if (rounding !== ROUND_DOWN) return undefined;
  if (negative && kept === 0) return undefined;
  return scaledDecimal(negative ? -kept : kept, places);
}

/** `start` plus each value: summed as scaled integers while they stay safe, else by decimal.js. */
export function sumDecimals(start: Decimal, values: readonly Decimal[]): Decimal {
  if (!readDigits(start) || digits.scale > MAX_SCALE) return sumAsDecimals(start, values);
  let { mantissa, scale } = digits;
  for (const value of values) {
    if (!readDigits(value) || digits.scale > MAX_SCALE) return sumAsDecimals(start, values);
    const to = digits.scale > scale ? digits.scale : scale;
    const a = mantissa * power(to - scale);
    const b = digits.mantissa * power(to - digits.scale);
    mantissa = a + b;
    scale = to;
    if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || !Number.isSafeInteger(mantissa))
      return sumAsDecimals(start, values);
  }
  return scaledDecimal(mantissa, scale);
}

/** `a.plus(b)`, on scaled integers when both have few enough digits. */
export function plusDecimal(a: Decimal, b: Decimal): Decimal {
  return sumDecimals(a, [b]);
}

/**
 * `sum` × 10^-`scale` ÷ `over`, rounded half-up to `places`, on integers: what
 * `div(over).toDecimalPlaces(places, ROUND_HALF_UP)` gives, when the dividend and divisor stay
 * safe. decimal.js rounds the quotient to DECIMAL_PRECISION digits first; that cannot move it
 * across a half, which lies at least 1/(2 × divisor) away from any other quotient of these
 * integers. Undefined for anything else.
 */
export function meanScaled(sum: number, scale: number, over: number, places: number): Decimal | undefined {
  if (sum < 0 || over < 1 || !Number.isSafeInteger(over) || places > MAX_SCALE || scale > MAX_SCALE) return undefined;
  const dividend = places >= scale ? sum * power(places - scale) : sum;
  const divisor = places >= scale ? over : over * power(scale - places);
  if (!Number.isSafeInteger(dividend) || !Number.isSafeInteger(divisor)) return undefined;
  const rest = dividend % divisor;
  const kept = (dividend - rest) / divisor + (rest * 2 >= divisor ? 1 : 0);
  return scaledDecimal(kept, places);
}

function sumAsDecimals(start: Decimal, values: readonly Decimal[]): Decimal {
  let sum = start;
  for (const value of values) sum = sum.plus(value);
  return sum;
}
