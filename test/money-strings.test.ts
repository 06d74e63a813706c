import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal, decimalString, scaledString } from "../src/money/decimal.js";
import { HEAVY } from "./timeouts.js";

/** Digits scaled by a power of ten: whole numbers, money amounts, long fractions, tiny and huge values, negatives. */
const decimal = fc
  .tuple(
    fc.oneof(fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }), fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n })),
    fc.integer({ min: -12, max: 20 }),
  )
  .map(([digits, places]) => new Decimal(`${digits}e${-places}`));

describe("decimal strings written from the digits", () => {
  it("decimalString is toFixed() for every value", HEAVY, () => {
    fc.assert(
      fc.property(decimal, (value) => {
        expect(decimalString(value)).toBe(value.toFixed());
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    ["0", "0"],
    ["-0", "0"],
    ["1", "1"],
    ["-1", "-1"],
    ["0.5", "0.5"],
    ["-0.0000001", "-0.0000001"],
    ["0.00000001", "0.00000001"],
    ["8549.81", "8549.81"],
    ["999999999999999.9999999", "999999999999999.9999999"],
    ["1000000000000000.5", "1000000000000000.5"],
    ["10000000.0000001", "10000000.0000001"],
    ["12.12345678", "12.12345678"],
    ["1e21", "1000000000000000000000"],
  ])("%s is written %s", (text, written) => expect(decimalString(new Decimal(text))).toBe(written));

  it("scaledString pads to the scale as before", () => {
    expect(scaledString(new Decimal("449.9"), 2)).toBe("449.90");
    expect(scaledString(new Decimal("12"), 2)).toBe("12.00");
    expect(scaledString(new Decimal("0.125"), 2)).toBe("0.125");
  });
});
