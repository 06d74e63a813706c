import { Decimal as PlainDecimal } from "decimal.js";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Decimal } from "../src/money/decimal.js";
import {
  meanScaled,
  plusDecimal,
  power,
  readScaled,
  roundScaled,
  scaledDecimal,
  scaledOf,
  sumDecimals,
  type Scaled,
} from "../src/money/scaled.js";

/**
 * src/money/scaled.ts at its edges, case by case (cases chosen by mutation testing): every
 * expected value is written out by hand, and each Decimal is also checked field for field against
 * the one plain decimal.js computes, since scaled.ts writes decimal.js's fields itself.
 */

/** Everything of a Decimal that decimal.js computes with. */
function fields(value: Decimal) {
  return { keys: Object.keys(value), s: value.s, e: value.e, d: value.d && [...value.d] };
}

/** The same value as plain decimal.js makes it from text (its default precision is ample for these). */
function plain(text: string): Decimal {
  return new Decimal(new PlainDecimal(text).toFixed());
}

const { ROUND_UP, ROUND_DOWN, ROUND_HALF_UP, ROUND_HALF_DOWN, ROUND_HALF_EVEN, ROUND_CEIL, ROUND_FLOOR } = Decimal;
const MAX = Number.MAX_SAFE_INTEGER;

describe("power: 10^0 … 10^15, NaN past them", () => {
  it.each<[number, number]>([
    [0, 1],
    [1, 10],
    [7, 10_000_000],
    [15, 1_000_000_000_000_000],
    [16, Number.NaN],
    [-1, Number.NaN],
  ])("power(%i) is %d", (exponent, expected) => {
    expect(power(exponent)).toBe(expected);
  });
});

describe("readScaled: exact mantissa and scale, or undefined", () => {
  const cases: [string, unknown, Scaled | undefined][] = [
    ["the number 0", 0, { mantissa: 0, scale: 0 }],
    ["minus zero, read as 0", -0, { mantissa: 0, scale: 0 }],
    ["the number 7", 7, { mantissa: 7, scale: 0 }],
    ["the largest safe integer", MAX, { mantissa: MAX, scale: 0 }],
    ["a negative number", -1, undefined],
    ["a fraction as a number", 1.5, undefined],
    ["2^53", 2 ** 53, undefined],
    ["the text 0", "0", { mantissa: 0, scale: 0 }],
    ["the text 9 (the last digit code)", "9", { mantissa: 9, scale: 0 }],
    ["leading zeros", "007", { mantissa: 7, scale: 0 }],
    ["nines and zeros around a point", "90.09", { mantissa: 9009, scale: 2 }],
    ["one decimal", "40.6", { mantissa: 406, scale: 1 }],
    ["a point first", ".5", { mantissa: 5, scale: 1 }],
    ["a point first, two decimals", ".25", { mantissa: 25, scale: 2 }],
    ["a point last", "5.", { mantissa: 5, scale: 0 }],
    ["15 digits", "123456789012345", { mantissa: 123456789012345, scale: 0 }],
    ["16 characters, 15 of them digits", "1234567890.12345", { mantissa: 123456789012345, scale: 5 }],
    ["12 decimals (the limit)", "0.123456789012", { mantissa: 123456789012, scale: 12 }],
    ["13 decimals", "0.1234567890123", undefined],
    ["16 digits", "1234567890123456", undefined],
    ["17 characters", "12345678901234567", undefined],
    ["a second point after a point first", ".1.2", undefined],
    ["a second point last", "1.2.", undefined],
    ["an empty string", "", undefined],
    ["a point alone", ".", undefined],
    ["a slash (the code before 0)", "1/2", undefined],
    ["a colon (the code after 9)", "1:2", undefined],
    ["a minus sign", "-1", undefined],
    ["an exponent", "1e3", undefined],
    ["null", null, undefined],
    ["a list", ["1"], undefined],
  ];
  it.each(cases)("%s", (_name, raw, expected) => {
    expect(readScaled(raw)).toEqual(expected);
  });
});

