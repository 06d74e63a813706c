import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "../src/money/decimal.js";
import { readDecimal } from "../src/money/read-decimal.js";
import { ROUNDING_MODES } from "../src/money/rounding.js";
import {
  meanScaled,
  plusDecimal,
  readScaled,
  roundScaled,
  scaledDecimal,
  scaledOf,
  sumDecimals,
} from "../src/money/scaled.js";

const HEAVY = { timeout: 60_000 };
const RUNS = { numRuns: 2_000 };

/** Everything of a Decimal that decimal.js computes with: its own fields, in order, and their values. */
function fields(value: Decimal) {
  return { keys: Object.keys(value), s: value.s, e: value.e, d: value.d && [...value.d], ctor: value.constructor };
}

const safe = fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
const small = fc.integer({ min: -1_000_000, max: 1_000_000 });
const mantissa = fc.oneof(safe, small, fc.constantFrom(0, 1, -1, 9_999_999, 10_000_000, Number.MAX_SAFE_INTEGER));
const scale = fc.integer({ min: 0, max: 14 });
/** Values of up to 40 digits at up to 30 decimals, negatives and -0 among them: most cannot be scaled and must fall back. */
const wide = fc
  .tuple(fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }), fc.integer({ min: 0, max: 30 }))
  .map(([digits, places]) => new Decimal(`${digits}e-${places}`));
const decimal = fc.oneof(
  fc.tuple(mantissa, scale).map(([m, k]) => new Decimal(`${m}e-${k}`)),
  wide,
  fc.constantFrom(new Decimal("-0"), new Decimal(0), new Decimal("1e20"), new Decimal("-0.00000000000001")),
);
const modes = fc.constantFrom(...Object.values(ROUNDING_MODES));

