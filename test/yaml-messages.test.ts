import { describe, expect, it } from "vitest";
import { parseUsage } from "../src/index.js";
import { problemsOf } from "./helpers.js";

// One mistake, one message that says what to do, at the line that is wrong.
describe("YAML mistakes are explained in the author's terms", () => {
  it.each([
    [
      "a thousands separator in { … }",
      "usage: { calls: 1,500, seats: 3 }\n",
      [1, 17],
      "1,500 is split by YAML at the comma inside { … }; write it without a comma (1500, or 10.00 with a dot for decimals)",
    ],
    ["a decimal comma in { … }", "price: { unitPrice: 10,00 }\n", [1, 21], "10,00 is split by YAML"],
    ["a negative number with a separator", "x: { a: -1,000 }\n", [1, 9], "-1,000 is split by YAML"],
    [
      "an unquoted comma in text",
      "note: { text: Hello, world }\n",
      [1, 15],
      'quote it ("Hello, world") or write the mapping one key a line',
    ],
    [
      "a key indented between two levels",
      "editions:\n  - id: free\n   name: Free\n",
      [3, 4],
      'line 3 ("name: Free") is indented 3 spaces, which lines up with no key above it: indent it 4 to go with "id" (line 2), or 0 to go with "editions" (line 1)',
    ],
    [
      "a key indented less than its siblings",
      "a:\n  b: 1\n c: 2\n",
      [3, 2],
      'indent it 2 to go with "b" (line 2), or 0 to go with "a" (line 1)',
    ],
    [
      "keys under a key that has a value",
      "a: 1\n  b: 2\n",
      [2, 3],
      'line 2 ("b: 2") is indented 2 spaces, which lines up with no key above it; the line above already has a value, so it cannot hold keys: indent it 0 to go with "a" (line 1)',
    ],
    [
      "a colon and a space inside a plain value (reported by YAML as a nested mapping on the next line)",
      "meters:\n  - id: calls\n    description: Requests, counted as calls: GET 1×\n    unit: call\n",
      [3, 5],
      'line 3: the value of "description" holds ": " ("Requests, counted as calls:"), which YAML reads as another key; put the value in quotes: description: "Requests, counted as calls: GET 1×"',
    ],
    [
      "a colon inside a plain value of a list item's first key",
      "- name: Plan: Pro\n  fee: 10\n",
      [1, 1],
      'the value of "name" holds ": " ("Plan:"), which YAML reads as another key; put the value in quotes: name: "Plan: Pro"',
    ],
  ])("%s", (_name, text, at, says) => {
    const problems = problemsOf(() => parseUsage(text, "case.yaml"));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: "yaml.syntax", source: { file: "case.yaml", line: at[0], col: at[1] } });
    expect(problems[0]!.message).toContain(says);
  });

  it.each([
    ["commas between entries", "usage: { calls: 1500, seats: 3 }\n"],
    ["a quoted value with a comma", 'note: { text: "Hello, world" }\n'],
    ["a key with no value first", "x: { a, b: 1 }\n"],
    ["a flow list of numbers", "days: [1,500, 2]\n"],
    ["a comma in block text", "note: Hello, world\n"],
  ])("leaves %s alone", (_name, text) => {
    expect(parseUsage(text, "case.yaml").data).toBeTypeOf("object");
  });
});
