import { describe, expect, it } from "vitest";
import { Decimal, decimalString, scaledString, wholeNumber } from "../src/money/decimal.js";
import { groupDigits, groupMoney, groupText, ordinal } from "../src/money/format.js";
import { aggregateWords } from "../src/render/docs/words.js";
import { amountString, moneyText, roundAmount, roundLine, type MoneyPolicy } from "../src/money/policy.js";
import { readDecimal, refusalText } from "../src/money/read-decimal.js";

/** src/money at its edges, case by case (cases chosen by mutation testing, `npm run mutate`). */
const line: MoneyPolicy = { currency: "USD", scale: 2, rounding: "half-up", roundAt: "line" };
const total: MoneyPolicy = { ...line, roundAt: "total" };

describe("scaledString: at least the scale's decimals, never fewer digits", () => {
  const cases: [string, number, string][] = [
    ["5", 2, "5.00"],
    ["0.2", 2, "0.20"],
    ["0.125", 2, "0.125"],
    ["0.12", 2, "0.12"],
    ["0", 2, "0.00"],
    ["-3.1", 2, "-3.10"],
    ["12", 0, "12"],
    ["1.5", 0, "1.5"],
    ["7", 3, "7.000"],
  ];
  it.each(cases)("%s at scale %i is %s", (value, scale, expected) => {
    expect(scaledString(new Decimal(value), scale)).toBe(expected);
  });
});

describe("grouping thousands", () => {
  const cases: [string, string][] = [
    ["999", "999"],
    ["1234", "1,234"],
    ["123456", "123,456"],
    ["1000000", "1,000,000"],
    ["12345.6789", "12,345.6789"],
    ["-123", "-123"],
    ["-1234.5", "-1,234.5"],
    ["-123456", "-123,456"],
    ["0.0001", "0.0001"],
    [".12345", ".12345"],
  ];
  it.each(cases)("groupText(%s) is %s", (text, expected) => {
    expect(groupText(text)).toBe(expected);
  });

  it("groupDigits writes plain digits, never an exponent; groupMoney pads to the scale and keeps extra decimals", () => {
    expect(groupDigits(new Decimal("1e20"))).toBe("100,000,000,000,000,000,000");
    expect(groupDigits(new Decimal("0.000001"))).toBe("0.000001");
    expect([
      groupMoney(new Decimal("1234.5"), 2),
      groupMoney(new Decimal("0.2"), 2),
      groupMoney(new Decimal("0.0008"), 2),
    ]).toEqual(["1,234.50", "0.20", "0.0008"]);
  });
});

describe("the money policy", () => {
  it("rounds lines only when the policy rounds at the line", () => {
    expect(roundLine(new Decimal("2.005"), line).toFixed()).toBe("2.01");
    expect(roundLine(new Decimal("2.005"), total).toFixed()).toBe("2.005");
    expect(roundAmount(new Decimal("2.5"), line).toFixed()).toBe("2.5");
  });

  it("writes a rounded amount at the scale, an unrounded one as it is", () => {
    expect([
      amountString(new Decimal("5"), line, true),
      amountString(new Decimal("5"), line, false),
      amountString(new Decimal("2.005"), total, false),
    ]).toEqual(["5.00", "5", "2.005"]);
  });

  it("words an amount as a billed line would", () => {
    expect(moneyText(new Decimal("1234.567"), line)).toBe("1,234.57 USD");
    expect(moneyText(new Decimal("1234.567"), total)).toBe("1,234.567 USD");
    expect(moneyText(new Decimal("1234"), total)).toBe("1,234 USD");
    expect(moneyText(new Decimal("3"), { ...line, currency: "JPY", scale: 0 })).toBe("3 JPY");
  });
});