describe("scaledDecimal(m, k): the Decimal m × 10^-k, decimal.js's fields and all", () => {
  const cases: [number, number, string][] = [
    [0, 0, "0"],
    [0, 3, "0"],
    [7, 0, "7"],
    [1023, 0, "1023"],
    [1024, 0, "1024"],
    [5000, 3, "5"],
    [-5000, 3, "-5"],
    [-5, 0, "-5"],
    [-1, 2, "-0.01"],
    [7, 1, "0.7"],
    [1234567, 3, "1234.567"],
    [1, 7, "0.0000001"],
    [1, 8, "0.00000001"],
    [1, 14, "0.00000000000001"],
    [10000001, 14, "0.00000010000001"],
    [12345678, 7, "1.2345678"],
    [123456789, 8, "1.23456789"],
    [9999999, 0, "9999999"],
    [10000000, 0, "10000000"],
    [10000000000000, 7, "1000000"],
    [100000000000000, 0, "100000000000000"],
    [100000000000001, 0, "100000000000001"],
    [MAX, 0, "9007199254740991"],
    [MAX, 14, "90.07199254740991"],
    [-MAX, 7, "-900719925.4740991"],
    [2 ** 60, 3, "1152921504606847"], // its text, 1152921504606847000,
    [123, 20, "0.00000000000000000123"],
    [1.5, 0, "1.5"],
  ];
  it.each(cases)("scaledDecimal(%d, %i) is %s", (mantissa, scale, text) => {
    const made = scaledDecimal(mantissa, scale);
    expect(made.toFixed()).toBe(text);
    expect(fields(made)).toEqual(fields(plain(text)));
  });
});

describe("scaledOf: a Decimal's own digits as a safe integer and its decimals", () => {
  const cases: [string, Scaled | undefined][] = [
    ["0", { mantissa: 0, scale: 0 }],
    ["12.50", { mantissa: 125, scale: 1 }],
    ["100", { mantissa: 100, scale: 0 }],
    ["10000000", { mantissa: 10000000, scale: 0 }],
    ["1e15", { mantissa: 1e15, scale: 0 }],
    ["9007199254740991", { mantissa: MAX, scale: 0 }],
    ["9007199254740992", undefined],
    ["1e20", undefined],
    ["-3.25", { mantissa: -325, scale: 2 }],
    ["-1e-7", { mantissa: -1, scale: 7 }],
    ["1234567.1234567", { mantissa: 12345671234567, scale: 7 }],
    ["1.00000000000001", { mantissa: 100000000000001, scale: 14 }],
    ["100000000000001", { mantissa: 100000000000001, scale: 0 }],
    ["0.5", { mantissa: 5, scale: 1 }],
    ["0.00000000000001", { mantissa: 1, scale: 14 }],
    ["1e-21", { mantissa: 1, scale: 21 }],
    ["1e-22", undefined],
    ["123456789012345678901", undefined],
    ["-0", undefined],
  ];
  it.each(cases)("scaledOf(%s)", (text, expected) => {
    expect(scaledOf(new Decimal(text))).toEqual(expected);
  });
});

