import { describe, expect, it } from "vitest";
import { localMoney, localNumber } from "../src/money/locale-format.js";
import { PriceNotes, unitPriceWords, type Currency } from "../src/render/docs/words.js";

describe("amounts in the customer's locale, fed exact decimal strings", () => {
  it.each([
    ["0.00005", "USD", "en-US", "$0.00005"],
    ["2219.90", "USD", "en-US", "$2,219.90"],
    // More digits than a double holds: Intl.NumberFormat reads the string, not a float.
    ["123456789012345678901.123456789012", "USD", "en-US", "$123,456,789,012,345,678,901.123456789012"],
    ["9007199254740993.01", "EUR", "de-DE", "9.007.199.254.740.993,01\u00a0€"],
    ["-20.20", "USD", "en-US", "-$20.20"],
    ["1000", "JPY", "ja-JP", "￥1,000"],
    // Past Intl's 20 fraction digits, the digits are grouped by hand and the code follows.
    ["0.000000000000000000001", "USD", "en-US", "0.000000000000000000001 USD"],
  ])("%s %s in %s: %s", (text, currency, locale, expected) => {
    expect(localMoney(text, currency, locale)).toBe(expected);
  });

  it.each([
    ["23457", "en-US", "23,457"],
    ["12.5", "de-DE", "12,5"],
    ["100000.000001", "en-US", "100,000.000001"],
  ])("count %s in %s: %s", (text, locale, expected) => {
    expect(localNumber(text, locale)).toBe(expected);
  });
});

describe("unit prices in customers' words", () => {
  it.each([
    ["0.015", undefined, "$0.015 per event", []],
    ["0.00005", undefined, "$50.00 per million events¹", ["¹ $50.00 per million events is $0.00005 per event."]],
    ["0.0002", undefined, "$0.20 per 1,000 events¹", ["¹ $0.20 per 1,000 events is $0.0002 per event."]],
    ["2.50", "1000000", "$2.50 per million events", []],
    ["0.15", "1000", "$0.15 per 1,000 events", []],
    ["5", "10", "$5.00 per 10 events", []],
    ["0", undefined, "$0.00 per event", []],
    [
      "0.0000000000001",
      undefined,
      "$0.0001 per billion events¹",
      ["¹ $0.0001 per billion events is $0.0000000000001 per event."],
    ],
  ])("%s per %s: %s", (price, per, words, notes) => {
    const currency: Currency = { code: "USD", scale: 2, locale: "en-US", notes: new PriceNotes() };
    expect(unitPriceWords(price, per, "event", "events", currency)).toBe(words);
    expect(currency.notes!.items()).toEqual(notes);
  });

  it("gives the same note the same marker, and numbers new ones on", () => {
    const notes = new PriceNotes();
    expect([notes.add("a"), notes.add("b"), notes.add("a")]).toEqual(["¹", "²", "¹"]);
    for (let i = 3; i <= 12; i++) notes.add(String(i));
    expect(notes.items().at(-1)).toBe("¹² 12");
  });
});