describe("scaled integers agree with decimal.js", () => {
  it("scaledDecimal(m, k) is the Decimal decimal.js reads from m × 10^-k, field for field", HEAVY, () => {
    fc.assert(
      fc.property(mantissa, scale, (m, k) => {
        expect(fields(scaledDecimal(m, k))).toEqual(fields(new Decimal(`${m}e-${k}`)));
      }),
      RUNS,
    );
  });

  it.each<[string, number, number]>([
    ["a mantissa past 2^53", 2 ** 60, 3],
    ["a scale past 14", 123, 20],
    ["a fractional mantissa", 1.5, 0],
  ])("scaledDecimal with %s reads its text instead, and agrees", (_name, m, k) => {
    expect(fields(scaledDecimal(m, k))).toEqual(fields(new Decimal(`${m}e-${k}`)));
  });

  it(
    "plain decimal text of up to 16 characters: readScaled reads what decimal.js reads, or leaves it to readDecimal",
    HEAVY,
    () => {
      const text = fc.stringMatching(/^[0-9]{0,12}(\.[0-9]{0,14})?$/);
      fc.assert(
        fc.property(text, (raw) => {
          const scaled = readScaled(raw);
          const read = readDecimal(raw);
          // Text decimal.js cannot read ("", ".") is refused, and never scaled.
          fc.pre(typeof read !== "string" || scaled !== undefined);
          const made = scaled ? scaledDecimal(scaled.mantissa, scaled.scale) : read;
          expect([fields(made as Decimal), fields(read as Decimal)]).toEqual([
            fields(new Decimal(raw)),
            fields(new Decimal(raw)),
          ]);
        }),
        RUNS,
      );
    },
  );

  it.each<[string, unknown, boolean]>([
    ["digits", "40.6", true],
    ["a whole number", 12, true],
    ["a point first", ".5", true],
    ["a point last", "5.", true],
    ["a sign", "-1", false],
    ["a plus sign", "+1", false],
    ["an exponent", "1e3", false],
    ["two points", "1.2.3", false],
    ["only a point", ".", false],
    ["16 digits", "1234567890123456", false],
    ["13 decimals (past the limit of 12)", "0.1234567890123", false],
    ["a negative number", -3, false],
    ["a fraction as a number", 1.5, false],
    ["an unsafe integer", 2 ** 60, false],
    ["a space", " 1", false],
  ])("readScaled of %s: scaled %s", (_name, raw, scaledToo) => {
    expect(readScaled(raw) !== undefined).toBe(scaledToo);
  });

  it("scaledOf gives back the value, or nothing (never a wrong one)", HEAVY, () => {
    let scaledSome = 0;
    fc.assert(
      fc.property(decimal, (value) => {
        const scaled = scaledOf(value);
        if (!scaled) return;
        scaledSome++;
        expect(Number.isSafeInteger(scaled.mantissa)).toBe(true);
        expect(new Decimal(`${scaled.mantissa}e-${scaled.scale}`).eq(value)).toBe(true);
        expect(scaled.scale).toBe(value.decimalPlaces());
      }),
      RUNS,
    );
    expect(scaledSome).toBeGreaterThan(RUNS.numRuns / 4);
  });

  it("roundScaled is toDecimalPlaces in every money rounding mode, -0 and all, whenever it answers", HEAVY, () => {
    let answered = 0;
    fc.assert(
      fc.property(decimal, fc.integer({ min: 0, max: 8 }), modes, (value, places, mode) => {
        const rounded = roundScaled(value, places, mode);
        if (!rounded) return;
        answered++;
        expect(fields(rounded)).toEqual(fields(value.toDecimalPlaces(places, mode)));
      }),
      RUNS,
    );
    expect(answered).toBeGreaterThan(RUNS.numRuns / 4);
  });

  it.each<[string, string, number]>([
    ["a negative value rounding to zero (-0)", "-0.001", Decimal.ROUND_HALF_UP],
    ["a value of more than 15 digits", "123456789012345.678", Decimal.ROUND_HALF_UP],
    ["a rounding the money policy does not name", "2.5", Decimal.ROUND_CEIL],
  ])("roundScaled leaves %s to decimal.js", (_name, value, mode) => {
    expect(roundScaled(new Decimal(value), 0, mode)).toBeUndefined();
  });

  it("sumDecimals and plusDecimal are decimal.js's plus, field for field, huge values and -0 included", HEAVY, () => {
    fc.assert(
      fc.property(decimal, fc.array(decimal, { maxLength: 6 }), (start, values) => {
        const byDecimalJs = values.reduce((sum, value) => sum.plus(value), start);
        expect(fields(sumDecimals(start, values))).toEqual(fields(byDecimalJs));
        const pairwise = values.reduce((sum, value) => plusDecimal(sum, value), start);
        expect(fields(pairwise)).toEqual(fields(byDecimalJs));
      }),
      RUNS,
    );
  });

  it("meanScaled is div(over).toDecimalPlaces(places, half-up), near 2^53 too", HEAVY, () => {
    const sum = fc.oneof(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 0, max: 10_000 }));
    const over = fc.oneof(fc.integer({ min: 1, max: 744 }), fc.constantFrom(1, 28, 30, 31, 7, 3));
    let answered = 0;
    fc.assert(
      fc.property(sum, scale, over, fc.integer({ min: 0, max: 14 }), (total, k, days, places) => {
        const mean = meanScaled(total, k, days, places);
        if (!mean) return;
        answered++;
        const byDecimalJs = new Decimal(`${total}e-${k}`).div(days).toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
        expect(fields(mean)).toEqual(fields(byDecimalJs));
      }),
      RUNS,
    );
    expect(answered).toBeGreaterThan(RUNS.numRuns / 4);
  });

  it.each<[string, number, number, number, number]>([
    ["a negative sum", -5, 0, 3, 2],
    ["a divisor past 2^53", 5, 14, 744, 0],
    ["a dividend past 2^53", Number.MAX_SAFE_INTEGER, 0, 3, 6],
    ["more places than 14", 5, 0, 3, 15],
  ])("meanScaled leaves %s to decimal.js", (_name, total, k, over, places) => {
    expect(meanScaled(total, k, over, places)).toBeUndefined();
  });
});
