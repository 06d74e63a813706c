import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { exampleFiles } from "../src/examples/run-examples.js";
import { quote, type UsageDocument } from "../src/index.js";
import { proDocuments } from "../bench/documents.js";
import { leanOf, yardstickKnows, yardstickQuote, type YardstickDocument } from "../bench/yardstick.js";
import { RULES, tencent } from "./helpers.js";

/** The bundled examples the hand-written yardstick prices, read as plain documents (expectations dropped). */
const examples = exampleFiles(join(RULES, "tencent-im"))
  .map((file) => {
    const {
      expect: _expected,
      name: _name,
      description: _description,
      ...doc
    } = parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    return [file.slice(file.lastIndexOf("/") + 1), { ...doc, period: String(doc.period) }] as const;
  })
  .filter(([, doc]) => yardstickKnows(doc as unknown as YardstickDocument));

/** The bench compares the library with the yardstick; that is fair only while both price alike. */
describe("the yardstick prices as the library does", () => {
  it("prices several bundled examples", () => expect(examples.map(([file]) => file).length).toBeGreaterThanOrEqual(4));

  it.each(examples)("%s", (_file, doc) => {
    expect(yardstickQuote(doc as unknown as YardstickDocument)).toEqual(leanOf(quote(tencent, doc as UsageDocument)));
  });

  it("prices the bench's generated documents alike", () => {
    for (const doc of proDocuments(300, 7)) {
      const known = doc as unknown as YardstickDocument;
      expect(yardstickKnows(known)).toBe(true);
      expect(yardstickQuote(known)).toEqual(leanOf(quote(tencent, doc)));
    }
  });
});