describe("roundScaled: toDecimalPlaces in the money policy's modes, or undefined", () => {
  const cases: [string, number, PlainDecimal.Rounding, string | undefined][] = [
    ["2.5", 0, ROUND_HALF_UP, "3"],
    ["2.49", 0, ROUND_HALF_UP, "2"],
    ["0.5", 0, ROUND_HALF_UP, "1"],
    ["0.4", 0, ROUND_HALF_UP, "0"],
    ["12.345", 2, ROUND_HALF_UP, "12.35"],
    ["2.5", 0, ROUND_HALF_DOWN, "2"],
    ["2.51", 0, ROUND_HALF_DOWN, "3"],
    ["2.6", 0, ROUND_HALF_DOWN, "3"],
    ["12.345", 2, ROUND_HALF_DOWN, "12.34"],
    ["2.5", 0, ROUND_HALF_EVEN, "2"],
    ["3.5", 0, ROUND_HALF_EVEN, "4"],
    ["0.5", 0, ROUND_HALF_EVEN, "0"],
    ["1.5", 0, ROUND_HALF_EVEN, "2"],
    ["2.51", 0, ROUND_HALF_EVEN, "3"],
    ["3.49", 0, ROUND_HALF_EVEN, "3"],
    ["2.15", 1, ROUND_HALF_EVEN, "2.2"],
    ["2.25", 1, ROUND_HALF_EVEN, "2.2"],
    ["12.345", 2, ROUND_HALF_EVEN, "12.34"],
    ["2.01", 0, ROUND_UP, "3"],
    ["2.00001", 2, ROUND_UP, "2.01"],
    ["2.99", 0, ROUND_DOWN, "2"],
    ["1234567.89", 1, ROUND_HALF_UP, "1234567.9"],
    ["0.00000000000001", 2, ROUND_HALF_UP, "0"],
    ["-2.5", 0, ROUND_HALF_UP, "-3"],
    ["-2.5", 0, ROUND_HALF_DOWN, "-2"],
    ["-2.5", 0, ROUND_HALF_EVEN, "-2"],
    ["-3.5", 0, ROUND_HALF_EVEN, "-4"],
    ["-2.01", 0, ROUND_UP, "-3"],
    ["-2.99", 0, ROUND_DOWN, "-2"],
    ["-1.005", 2, ROUND_HALF_UP, "-1.01"],
    // decimal.js keeps the sign of a negative value rounded to zero (-0): left to it.
    ["-0.4", 0, ROUND_HALF_UP, undefined],
    ["-0.001", 2, ROUND_DOWN, undefined],
    // Rounding modes the money policy does not name.
    ["2.1", 0, ROUND_CEIL, undefined],
    ["2.1", 0, ROUND_FLOOR, undefined],
    ["1.25", -1, ROUND_HALF_UP, undefined],
    // More than 14 decimals, and more than three words.
    ["0.000000000000001", 2, ROUND_HALF_UP, undefined],
    ["123456789012345678.9", 0, ROUND_HALF_UP, undefined],
  ];
  it.each(cases)("%s to %i places in mode %i is %s", (text, places, mode, expected) => {
    const rounded = roundScaled(new Decimal(text), places, mode);
    expect(rounded && { text: rounded.toFixed(), ...fields(rounded) }).toEqual(
      expected === undefined
        ? undefined
        : { text: expected, ...fields(new PlainDecimal(text).toDecimalPlaces(places, mode)) },
    );
  });

  it.each<[string, number]>([
    ["1.25", 2],
    ["1.25", 3],
    ["7", 0],
  ])("%s to %i places is the value itself", (text, places) => {
    const value = new Decimal(text);
    expect(roundScaled(value, places, ROUND_HALF_UP)).toBe(value);
  });
});

describe("sumDecimals and plusDecimal: exact sums, past 2^53 too", () => {
  const cases: [string, string, string[], string][] = [
    ["nothing added", "0", [], "0"],
    ["two decimals", "1.5", ["2.25"], "3.75"],
    ["tenths", "0.1", ["0.2"], "0.3"],
    ["to zero", "-1.5", ["1.5"], "0"],
    ["different scales", "1.005", ["2", "0.5"], "3.505"],
    ["negative values", "10", ["-0.25", "-0.75"], "9"],
    ["up to 2^53 - 1", "9007199254740990", ["1"], "9007199254740991"],
    ["past 2^53", "9007199254740990", ["2"], "9007199254740992"],
    ["two safe values whose sum is not", "9007199254740991", ["9007199254740991"], "18014398509481982"],
    ["two halves past 2^53", "4503599627370496.5", ["4503599627370496.5"], "9007199254740993"],
    ["a start past 2^53 at the sum's scale", "900719925474099.1", ["0.01"], "900719925474099.11"],
    ["a value past 2^53 at the sum's scale", "0.01", ["900719925474099.1"], "900719925474099.11"],
    ["a value of 15 decimals", "1", ["0.000000000000001"], "1.000000000000001"],
    ["a start of 15 decimals", "0.000000000000001", ["1"], "1.000000000000001"],
    ["a start of 21 digits", "1e20", ["1"], "100000000000000000001"],
    ["a value of 21 digits", "1", ["1e20"], "100000000000000000001"],
    ["14 decimals", "0.00000000000001", ["0.00000000000002"], "0.00000000000003"],
  ];
  it.each(cases)("%s: %s + %j is %s", (_name, start, values, expected) => {
    const sum = sumDecimals(
      new Decimal(start),
      values.map((value) => new Decimal(value)),
    );
    expect(sum.toFixed()).toBe(expected);
    expect(fields(sum)).toEqual(fields(plain(expected)));
    const pairwise = values.reduce((total, value) => plusDecimal(total, new Decimal(value)), new Decimal(start));
    expect(pairwise.toFixed()).toBe(expected);
  });
});