describe("readDecimal: exact within the limits (24 digits before the point, 12 after), refused past them", () => {
  const cases: [string, unknown, string][] = [
    ["a safe integer", 5, "5"],
    ["minus zero", -0, "0"],
    ["a negative integer (refused later, as usage)", -5, "-5"],
    ["a float", 1.5, "1.5"],
    ["2^53, past the safe integers", 2 ** 53, "9007199254740992"],
    ["NaN", NaN, "not a number"],
    ["Infinity", Infinity, "not a number"],
    ["a string of digits", "000123", "123"],
    ["a sign and trailing zeros", "+1.50", "1.5"],
    ["an exponent", "1e5", "100000"],
    ["an upper-case exponent with leading zeros", "1E0005", "100000"],
    ["a negative exponent", "25e-3", "0.025"],
    ["24 digits", "9".repeat(24), "9".repeat(24)],
    ["25 digits", "1" + "0".repeat(24), "too large"],
    ["an exponent to 24 digits", "1e23", "1" + "0".repeat(23)],
    ["an exponent to 25 digits", "1e24", "too large"],
    ["leading zeros do not count", "0".repeat(30) + "1", "1"],
    ["12 decimals", "0.000000000001", "0.000000000001"],
    ["13 decimals", "0.0000000000001", "too precise"],
    ["trailing zeros do not count", "1." + "0".repeat(20), "1"],
    ["13 decimals behind a whole part", "1.0000000000001", "too precise"],
    ["an exponent to 12 decimals", "0.1e-11", "0.000000000001"],
    ["an exponent to 13 decimals", "0.1e-12", "too precise"],
    ["a five-digit exponent", "1e10000", "too large"],
    ["a five-digit negative exponent", "1e-10000", "too precise"],
    ["a five-digit exponent, even on zero (never expanded)", "0e99999", "too large"],
    ["a four-digit exponent on zero", "0e1000", "0"],
    ["zero with an exponent", "0e30", "0"],
    ["an exponent with leading zeros", "1e000005", "100000"],
    ["an exponent with a sign and leading zeros", "1e+000005", "100000"],
    ["zero with decimals", "0.000", "0"],
    ["a point alone", ".", "not a number"],
    ["an empty string", "", "not a number"],
    ["words", "12 apples", "not a number"],
    ["hex", "0x10", "not a number"],
    ["a fraction alone", ".5", "0.5"],
    ["a whole part and a point", "5.", "5"],
    ["201 characters", "1".repeat(201), "too large"],
    ["201 letters (refused by length, before they are read)", "a".repeat(201), "too large"],
    ["250 characters of leading zeros", "0".repeat(249) + "1", "too large"],
    ["200 characters", "0".repeat(199) + "1", "1"],
    ["null", null, "not a number"],
    ["an object", {}, "not a number"],
    ["a boolean", true, "not a number"],
  ];
  it.each(cases)("%s", (_name, raw, expected) => {
    const value = readDecimal(raw);
    expect(typeof value === "string" ? value : value.toFixed()).toBe(expected);
  });

  it("says which limit a refusal refers to", () => {
    expect([refusalText("too large"), refusalText("too precise"), refusalText("not a number")]).toEqual([
      "which is above the limit of 24 digits before the decimal point",
      "which has more than 12 digits after the decimal point",
      "which is not a number",
    ]);
  });
});

describe("wholeNumber: a whole number below 10^15 as a number, anything else undefined", () => {
  const cases: [string, number | undefined][] = [
    ["0", 0],
    ["7", 7],
    ["9999999", 9999999],
    ["10000000", 10000000],
    ["20000000", 20000000],
    ["12345678901234", 12345678901234],
    ["100000000000000", 100000000000000],
    ["999999999999999", 999999999999999],
    ["1000000000000000", undefined],
    ["-5", -5],
    ["-10000001", -10000001],
    ["0.5", undefined],
    ["12.000000000001", undefined],
    ["1e20", undefined],
  ];
  it.each(cases)("%s → %s", (text, expected) => {
    expect(wholeNumber(new Decimal(text))).toBe(expected);
  });

  it("reads minus zero as zero, and writes decimals without an exponent", () => {
    expect(Object.is(wholeNumber(new Decimal("-0")), 0)).toBe(true);
    expect([decimalString(new Decimal("1e-12")), decimalString(new Decimal("1e23"))]).toEqual([
      "0.000000000001",
      "100000000000000000000000",
    ]);
  });
});

describe("ordinals in words", () => {
  it.each([
    ["1", "1st"],
    ["2", "2nd"],
    ["3", "3rd"],
    ["4", "4th"],
    ["11", "11th"],
    ["12", "12th"],
    ["13", "13th"],
    ["21", "21st"],
    ["99", "99th"],
    ["100", "100th"],
    ["111", "111th"],
    ["99.9", "99.9th"],
  ])("%s → %s", (number, words) => {
    expect(ordinal(number)).toBe(words);
  });

  it("pricing pages name a percentile meter's rank the same way", () => {
    const words = (percentile: string) =>
      aggregateWords({ id: "m", name: "M", unit: "host", aggregate: "percentile", percentile, input: "hourly" });
    expect([words("1"), words("95")]).toEqual([
      "charged on the 1st percentile (nearest rank) of the hourly values (UTC) of the calendar month",
      "charged on the 95th percentile (nearest rank) of the hourly values (UTC) of the calendar month",
    ]);
  });
});