describe("meanScaled: sum × 10^-scale ÷ over, half-up to places, or undefined", () => {
  const cases: [number, number, number, number, string | undefined][] = [
    [10, 0, 4, 0, "3"],
    [10, 0, 4, 1, "2.5"],
    [9, 0, 4, 0, "2"],
    [14, 0, 4, 0, "4"],
    [1, 0, 3, 2, "0.33"],
    [2, 0, 3, 2, "0.67"],
    [5, 1, 2, 1, "0.3"],
    [5, 1, 2, 0, "0"],
    [15, 1, 2, 0, "1"],
    [125, 2, 1, 1, "1.3"],
    [124, 2, 1, 1, "1.2"],
    [7, 2, 2, 2, "0.04"],
    [5, 0, 1, 0, "5"],
    [0, 0, 7, 2, "0"],
    [1, 0, 3, 14, "0.33333333333333"],
    [1, 14, 1, 14, "0.00000000000001"],
    [MAX, 0, 1, 0, "9007199254740991"],
    [5, 0, 0, 0, undefined],
    [5, 0, 1.5, 0, undefined],
    [5, 0, 2 ** 53, 0, undefined],
    [-1, 0, 3, 0, undefined],
    [1, 0, 3, 15, undefined],
    [1, 15, 1, 0, undefined],
    [MAX, 0, 3, 1, undefined],
    [5, 14, 744, 0, undefined],
  ];
  it.each(cases)("meanScaled(%d, %i, %d, %i) is %s", (sum, scale, over, places, expected) => {
    const mean = meanScaled(sum, scale, over, places);
    const byDecimalJs = new PlainDecimal(`${sum}e-${scale}`).div(over).toDecimalPlaces(places, ROUND_HALF_UP);
    expect(mean && { text: mean.toFixed(), ...fields(mean) }).toEqual(
      expected === undefined ? undefined : { text: expected, ...fields(byDecimalJs) },
    );
  });
});

describe("sumDecimals leaves to decimal.js only what scaled integers cannot sum", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });
  it.each<[string, string, string[], boolean]>([
    ["a value with fewer decimals", "1.5", ["2"], false],
    ["a value with more decimals", "1", ["0.25"], false],
    ["values of either sign", "-2.5", ["1.25", "0.5"], false],
    ["a start of 14 decimals", "0.00000000000001", ["1"], false],
    ["a value of 14 decimals", "1", ["0.00000000000001"], false],
    ["a sum of 2^53 - 1", "9007199254740990", ["1"], false],
    ["a start of 15 decimals", "0.000000000000001", ["1"], true],
    ["a value of 15 decimals", "1", ["0.000000000000001"], true],
    ["a sum past 2^53", "9007199254740991", ["1"], true],
    ["a start past 2^53 at the sum's scale", "900719925474099.1", ["0.01"], true],
    ["a value past 2^53 at the sum's scale", "0.01", ["900719925474099.1"], true],
  ])("%s: decimal.js sums it: %s", (_name, start, values, byDecimalJs) => {
    const plus = vi.spyOn(Decimal.prototype, "plus");
    sumDecimals(
      new Decimal(start),
      values.map((value) => new Decimal(value)),
    );
    expect(plus.mock.calls.length > 0).toBe(byDecimalJs);
  });
});
